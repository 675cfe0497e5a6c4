// The instructor's commands before and after the wire: argument checks (one UsageError line each), the token's
// sources, and callFleet's answers from a controlled fleet, a plain one and no fleet at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSimConfig } from '../../source/cli/config.js';
import { callFleet, formatStatus, resolveControlTarget, TOKEN_ENV } from '../../source/cli/fleet-client.js';
import { UsageError } from '../../source/cli/options.js';
import { parseFleet } from '../../source/cli/run-fleet.js';
import { parseInject } from '../../source/cli/run-inject.js';
import { fleetClock } from '../../source/sim/clock.js';
import { withControl } from '../../source/sim/control.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { freePort } from '../helpers/endpoints.js';

const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no UsageError');
};

describe('inject and fleet arguments', () => {
  it('inject defaults its instance to pettracker-ml-server; heal needs one', () => {
    expect(parseInject('oom', {})).toEqual({ op: 'inject', body: { scenario: 'oom', instance: 'pettracker-ml-server' } });
    expect(parseInject('disk-full', { instance: ' pettracker-web-1 ' })).toEqual({ op: 'inject', body: { scenario: 'disk-full', instance: 'pettracker-web-1' } });
    expect(parseInject(undefined, { heal: true, instance: 'i-1234567890abcdef0' })).toEqual({ op: 'heal', body: { instance: 'i-1234567890abcdef0' } });
    expect(usage(() => parseInject(undefined, { heal: true }))).toBe('--heal needs --instance NAME|ID (which incident to end)');
    expect(usage(() => parseInject('oom', { heal: true, instance: 'x' }))).toBe("--heal ends whatever incident the instance is in; drop 'oom'");
    expect(usage(() => parseInject(undefined, {}))).toMatch(/^name a scenario to inject: oom, /);
    expect(usage(() => parseInject('healthy', {}))).toMatch(/^unknown scenario 'healthy'; choose one of: oom,/);
    expect(usage(() => parseInject('oom', { instance: '' }))).toBe('--instance must be an instance id or Name tag');
  });

  it('fleet takes status, pause, resume or speed N', () => {
    expect(parseFleet('status', undefined)).toEqual({ op: 'status' });
    expect(parseFleet('pause', undefined)).toEqual({ op: 'pause', body: {} });
    expect(parseFleet('speed', '0.5')).toEqual({ op: 'speed', body: { speed: 0.5 } });
    expect(usage(() => parseFleet('speed', undefined))).toBe('fleet speed needs a number, e.g. fleet speed 60');
    expect(usage(() => parseFleet('speed', '1e3'))).toBe("speed must be a number such as 60 or 0.5, got '1e3'");
    expect(usage(() => parseFleet('pause', '3'))).toBe("fleet pause takes no value, got '3'");
    expect(usage(() => parseFleet('rewind', undefined))).toBe("unknown fleet command 'rewind'; fleet takes one of: status, pause, resume, speed N");
  });

  it('the token comes from --token, else the environment; the endpoint is required', () => {
    expect(resolveControlTarget({ endpointUrl: 'http://127.0.0.1:4566/', token: 'abc' }, {})).toEqual({ url: 'http://127.0.0.1:4566', token: 'abc' });
    expect(resolveControlTarget({ endpointUrl: 'http://127.0.0.1:4566' }, { [TOKEN_ENV]: 'fromenv' }).token).toBe('fromenv');
    expect(usage(() => resolveControlTarget({ endpointUrl: 'http://127.0.0.1:4566' }, {}))).toMatch(/^no fleet token: pass --token or set EC2_TRIAGE_FLEET_TOKEN/);
    expect(usage(() => resolveControlTarget({ token: 'x' }, {}))).toMatch(/^--endpoint-url is required/);
    expect(usage(() => resolveControlTarget({ endpointUrl: 'ftp://x', token: 'x' }, {}))).toMatch(/^--endpoint-url must be an http/);
    expect(usage(() => resolveControlTarget({ endpointUrl: 'http://127.0.0.1:1', token: 'a b' }, {}))).toBe('the fleet token must be printable ASCII without spaces');
  });

  it('sim: --control makes a token, --token sets one, --replay implies control at ×60', () => {
    const generated = resolveSimConfig({ control: true });
    expect(generated.control?.isGenerated).toBe(true);
    expect(generated.control?.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(resolveSimConfig({ control: true }).control?.token).not.toBe(generated.control?.token);
    expect(resolveSimConfig({ control: true, token: 'a-class-secret-2024' }).control).toEqual({ token: 'a-class-secret-2024', isGenerated: false });
    expect(resolveSimConfig({}).control).toBeUndefined();
    expect(usage(() => resolveSimConfig({ token: 'a-class-secret-2024' }))).toBe('--token sets the control token; add --control');
    expect(usage(() => resolveSimConfig({ control: true, token: 'short' }))).toBe('--token must be at least 16 characters');
    const replay = resolveSimConfig({ replay: 'oom' });
    expect([replay.replay, replay.fleet.speed, replay.control?.isGenerated]).toEqual(['oom', 60, true]);
    expect(resolveSimConfig({ replay: 'oom', speed: '10' }).fleet.speed).toBe(10);
    expect(usage(() => resolveSimConfig({ replay: 'disk-full' }))).toBe("--replay has one story so far: oom, got 'disk-full'");
    expect(usage(() => resolveSimConfig({ replay: 'oom', live: true }))).toBe('--replay already starts before the incident; drop --live');
    expect(usage(() => resolveSimConfig({ replay: 'oom', scenario: 'disk-full' }))).toBe('--replay oom plays the oom scenario; drop --scenario disk-full');
  });
});

describe('callFleet', () => {
  const token = 'instructor-token-0123456789';
  let controlled: SimServer;
  let plain: SimServer;
  beforeAll(async () => {
    const clock = fleetClock(1, Date.UTC(2024, 0, 15, 2, 0, 0));
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock });
    controlled = await startSimServer(withControl(createSimHandler(world), { token, world, clock }), { port: 0 });
    plain = await startSimServer(createSimHandler(createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock })), { port: 0 });
  });
  afterAll(async () => {
    await controlled.close();
    await plain.close();
  });

  it('injects and reads the status; refusals are one line', async () => {
    const answer = await callFleet({ url: controlled.url, token }, 'inject', { scenario: 'oom', instance: 'pettracker-web-1' });
    expect(answer.incident).toMatchObject({ name: 'pettracker-web-1', scenario: 'oom' });
    const status = formatStatus(await callFleet({ url: controlled.url, token }, 'status'));
    expect(status).toMatch(/^Fleet time 2024-01-15T02:00:\d\d\.\d{3}Z, speed ×1; 0 control request\(s\) refused\n {2}oom +pettracker-web-1 +i-/);
    await expect(callFleet({ url: controlled.url, token: `${token}!` }, 'status')).rejects.toThrow(/^the fleet refused the token \(wrong token\?/);
    await expect(callFleet({ url: controlled.url, token }, 'inject', { scenario: 'oom', instance: 'pettracker-web-1' })).rejects.toThrow(
      'the fleet refused: pettracker-web-1 is already in an incident (oom); heal it first with inject --heal',
    );
  });

  it('says when the fleet was not started with --control, or cannot be reached', async () => {
    await expect(callFleet({ url: plain.url, token }, 'status')).rejects.toThrow(/^this fleet was not started with --control$/);
    await expect(callFleet({ url: plain.url, token }, 'pause', {})).rejects.toThrow(/^this fleet was not started with --control$/);
    const port = await freePort();
    await expect(callFleet({ url: `http://127.0.0.1:${port}`, token }, 'status')).rejects.toThrow(`cannot reach the fleet at http://127.0.0.1:${port} (ECONNREFUSED)`);
  });
});
