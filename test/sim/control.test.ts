// The instructor's control API over real HTTP: token required (compared in constant time), refusals counted and
// recorded, bodies size-limited and schema-checked, /_fleet/ answered the AWS way without --control, and the AWS
// API and the control API never reaching each other.
import * as crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fleetClock } from '../../source/sim/clock.js';
import { MAX_CONTROL_BODY, newControlToken, tokensMatch, withControl } from '../../source/sim/control.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';
import { T0 } from './helpers/fleet.js';
import { awsErrorCode, send } from './helpers/raw-http.js';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof crypto>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const TOKEN = newControlToken();
let real = 0;
const clock = fleetClock(1, T0, () => real);
let world: TrainingWorld;
let controlled: SimServer;
let plain: SimServer;
const events: string[] = [];
const json = { 'content-type': 'application/json' };
const auth = (token = TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
  const aws = createSimHandler(world);
  controlled = await startSimServer(withControl(aws, { token: TOKEN, world, clock, onEvent: (line) => events.push(line) }), { port: 0 });
  const plainWorld = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
  plain = await startSimServer(withControl(createSimHandler(plainWorld), undefined), { port: 0 });
});
afterAll(async () => {
  await controlled.close();
  await plain.close();
});

const refusals = (): number => world.operations().filter((o) => o.service === 'fleet' && (o.outcome === 'Unauthorized' || o.outcome === 'Forbidden')).length;

describe('the control token', () => {
  it('refuses a missing token with 401 and a wrong one with 403, counts and records both, changes nothing', async () => {
    const before = refusals();
    const none = await send(controlled.port, { path: '/_fleet/inject', headers: json, body: JSON.stringify({ scenario: 'oom', instance: ML_SERVER_ID }) });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toEqual({ error: 'this request needs the fleet token: Authorization: Bearer <token>' });
    const wrong = await send(controlled.port, { path: '/_fleet/pause', headers: { ...json, ...auth(`${TOKEN}x`) }, body: '{}' });
    expect(wrong.status).toBe(403);
    const basic = await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
    expect(refusals()).toBe(before + 3);
    expect(world.incidents()).toEqual([]);
    expect(clock.isPaused()).toBe(false);
    expect(events.filter((e) => e.startsWith('control: refused')).at(-1)).toMatch(/missing token \(\d+ refused so far\)/);
    const status = await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: auth() });
    expect(JSON.parse(status.body)).toMatchObject({ refusals: before + 3, paused: false, speed: 1 });
  });

  it('compares tokens with crypto.timingSafeEqual', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: auth('not-the-token-at-all') });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokensMatch('', TOKEN)).toBe(false);
  });

  it('keeps the Host and Origin hardening on control paths', async () => {
    const rebound = await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: { ...auth(), host: `evil.example:${controlled.port}` } });
    expect([rebound.status, awsErrorCode(rebound.body)]).toEqual([400, 'InvalidHostHeader']);
    const page = await send(controlled.port, { path: '/_fleet/pause', headers: { ...auth(), ...json, origin: 'http://evil.example' }, body: '{}' });
    expect([page.status, awsErrorCode(page.body)]).toEqual([403, 'AccessDenied']);
    expect(clock.isPaused()).toBe(false);
  });
});

