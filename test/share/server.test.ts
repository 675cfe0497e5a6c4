// The share server and client over real sockets in a temp folder.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { FollowerInfo } from '../../source/model/session-types.js';
import { parseShareAddress } from '../../source/share/address.js';
import type { ShareStatus } from '../../source/share/client.js';
import { connectShare } from '../../source/share/client.js';
import type { FollowerNote } from '../../source/share/protocol.js';
import type { ShareServer, ShareServerOptions, ShareServerState } from '../../source/share/server.js';
import { startShareServer } from '../../source/share/server.js';
import { newToken } from '../../source/share/token.js';
import type { ShareTap } from '../helpers/share-tap.js';
import { secretsIn, tapShare, until } from '../helpers/share-tap.js';

const scratch = mkdtempSync(join(tmpdir(), 'share-server-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

let socketCount = 0;
const socketPath = (): string => join(scratch, `s${(socketCount += 1)}.sock`);

interface Driver {
  readonly server: ShareServer;
  readonly token: string;
  readonly messages: [FollowerInfo, FollowerNote][];
  state(): ShareServerState;
}

async function driver(options: Partial<ShareServerOptions> = {}): Promise<Driver> {
  const token = options.token ?? newToken();
  const messages: [FollowerInfo, FollowerNote][] = [];
  let state: ShareServerState = { followers: [], refused: 0, dropped: 0 };
  const server = await startShareServer({
    address: { kind: 'unix', path: socketPath() },
    token,
    driver: 'oncall@bastion',
    onMessage: (from, message) => messages.push([from, message]),
    onChange: (next) => (state = next),
    ...options,
  });
  cleanups.push(() => server.close());
  return { server, token, messages, state: () => state };
}

async function tap(address: string, token: string | undefined, name?: string): Promise<ShareTap> {
  const opened = await tapShare(address, token, name);
  cleanups.push(() => opened.close());
  return opened;
}

describe('the token', () => {
  it('the right token gets welcome; the follower shows in onChange with its name', async () => {
    const d = await driver();
    const t = await tap(d.server.address, d.token, 'sre@laptop');
    await t.waitFor((m) => m[0]?.type === 'welcome');
    expect(t.messages()[0]).toEqual({ type: 'welcome', driver: 'oncall@bastion' });
    await until(() => d.state().followers.length === 1);
    expect(d.state().followers[0]).toMatchObject({ id: 1, name: 'sre@laptop' });
  });

  it('a wrong token is refused, closed and counted, and gets no state', async () => {
    const d = await driver();
    d.server.publish('fleet', { secret: 'nothing for you' });
    const t = await tap(d.server.address, 'guess', 'mallory');
    await t.closed;
    expect(t.messages()).toEqual([{ type: 'refused', reason: 'wrong token' }]);
    await until(() => d.state().refused === 1);
    expect(d.state().followers).toEqual([]);
  });

  it('no hello in time: refused and closed', async () => {
    const d = await driver({ helloTimeoutMs: 100 });
    const t = await tap(d.server.address, undefined);
    await t.closed;
    expect(t.messages()).toEqual([{ type: 'refused', reason: 'no hello in time' }]);
  });

  it('a first message that is not hello is refused', async () => {
    const d = await driver();
    const t = await tap(d.server.address, undefined);
    t.write('{"type":"note","text":"hi"}\n');
    await t.closed;
    expect(t.messages()).toEqual([{ type: 'refused', reason: 'the first message must be hello' }]);
  });

  it('a hello that fails the schema is refused with why', async () => {
    const d = await driver();
    const t = await tap(d.server.address, undefined);
    t.write(`{"type":"hello","token":"${d.token}","name":"${'n'.repeat(65)}"}\n`);
    await t.closed;
    expect(t.messages()).toEqual([{ type: 'refused', reason: 'bad hello: hello needs a name of one line, at most 64 characters' }]);
    await until(() => d.state().dropped === 1);
    expect(d.state().followers).toEqual([]);
  });
});

describe('state', () => {
  it('a late joiner gets the latest value of every channel, Maps and Dates kept', async () => {
    const d = await driver();
    d.server.publish('fleet', new Map([['i-1', { state: 'running', since: new Date(1_000) }]]));
    d.server.publish('session', { notes: [] });
    d.server.publish('session', { notes: ['second'] });
    d.server.publish('view', { focus: 'list' });
    const t = await tap(d.server.address, d.token);
    await t.waitFor((m) => m.filter((x) => x.type === 'state').length >= 3);
    expect(t.states('fleet')).toEqual([new Map([['i-1', { state: 'running', since: new Date(1_000) }]])]);
    expect(t.states('session').at(-1)).toEqual({ notes: ['second'] });
    expect(t.states('view')).toEqual([{ focus: 'list' }]);
  });

  it('coalesces: a burst sends the first value and then only the last', async () => {
    const d = await driver({ coalesceMs: 150 });
    const t = await tap(d.server.address, d.token);
    await t.waitFor((m) => m[0]?.type === 'welcome');
    for (let i = 0; i < 100; i += 1) d.server.publish('metrics', i);
    await t.waitFor(() => t.states('metrics').includes(99));
    await new Promise((done) => setTimeout(done, 200));
    expect(t.states('metrics')).toEqual([0, 99]);
  });

  it('a slow follower never makes the driver queue more than the high-water mark, and gets the latest on resume', async () => {
    const highWaterBytes = 256 * 1024;
    const d = await driver({ coalesceMs: 0, highWaterBytes });
    const slow = await tap(d.server.address, d.token, 'slow');
    const fast = await tap(d.server.address, d.token, 'fast');
    await slow.waitFor((m) => m[0]?.type === 'welcome');
    await fast.waitFor((m) => m[0]?.type === 'welcome');
    slow.socket.pause();
    const pad = 'x'.repeat(64 * 1024);
    let maxBacklog = 0;
    for (let i = 0; i < 1_000; i += 1) {
      d.server.publish('fleet', { i, pad });
      maxBacklog = Math.max(maxBacklog, d.server.backlog());
      // Let the sockets move, as the driver's loop would between store changes.
      if (i % 50 === 0) await new Promise((done) => setImmediate(done));
    }
    // One follower's queue: at most the high-water mark plus one frame (the fast one drains as it goes).
    expect(maxBacklog).toBeLessThan(2 * (highWaterBytes + 2 * pad.length));
    await fast.waitFor(() => fast.states('fleet').some((v) => (v as { i: number }).i === 999), 10_000);
    slow.socket.resume();
    await slow.waitFor(() => slow.states('fleet').some((v) => (v as { i: number }).i === 999), 10_000);
    const received = slow.states('fleet').map((v) => (v as { i: number }).i);
    expect(received.length).toBeLessThan(100);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(d.server.backlog()).toBe(0);
  });
});

describe('followers', () => {
  it('a 9th follower is refused; one leaving frees its place and is removed', async () => {
    const d = await driver();
    const taps: ShareTap[] = [];
    for (let i = 0; i < 8; i += 1) taps.push(await tap(d.server.address, d.token, `f${i}`));
    for (const t of taps) await t.waitFor((m) => m[0]?.type === 'welcome');
    const ninth = await tap(d.server.address, d.token, 'f8');
    await ninth.closed;
    expect(ninth.messages()).toEqual([{ type: 'refused', reason: '8 follow already' }]);
    await until(() => d.state().followers.length === 8);
    taps[0]?.close();
    await until(() => d.state().followers.length === 7);
    expect(d.state().followers.map((f) => f.name)).not.toContain('f0');
    const tenth = await tap(d.server.address, d.token, 'f9');
    await tenth.waitFor((m) => m[0]?.type === 'welcome');
  });

  it('notes and pointers reach onMessage; bad lines are dropped and counted, the connection kept; the rate is limited', async () => {
    const d = await driver();
    const t = await tap(d.server.address, d.token, 'sre');
    await t.waitFor((m) => m[0]?.type === 'welcome');
    t.write('{"type":"point","text":"check NetworkIn at 02:30","instanceId":"i-0abc"}\n');
    t.write('not json\n{"type":"note","text":"a\\nb"}\n{"type":"hello","token":"x","name":"again"}\n{"type":"reboot"}\n');
    await until(() => d.state().dropped === 4);
    expect(d.messages).toEqual([[expect.objectContaining({ name: 'sre' }), { type: 'point', text: 'check NetworkIn at 02:30', instanceId: 'i-0abc' }]]);
    for (let i = 0; i < 30; i += 1) t.write(`{"type":"note","text":"n${i}"}\n`);
    await until(() => d.state().dropped === 4 + 11);
    expect(d.messages).toHaveLength(20);
    expect(d.state().followers).toHaveLength(1);
  });

  it('a throwing onMessage is contained and reported', async () => {
    const errors: string[] = [];
    const d = await driver({
      onMessage: () => {
        throw new Error('boom');
      },
      onError: (message) => errors.push(message),
    });
    const t = await tap(d.server.address, d.token);
    await t.waitFor((m) => m[0]?.type === 'welcome');
    t.write('{"type":"note","text":"hi"}\n');
    await until(() => errors.length === 1);
    expect(errors[0]).toBe('share: onMessage failed: boom');
  });
});

describe('addresses', () => {
  it('the default unix socket is 0600 in a 0700 folder, and is removed on close', async () => {
    const place = { env: { XDG_RUNTIME_DIR: scratch }, pid: 77, uid: process.getuid?.() ?? 0, tmpdir: scratch };
    const address = parseShareAddress(undefined, place);
    const d = await driver({ address });
    expect(d.server.address).toBe(join(scratch, 'ec2-triage', 'share-77.sock'));
    expect(statSync(d.server.address).mode & 0o777).toBe(0o600);
    expect(statSync(join(scratch, 'ec2-triage')).mode & 0o777).toBe(0o700);
    await d.server.close();
    expect(existsSync(d.server.address)).toBe(false);
  });

  it('127.0.0.1:0 reports the real port, and a follower connects with it as typed', async () => {
    const d = await driver({ address: parseShareAddress('127.0.0.1:0', { env: {}, pid: 1, uid: 1, tmpdir: scratch }) });
    expect(d.server.address).toMatch(/^127\.0\.0\.1:[1-9]\d*$/);
    const t = await tap(d.server.address, d.token);
    await t.waitFor((m) => m[0]?.type === 'welcome');
  });

  it('a socket another driver listens on is not taken over', async () => {
    const d = await driver();
    await expect(driver({ address: { kind: 'unix', path: d.server.address } })).rejects.toThrow(/^another process already shares on /);
  });
});

describe('the client', () => {
  it('connects, receives state, sends notes; bye ends it and it does not reconnect', async () => {
    const d = await driver();
    d.server.publish('fleet', { n: 1 });
    const statuses: ShareStatus[] = [];
    const states: [string, unknown][] = [];
    const client = connectShare({
      address: d.server.address,
      token: d.token,
      name: 'sre',
      onState: (channel, value) => states.push([channel, value]),
      onStatus: (status) => statuses.push(status),
      retryMs: { first: 50, max: 100 },
    });
    cleanups.push(() => client.close());
    await until(() => states.length === 1);
    expect(statuses).toEqual([{ kind: 'connecting' }, { kind: 'connected', driver: 'oncall@bastion' }]);
    expect(states).toEqual([['fleet', { n: 1 }]]);
    expect(client.send({ type: 'note', text: 'two\nlines' })).toBe(false);
    expect(client.send({ type: 'point', text: 'look at i-1', instanceId: 'i-1' })).toBe(true);
    await until(() => d.messages.length === 1);
    await d.server.close();
    await until(() => statuses.at(-1)?.kind === 'ended');
    await new Promise((done) => setTimeout(done, 200));
    expect(statuses.at(-1)).toEqual({ kind: 'ended' });
    expect(client.send({ type: 'note', text: 'late' })).toBe(false);
  });

  it('reconnects with backoff after the driver died, to the driver restarted on the same (stale) socket', async () => {
    const path = socketPath();
    const token = newToken();
    const crashing = spawn(process.execPath, [fileURLToPath(new URL('../fixtures/share/raw-driver.mjs', import.meta.url)), path]);
    cleanups.push(() => crashing.kill('SIGKILL'));
    await new Promise((done) => crashing.stdout.once('data', done));
    const statuses: ShareStatus[] = [];
    const states: unknown[] = [];
    const client = connectShare({
      address: path,
      token,
      name: 'sre',
      onState: (_channel, value) => states.push(value),
      onStatus: (status) => statuses.push(status),
      retryMs: { first: 100, max: 200 },
    });
    cleanups.push(() => client.close());
    await until(() => states.length === 1);
    crashing.kill('SIGKILL');
    await until(() => statuses.filter((s) => s.kind === 'lost').length >= 2, 5_000, 'two failed reconnects');
    expect(lstatSync(path).isSocket()).toBe(true);
    const lost = statuses.filter((s) => s.kind === 'lost');
    expect(lost[0]).toMatchObject({ retryInMs: 100 });
    expect(lost[1]).toEqual({ kind: 'lost', reason: `ECONNREFUSED on ${path}`, retryInMs: 200 });

    const d = await driver({ address: { kind: 'unix', path }, token });
    d.server.publish('fleet', { from: 'second' });
    await until(() => states.length === 2, 5_000, 'state from the restarted driver');
    expect(states).toEqual([{ from: 'first' }, { from: 'second' }]);
    expect(statuses.at(-1)).toEqual({ kind: 'connected', driver: 'oncall@bastion' });
  });

  it('a wrong token: refused, never retried', async () => {
    const d = await driver();
    const statuses: ShareStatus[] = [];
    const client = connectShare({
      address: d.server.address,
      token: 'wrong',
      name: 'sre',
      onState: () => undefined,
      onStatus: (status) => statuses.push(status),
      retryMs: { first: 20, max: 20 },
    });
    cleanups.push(() => client.close());
    await until(() => statuses.at(-1)?.kind === 'refused');
    await new Promise((done) => setTimeout(done, 150));
    expect(statuses).toEqual([{ kind: 'connecting' }, { kind: 'refused', reason: 'wrong token' }]);
  });

  it('the secret scan finds a secret in the raw stream, and none when none was published', async () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const d = await driver();
    const clean = await tap(d.server.address, d.token);
    d.server.publish('target', { region: 'eu-west-1', profile: 'oncall' });
    await clean.waitFor(() => clean.states('target').length === 1);
    expect(secretsIn(clean.bytes(), [secret])).toEqual([]);
    d.server.publish('leak', { env: `AWS_SECRET_ACCESS_KEY=${secret}` });
    await clean.waitFor(() => clean.states('leak').length === 1);
    expect(secretsIn(clean.bytes(), [secret, 'never-sent'])).toEqual([secret]);
  });
});
