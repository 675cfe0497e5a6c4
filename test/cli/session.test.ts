import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionRunner, isOnPath, lastLine } from '../../source/cli/session.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dirWith(name: string, body: string, mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-session-'));
  dirs.push(dir);
  writeFileSync(join(dir, name), body);
  chmodSync(join(dir, name), mode);
  return dir;
}

describe('isOnPath', () => {
  it('finds an executable file in a PATH folder, not a plain file or a missing one', () => {
    const exe = dirWith('session-manager-plugin', '#!/bin/sh\n');
    const plain = dirWith('session-manager-plugin', 'x', 0o644);
    expect(isOnPath('session-manager-plugin', `/nonexistent:${exe}`)).toBe(true);
    expect(isOnPath('session-manager-plugin', plain)).toBe(false);
    expect(isOnPath('session-manager-plugin', '')).toBe(false);
  });
});

describe('session runner', () => {
  it('hands the terminal over around the command and back, and says why a command failed (stderr last line)', async () => {
    const dir = dirWith('fails', '#!/bin/sh\necho "first" >&2\necho "An error occurred (TargetNotConnected)" >&2\nexit 254\n');
    const calls: string[] = [];
    const runner = createSessionRunner({ release: () => calls.push('release'), reclaim: () => calls.push('reclaim') });
    expect(await runner.run([join(dir, 'fails')])).toEqual({ exitCode: 254, error: 'An error occurred (TargetNotConnected)' });
    expect(calls).toEqual(['release', 'reclaim']);
    expect(await runner.run(['/bin/true'])).toEqual({ exitCode: 0 });
    expect((await runner.run([join(dir, 'absent')])).error).toMatch(/ENOENT/);
    expect(calls).toHaveLength(6);
  });

  it('lastLine ignores blank lines', () => {
    expect(lastLine('a\n\nb\n\n')).toBe('b');
    expect(lastLine(null)).toBeUndefined();
  });
});