describe('control operations', () => {
  it('injects, reports, heals; pause, speed and resume move the fleet clock', async () => {
    const inject = await send(controlled.port, { path: '/_fleet/inject', headers: { ...json, ...auth() }, body: JSON.stringify({ scenario: 'oom', instance: 'pettracker-ml-server' }) });
    expect(inject.status).toBe(200);
    expect(JSON.parse(inject.body).incident).toMatchObject({ instanceId: ML_SERVER_ID, scenario: 'oom', endedAt: null });
    const again = await send(controlled.port, { path: '/_fleet/inject', headers: { ...json, ...auth() }, body: JSON.stringify({ scenario: 'disk-full', instance: ML_SERVER_ID }) });
    expect([again.status, JSON.parse(again.body).error]).toEqual([409, 'pettracker-ml-server is already in an incident (oom); heal it first with inject --heal']);

    const paused = await send(controlled.port, { path: '/_fleet/pause', headers: { ...json, ...auth() }, body: '{}' });
    expect(JSON.parse(paused.body)).toMatchObject({ paused: true });
    const at = clock.now();
    real += 60_000;
    expect(clock.now()).toBe(at);
    await send(controlled.port, { path: '/_fleet/speed', headers: { ...json, ...auth() }, body: JSON.stringify({ speed: 60 }) });
    await send(controlled.port, { path: '/_fleet/resume', headers: auth() });
    real += 1000;
    expect(clock.now()).toBe(at + 60_000);

    const heal = await send(controlled.port, { path: '/_fleet/heal', headers: { ...json, ...auth() }, body: JSON.stringify({ instance: ML_SERVER_ID }) });
    expect(JSON.parse(heal.body).incident).toMatchObject({ scenario: 'oom', endedAt: new Date(at + 60_000).toISOString() });
    const status = JSON.parse((await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: auth() })).body);
    expect(status).toMatchObject({ speed: 60, paused: false, incidents: [{ name: 'pettracker-ml-server', scenario: 'oom' }] });
    expect(world.operations().filter((o) => o.service === 'fleet' && o.outcome === 'ok').map((o) => o.action)).toEqual(['inject', 'pause', 'speed', 'resume', 'heal']);
  });

  it('size-limits and schema-checks bodies, and takes changes by POST only', async () => {
    const post = (path: string, body: string, headers: Record<string, string> = json) => send(controlled.port, { path, headers: { ...headers, ...auth() }, body });
    const cases: [Promise<{ status: number; body: string }>, number, RegExp][] = [
      [post('/_fleet/inject', 'x'.repeat(MAX_CONTROL_BODY + 1)), 413, /larger than 4096/],
      [post('/_fleet/inject', '{"scenario":'), 400, /not valid JSON/],
      [post('/_fleet/inject', '[]'), 400, /JSON object/],
      [post('/_fleet/inject', JSON.stringify({ scenario: 'oom' })), 400, /'instance' must be a string/],
      [post('/_fleet/inject', JSON.stringify({ scenario: 'oom', instance: 'x', admin: true })), 400, /unknown field 'admin'/],
      [post('/_fleet/inject', JSON.stringify({ scenario: 'oom', instance: 'x'.repeat(129) })), 400, /1 to 128/],
      [post('/_fleet/inject', JSON.stringify({ scenario: 'all', instance: 'pettracker-web-1' })), 404, /unknown scenario 'all'/],
      [post('/_fleet/inject', JSON.stringify({ scenario: 'oom', instance: 'pettracker-web-1' }), { 'content-type': 'application/x-www-form-urlencoded' }), 415, /JSON/],
      [post('/_fleet/speed', JSON.stringify({ speed: '60' })), 400, /'speed' must be a number/],
      [post('/_fleet/speed', JSON.stringify({ speed: 0 })), 400, /greater than 0/],
      [post('/_fleet/speed', JSON.stringify({ speed: 1e9 })), 400, /at most 10000/],
      [post('/_fleet/status', ''), 405, /status takes GET/],
      [send(controlled.port, { method: 'GET', path: '/_fleet/pause', headers: auth() }), 405, /pause takes POST/],
      [post('/_fleet/__proto__', '{}'), 404, /no control operation/],
    ];
    for (const [answer, status, error] of cases) {
      const got = await answer;
      expect(got.status).toBe(status);
      expect(JSON.parse(got.body).error).toMatch(error);
    }
    expect(clock.speed()).toBe(60);
  });
});

describe('the AWS API and the control API stay apart', () => {
  it('without --control, /_fleet/ paths are answered as any unknown path (AWS MissingAction), token or not', async () => {
    for (const [method, path] of [['GET', '/_fleet/status'], ['POST', '/_fleet/inject'], ['POST', '/_fleet/pause'], ['GET', '/_elsewhere/status']] as const) {
      const got = await send(plain.port, { method, path, headers: { ...json, ...auth() }, body: method === 'POST' ? '{"scenario":"oom","instance":"pettracker-ml-server"}' : undefined });
      expect([got.status, awsErrorCode(got.body)]).toEqual([400, 'MissingAction']);
      expect(got.headers['content-type']).toMatch(/xml/);
    }
  });

  it('AWS calls on / never reach the control API, and control answers never look like AWS ones', async () => {
    const describeAnswer = await send(controlled.port, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=DescribeInstances&Version=2016-11-15' });
    expect(describeAnswer.status).toBe(200);
    expect(describeAnswer.body).toMatch(/<DescribeInstancesResponse/);
    const asAction = await send(controlled.port, { headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth() }, body: 'Action=Inject&Version=2016-11-15&scenario=oom' });
    expect(awsErrorCode(asAction.body)).toBe('InvalidAction');
    const asTarget = await send(controlled.port, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Fleet.Pause', ...auth() }, body: '{}' });
    expect(asTarget.status).toBeGreaterThanOrEqual(400);
    expect(clock.isPaused()).toBe(false);
    const control = await send(controlled.port, { method: 'GET', path: '/_fleet/status', headers: auth() });
    expect(control.headers['content-type']).toBe('application/json');
    expect(control.body).not.toMatch(/<|RequestId/);
    // With --control the operation record (which now tells of injections) needs the token too; without it, as before.
    expect((await send(controlled.port, { method: 'GET', path: '/_fleet/operations' })).status).toBe(401);
    const record = await send(controlled.port, { method: 'GET', path: '/_fleet/operations', headers: auth() });
    expect((JSON.parse(record.body) as { action: string }[]).some((o) => o.action === 'DescribeInstances')).toBe(true);
    expect((await send(plain.port, { method: 'GET', path: '/_fleet/operations' })).status).toBe(200);
  });
});
