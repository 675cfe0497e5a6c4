// Flags checked at start: numbers are decimal, paths are files the app can really write, and the header names the
// credentials the SDK will really use.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialSource } from '../../source/domain/credential-source.js';
import { timeoutsFor } from '../../source/aws/timeouts.js';
import { parseOutputPath, parsePositive, parseTimeout, UsageError } from '../../source/cli/options.js';
import { targetText } from '../../source/ui/components/header.js';

const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-paths-'));

describe('numbers are decimal', () => {
  it.each(['0x10', '1e3', 'Infinity', '', ' ', '-5', '+3', '60s', '0'])('--speed %j is refused', (raw) => {
    expect(() => parsePositive(raw, '--speed', 10_000)).toThrow(UsageError);
  });

  it.each([['60', 60], ['0.5', 0.5], ['.5', 0.5], [' 2 ', 2]])('--speed %j is %s', (raw, value) => {
    expect(parsePositive(raw, '--speed', 10_000)).toBe(value);
  });

  it('--timeout: 15 s by default, decimal seconds, at most 600; connecting waits 3 s or less', () => {
    expect(parseTimeout(undefined)).toBe(15);
    expect(parseTimeout('2.5')).toBe(2.5);
    expect(() => parseTimeout('0x0f')).toThrow(/--timeout must be a number/);
    expect(() => parseTimeout('601')).toThrow(/at most 600/);
    expect(timeoutsFor(15)).toEqual({ connectSeconds: 3, requestSeconds: 15 });
    expect(timeoutsFor(1)).toEqual({ connectSeconds: 1, requestSeconds: 1 });
  });
});

describe('output paths', () => {
  it('accepts a new file in an existing folder and an existing file', () => {
    expect(parseOutputPath(join(dir, 'new.md'), '--report')).toBe(join(dir, 'new.md'));
    writeFileSync(join(dir, 'old.log'), 'x');
    expect(parseOutputPath(join(dir, 'old.log'), '--log-file')).toBe(join(dir, 'old.log'));
  });

  it.each([
    [() => join(dir, 'missing', 'r.md'), /^--report .*: folder .*missing does not exist$/],
    [() => dir, /is a folder; give a file name in it$/],
    [() => '/proc/version', /is on procfs, where writes are dropped or refused$/],
    [() => '/dev/null', /is not a regular file$/],
    [() => '', /needs a file name/],
  ])('refuses %#', (path, message) => {
    expect(() => parseOutputPath(path(), '--report')).toThrow(message);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a folder it cannot write in', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    expect(() => parseOutputPath(join(locked, 'r.md'), '--report')).toThrow(/not writable/);
  });
});

describe('the header names the credentials in use', () => {
  it.each<[string | undefined, Record<string, string>, string]>([
    ['prod', { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }, 'profile prod'],
    [undefined, { AWS_PROFILE: 'ops' }, 'profile ops'],
    [undefined, { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' }, 'keys from AWS_ACCESS_KEY_ID'],
    [undefined, { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' }, 'web identity (AWS_WEB_IDENTITY_TOKEN_FILE)'],
    [undefined, {}, 'default profile'],
  ])('%s %j → %s', (profile, env, words) => {
    expect(credentialSource(profile, env)).toBe(words);
  });

  it('env keys never read "default profile" in the header', () => {
    const text = targetText({ kind: 'aws', region: 'us-east-1', profile: undefined, endpointUrl: undefined }, { AWS_ACCESS_KEY_ID: 'A', AWS_SECRET_ACCESS_KEY: 'S' });
    expect(text).toBe('us-east-1 · keys from AWS_ACCESS_KEY_ID');
  });
});
