import { describe, expect, it } from 'vitest';
import { NOTE_MAX_CHARS } from '../../source/model/session-types.js';
import { createLineReader } from '../../source/share/line-reader.js';
import { encodeLine, parseDriverLine, parseFollowerLine } from '../../source/share/protocol.js';
import { admit } from '../../source/share/rate.js';
import { newToken, tokensEqual } from '../../source/share/token.js';

const line = (value: unknown): string => JSON.stringify(value);

describe('follower messages are schema-checked', () => {
  it.each([
    [{ type: 'hello', token: 't', name: 'sre@bastion' }, true],
    [{ type: 'note', text: 'memory climbs since 02:10' }, true],
    [{ type: 'point', text: 'check NetworkIn at 02:30', instanceId: 'i-0abc1234' }, true],
    [{ type: 'hello', token: 't', name: 'x'.repeat(65) }, false],
    [{ type: 'hello', token: '', name: 'sre' }, false],
    [{ type: 'hello', token: 't', name: 'sre', admin: true }, false],
    [{ type: 'note', text: 'two\nlines' }, false],
    [{ type: 'note', text: 'escape \u001b[2J' }, false],
    [{ type: 'note', text: '   ' }, false],
    [{ type: 'note', text: 'x'.repeat(NOTE_MAX_CHARS + 1) }, false],
    [{ type: 'note', text: 'x'.repeat(NOTE_MAX_CHARS) }, true],
    [{ type: 'point', text: 'ok', instanceId: 'i-1; rm -rf /' }, false],
    [{ type: 'note', text: 'ok', run: 'reboot' }, false],
    [{ type: 'action', plan: 'stop-start' }, false],
    [['note', 'text'], false],
    ['note', false],
  ])('%j → accepted %s', (value, accepted) => {
    expect(parseFollowerLine(line(value)).ok).toBe(accepted);
  });

  it('refuses text that is not JSON with a reason', () => {
    expect(parseFollowerLine('{"type":"note"')).toEqual({ ok: false, reason: 'not JSON' });
  });

  it('a tagged Map where an object should be is not a message', () => {
    expect(parseFollowerLine(line({ $map: [['type', 'note']] })).ok).toBe(false);
  });
});

describe('driver messages', () => {
  it('a state keeps Maps and Dates through the wire', () => {
    const value = { fleet: new Map([['i-1', { at: new Date(5) }]]) };
    const encoded = encodeLine({ type: 'state', channel: 'fleet', value });
    expect(encoded.endsWith('\n')).toBe(true);
    expect(encoded.slice(0, -1)).not.toContain('\n');
    expect(parseDriverLine(encoded.slice(0, -1))).toEqual({ ok: true, message: { type: 'state', channel: 'fleet', value } });
  });

  it.each([
    [{ type: 'welcome', driver: 'oncall@bastion' }, true],
    [{ type: 'welcome' }, false],
    [{ type: 'refused', reason: 'wrong token' }, true],
    [{ type: 'state', channel: 'c' }, false],
    [{ type: 'bye' }, true],
    [{ type: 'run', command: 'x' }, false],
  ])('%j → accepted %s', (value, accepted) => {
    expect(parseDriverLine(line(value)).ok).toBe(accepted);
  });
});

describe('the token', () => {
  it('is 128 random bits in base64url', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(16);
    expect(newToken()).not.toBe(a);
  });

  it('compares equal only when equal, whatever the lengths', () => {
    const token = newToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token.slice(0, -1)}x`, token)).toBe(token.endsWith('x'));
    expect(tokensEqual(token.slice(0, 4), token)).toBe(false);
    expect(tokensEqual(`${token}${token}`, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });
});

describe('the rate limit', () => {
  const limit = { max: 3, windowMs: 1_000 };
  it('admits max sends per window, then again once the oldest leaves it', () => {
    let times: readonly number[] = [];
    const results: boolean[] = [];
    for (const now of [0, 10, 20, 30, 999, 1_000, 1_005]) {
      const next = admit(times, now, limit);
      times = next.times;
      results.push(next.allowed);
    }
    expect(results).toEqual([true, true, true, false, false, true, false]);
  });
});

describe('the line reader', () => {
  it('splits lines across chunks, UTF-8 split mid-character included', () => {
    const reader = createLineReader(100);
    const bytes = Buffer.from('héllo\nwörld\n', 'utf8');
    const first = reader.feed(bytes.subarray(0, 2));
    const second = reader.feed(bytes.subarray(2, 9));
    const third = reader.feed(bytes.subarray(9));
    expect([...first.lines, ...second.lines, ...third.lines]).toEqual(['héllo', 'wörld']);
  });

  it('reports a line over the limit at once, before its newline, and stays closed', () => {
    const reader = createLineReader(10);
    expect(reader.feed(Buffer.from('0123456789'))).toEqual({ lines: [], overflow: false });
    expect(reader.feed(Buffer.from('x'))).toEqual({ lines: [], overflow: true });
    expect(reader.feed(Buffer.from('ok\n'))).toEqual({ lines: [], overflow: true });
  });

  it('a line of exactly the limit passes; one byte more does not, even inside one chunk', () => {
    expect(createLineReader(4).feed(Buffer.from('abcd\nef\n')).lines).toEqual(['abcd', 'ef']);
    expect(createLineReader(4).feed(Buffer.from('ab\nabcde\n')).overflow).toBe(true);
  });
});
