import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  clearStaleSocket,
  defaultSocketPath,
  followCommand,
  parseFollowAddress,
  parseShareAddress,
  prepareSocketFolder,
  ShareAddressError,
} from '../../source/share/address.js';

const place = { env: { XDG_RUNTIME_DIR: '/run/user/1000' }, pid: 4242, uid: 1000, tmpdir: '/tmp' };
const scratch = mkdtempSync(join(tmpdir(), 'share-address-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('--share ADDR', () => {
  it('no value → a socket in the runtime dir, else in a per-user folder of tmpdir', () => {
    expect(parseShareAddress(undefined, place)).toEqual({ kind: 'unix', path: '/run/user/1000/ec2-triage/share-4242.sock', ownFolder: true });
    expect(defaultSocketPath({ ...place, env: {} })).toBe('/tmp/ec2-triage-1000/share-4242.sock');
  });

  it.each([
    ['127.0.0.1:7000', { kind: 'tcp', host: '127.0.0.1', port: 7000 }],
    ['localhost:0', { kind: 'tcp', host: '127.0.0.1', port: 0 }],
    ['/tmp/x/share.sock', { kind: 'unix', path: '/tmp/x/share.sock' }],
    ['./rel/share', { kind: 'unix', path: join(process.cwd(), 'rel/share') }],
  ])('%s → %j', (raw, expected) => {
    expect(parseShareAddress(raw, place)).toEqual(expected);
  });

  it.each(['0.0.0.0:7000', '10.0.0.5:7000', '[::]:7000', '::', 'bastion.example.com:7000', '192.168.1.1'])(
    '%s is refused in one line',
    (raw) => {
      expect(() => parseShareAddress(raw, place)).toThrow(ShareAddressError);
      expect(() => parseShareAddress(raw, place)).toThrow(/^--share listens on 127\.0\.0\.1 or a unix socket only; got '/);
    },
  );

  it.each(['127.0.0.1', '127.0.0.1:70000', 'localhost:port'])('%s needs a port', (raw) => {
    expect(() => parseShareAddress(raw, place)).toThrow(/needs .*:PORT/);
  });

  it('a socket path longer than a unix socket can hold is refused', () => {
    expect(() => parseShareAddress(`/tmp/${'d'.repeat(120)}.sock`, place)).toThrow(/longer than 103 bytes/);
  });
});

describe('follow ADDR and the follow command', () => {
  it('follow connects to 127.0.0.1 or a socket only, and needs a real port', () => {
    expect(parseFollowAddress('localhost:7000')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 7000 });
    expect(() => parseFollowAddress('127.0.0.1:0')).toThrow(/port from 1/);
    expect(() => parseFollowAddress('bastion:7000')).toThrow(/^follow connects to 127\.0\.0\.1 or a unix socket only/);
  });

  it('prints the address as the follower types it, quoted when it has spaces or quotes', () => {
    expect(followCommand({ kind: 'tcp', host: '127.0.0.1', port: 7000 }, 'abc_-1')).toBe('ec2-triage follow 127.0.0.1:7000 --token abc_-1');
    expect(followCommand({ kind: 'unix', path: '/run/user/1/ec2-triage/share-9.sock' }, 'T')).toBe(
      'ec2-triage follow /run/user/1/ec2-triage/share-9.sock --token T',
    );
    expect(followCommand('127.0.0.1:41234', 'T')).toBe('ec2-triage follow 127.0.0.1:41234 --token T');
    expect(followCommand({ kind: 'unix', path: "/tmp/my dir/it's.sock" }, 'T')).toBe(`ec2-triage follow '/tmp/my dir/it'\\''s.sock' --token T`);
  });
});

describe('socket folder and stale socket', () => {
  it('creates the folder 0700, and tightens an existing one', () => {
    const uid = process.getuid?.() ?? 0;
    const socket = join(scratch, 'own', 'share-1.sock');
    prepareSocketFolder(socket, uid);
    expect(statSync(join(scratch, 'own')).mode & 0o777).toBe(0o700);
    chmodSync(join(scratch, 'own'), 0o755);
    prepareSocketFolder(socket, uid);
    expect(statSync(join(scratch, 'own')).mode & 0o777).toBe(0o700);
  });

  it("refuses a folder that is another user's", () => {
    const uid = process.getuid?.() ?? 0;
    expect(() => prepareSocketFolder(join(scratch, 'theirs', 's.sock'), uid + 1)).toThrow(/is not a folder of this user/);
  });

  it('refuses to remove a file that is not a socket; nothing there is fine', async () => {
    const file = join(scratch, 'plain.sock');
    writeFileSync(file, 'data');
    await expect(clearStaleSocket(file)).rejects.toThrow(/exists and is not a socket/);
    await expect(clearStaleSocket(join(scratch, 'none.sock'))).resolves.toBeUndefined();
  });
});
