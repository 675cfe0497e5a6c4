// The bundled data worker (dist/data-worker.js, built by scripts/build.mjs): the training fleet answers from its
// thread exactly as the fleet built in this thread does, and the AwsApi's calls cross as rows only: the UI thread
// never receives an SDK object, a raw page or an oversized message. A worker that dies mid-call fails that call in
// one line and the next call gets a fresh one.
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { createWorkerActions, createWorkerApi } from '../../source/aws/worker-api.js';
import { AwsFailure } from '../../source/aws/errors.js';
import { CHUNK_ITEMS } from '../../source/aws/worker-protocol.js';
import { bundledDataWorker, createDataThread, dataWorkerSpawner, type DataThread } from '../../source/cli/data-thread.js';
import { buildFleetHandler, type FleetSpec } from '../../source/sim/fleet-host.js';
import type { SimHandler } from '../../source/sim/types.js';
import { simRequestHandler } from '../sim/helpers/sdk-adapter.js';

const DIST_CLI = new URL('../../dist/cli.js', import.meta.url).href;

let thread: DataThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

const ec2Of = (handler: SimHandler): EC2Client =>
  new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: simRequestHandler(handler), maxAttempts: 1 });

async function instances(ec2: EC2Client): Promise<string[]> {
  const out = await ec2.send(new DescribeInstancesCommand({}));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => `${i.InstanceId} ${i.State?.Name} ${i.LaunchTime?.toISOString()}`).sort();
}

const specOf = (fleetSize: number, deny: string[] = []): FleetSpec => {
  const realStart = Date.now();
  return { scenario: 'oom', seed: 7, fleetSize, speed: 60, deny, anchor: { realStart, fleetStart: realStart }, t0: realStart - 300_000 };
};

/** Every object key in a received message, at any depth (Map keys are data, not keys). */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value instanceof Map) for (const v of value.values()) keysOf(v, out);
  else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

/** The longest array in a message, at any depth. */
function longestList(value: unknown): number {
  if (Array.isArray(value)) return Math.max(value.length, ...value.map(longestList));
  if (value instanceof Map) return Math.max(0, ...[...value.values()].map(longestList));
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return Math.max(0, ...Object.values(value).map(longestList));
  return 0;
}

