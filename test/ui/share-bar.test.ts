import { describe, expect, it } from 'vitest';
import { followersText, shareBarLines, wrapWhole } from '../../source/ui/components/share-bar.js';

const command = 'ec2-triage follow /run/user/1000/ec2-triage/share-4242.sock --token tvMxkvyIUTpJBYw3ddXTlg';

describe('the share bar', () => {
  it('is one line when it fits', () => {
    expect(shareBarLines({ followCommand: command, followers: [], refused: 0 }, 200)).toEqual([`follow: ${command} · nobody follows yet`]);
  });

  it('at 80 columns: two lines, the token whole, who follows on the last', () => {
    const lines = shareBarLines({ followCommand: command, followers: [{ id: 1, name: 'sre@laptop', joinedAt: 0 }], refused: 2 }, 80);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(lines.join(' ')).toContain('--token tvMxkvyIUTpJBYw3ddXTlg');
    expect(lines[1]).toContain('1 following: sre@laptop · 2 refused (wrong token)');
  });

  it('never cuts the token, even narrower than it', () => {
    const lines = shareBarLines({ followCommand: command, followers: [], refused: 0 }, 12);
    expect(lines.join('')).toContain('tvMxkvyIUTpJBYw3ddXTlg');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(12);
  });

  it('says who follows and the refusals', () => {
    expect(followersText({ followCommand: '', followers: [], refused: 0 })).toBe('nobody follows yet');
    expect(followersText({ followCommand: '', followers: [{ id: 1, name: 'a', joinedAt: 0 }, { id: 2, name: 'b', joinedAt: 0 }], refused: 1 })).toBe('2 following: a, b · 1 refused (wrong token)');
    expect(wrapWhole('aaaa bb', 3)).toEqual(['aaa', 'a', 'bb']);
  });
});