describe('the bundled data worker', () => {
  it('is found beside the CLI; its fleet answers as the in-thread fleet does, --deny included', async () => {
    const url = bundledDataWorker(DIST_CLI);
    expect(url?.pathname.endsWith('/dist/data-worker.js')).toBe(true);
    const spec = specOf(40, ['ec2:StopInstances']);
    thread = createDataThread({ spawn: dataWorkerSpawner(url as URL, spec), timeoutMs: 15_000 });
    const inWorker = ec2Of(thread.handler);
    const listed = await instances(inWorker);
    expect(listed.length).toBe(49);
    expect(listed).toEqual(await instances(ec2Of(buildFleetHandler(spec))));
    const id = listed[0]?.split(' ')[0] ?? '';
    await expect(inWorker.send(new StopInstancesCommand({ InstanceIds: [id] }))).rejects.toThrow(/not authorized|UnauthorizedOperation/i);
  }, 30_000);

  it('the UI thread receives the same rows the in-thread api makes, in small messages, and nothing of the SDK', async () => {
    const spec = specOf(2_000);
    const received: unknown[] = [];
    const spawn = dataWorkerSpawner(bundledDataWorker(DIST_CLI) as URL, spec);
    thread = createDataThread({
      spawn: () => {
        const w = spawn();
        w.on('message', (m: unknown) => received.push(m));
        return w;
      },
      timeoutMs: 30_000,
    });
    const config = { region: 'us-east-1', isReadOnly: true, allowHostChecks: false };
    const remote = createWorkerApi(thread.link, { ...config, fleet: true }, 0);
    const local = createAwsApi({ ...config, simHandler: buildFleetHandler(spec) });

    // The worker counts the requests each call sent: pages of 1,000 instances, statuses 100 ids per call.
    const heard: [string, number][] = [];
    remote.countRequests?.((method, n) => heard.push([method, n]));
    const [rows, localRows] = await Promise.all([remote.listInstances(), local.listInstances()]);
    expect(rows.length).toBe(2_009);
    expect(rows).toEqual(localRows);
    const ids = rows.slice(0, 150).map((r) => r.id);
    expect(await remote.describeStatuses(ids)).toEqual(await local.describeStatuses(ids));
    expect(heard).toEqual([['listInstances', 3], ['describeStatuses', 2]]);
    expect(await remote.describeInstanceTypes(['t3.micro', 'm5.large'])).toEqual(await local.describeInstanceTypes(['t3.micro', 'm5.large']));
    expect(await remote.callerAccount()).toMatch(/^\d{12}$/);
    const denied = await remote.describeKeyPair('no-such-key').then((k) => k, (e: unknown) => e);
    expect(denied).toEqual(await local.describeKeyPair('no-such-key').then((k) => k, (e: unknown) => e));

    expect(received.length).toBeGreaterThan(2_009 / CHUNK_ITEMS);
    const keys = keysOf(received);
    for (const sdkKey of ['$metadata', '$fault', 'Reservations', 'Instances', 'InstanceId', 'InstanceStatuses', 'httpStatusCode', 'requestId']) {
      expect(keys.has(sdkKey)).toBe(false);
    }
    expect(Math.max(...received.map(longestList))).toBeLessThanOrEqual(CHUNK_ITEMS);
  }, 60_000);

  it('a worker that dies mid-call: the call fails in one line, and the next call gets a fresh worker and fleet', async () => {
    const spec = specOf(2_000);
    const spawn = dataWorkerSpawner(bundledDataWorker(DIST_CLI) as URL, spec);
    const workers: Worker[] = [];
    thread = createDataThread({ spawn: () => { const w = spawn(); workers.push(w); return w; }, timeoutMs: 30_000 });
    const api = createWorkerApi(thread.link, { region: 'us-east-1', fleet: true, isReadOnly: true }, 0);
    // Ended as soon as the call is posted, the worker cannot have loaded the SDK, built 2,000 instances and answered.
    const listing = api.listInstances().then(() => 'answered', (e: unknown) => (e as Error).message);
    while (workers.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await workers[0]?.terminate();
    const message = await listing;
    expect(message).toMatch(/^AWS thread stopped \(exit code \d+\); it restarts on the next refresh$/);
    const again = await api.describeInstanceTypes(['t3.micro']);
    expect(again.length).toBe(1);
    expect(workers.length).toBe(2);
  }, 60_000);

  it('the write path runs there too: DryRun, a stop and its waiter, read-only refused, errors as AwsFailure', async () => {
    const spec = specOf(0, ['ec2:RebootInstances']);
    thread = createDataThread({ spawn: dataWorkerSpawner(bundledDataWorker(DIST_CLI) as URL, spec), timeoutMs: 30_000 });
    const config = { region: 'us-east-1', fleet: true, allowHostChecks: false };
    const api = createWorkerApi(thread.link, { ...config, isReadOnly: false }, 0);
    const actions = createWorkerActions(thread.link, { ...config, isReadOnly: false }, 0, { minDelay: 1, maxDelay: 1 });
    const readOnly = createWorkerActions(thread.link, { ...config, isReadOnly: true }, 1);
    const web = (await api.listInstances()).find((i) => i.name === 'pettracker-web-1');
    if (web === undefined) throw new Error('no pettracker-web-1 in the fleet');
    expect(await actions.checkPermission('stop', web.id)).toBeUndefined();
    expect(await actions.checkPermission('reboot', web.id)).toMatchObject({ kind: 'denied', action: 'ec2:RebootInstances' });
    const refused = await readOnly.stopInstance(web.id).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AwsFailure);
    expect((refused as AwsFailure).message).toMatch(/read-only/);
    expect(await actions.stopInstance(web.id)).toMatchObject({ instanceId: web.id, previous: 'running', current: 'stopping' });
    await actions.waitFor(web.id, 'stopped', { maxWaitSeconds: 60 });
    expect((await api.listInstances({ instanceIds: [web.id] }))[0]?.state).toBe('stopped');
  }, 90_000);
});

