// The bundled training fleet's worker (dist/fleet-worker.js, built by scripts/build.mjs): the same spec answers
// from its own thread exactly as the fleet built in this thread does, through the real SDK.
import { DescribeInstancesCommand, EC2Client, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { bundledFleetWorker, createFleetWorker, fleetWorkerSpawner, type FleetWorker } from '../../source/cli/fleet-thread.js';
import { buildFleetHandler, type FleetSpec } from '../../source/sim/fleet-host.js';
import type { SimHandler } from '../../source/sim/types.js';
import { createAwsApi } from '../../source/aws/index.js';
import type { Worker } from 'node:worker_threads';
import { simRequestHandler } from '../sim/helpers/sdk-adapter.js';

const DIST_CLI = new URL('../../dist/cli.js', import.meta.url).href;

let fleet: FleetWorker | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const ec2Of = (handler: SimHandler): EC2Client =>
  new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, requestHandler: simRequestHandler(handler), maxAttempts: 1 });

async function instances(ec2: EC2Client): Promise<string[]> {
  const out = await ec2.send(new DescribeInstancesCommand({}));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => `${i.InstanceId} ${i.State?.Name} ${i.LaunchTime?.toISOString()}`).sort();
}

describe('the bundled fleet worker', () => {
  it('is found beside the CLI and answers as the in-thread fleet does, --deny included', async () => {
    const url = bundledFleetWorker(DIST_CLI);
    expect(url?.pathname.endsWith('/dist/fleet-worker.js')).toBe(true);
    const realStart = Date.now();
    const spec: FleetSpec = { scenario: 'oom', seed: 7, fleetSize: 40, speed: 60, deny: ['ec2:StopInstances'], anchor: { realStart, fleetStart: realStart }, t0: realStart - 300_000 };
    fleet = createFleetWorker({ spawn: fleetWorkerSpawner(url as URL, spec), timeoutMs: 15_000 });
    const inWorker = ec2Of(fleet.handler);
    const inThread = ec2Of(buildFleetHandler(spec));
    const listed = await instances(inWorker);
    expect(listed.length).toBe(49);
    expect(listed).toEqual(await instances(inThread));
    const id = listed[0]?.split(' ')[0] ?? '';
    await expect(inWorker.send(new StopInstancesCommand({ InstanceIds: [id] }))).rejects.toThrow(/not authorized|UnauthorizedOperation/i);
  }, 30_000);

  it('a worker that dies mid-call: the call fails in one line through the app API, and the next one gets a fresh fleet', async () => {
    const url = bundledFleetWorker(DIST_CLI) as URL;
    const realStart = Date.now();
    const spec: FleetSpec = { scenario: 'oom', seed: 7, fleetSize: 2_000, speed: 1, deny: [], anchor: { realStart, fleetStart: realStart }, t0: realStart - 300_000 };
    const spawn = fleetWorkerSpawner(url, spec);
    const workers: Worker[] = [];
    fleet = createFleetWorker({ spawn: () => { const w = spawn(); workers.push(w); return w; }, timeoutMs: 30_000 });
    const handler = fleet.handler;
    let posted = 0;
    const counting: SimHandler = (request) => {
      const answer = handler(request);
      posted += 1;
      return answer;
    };
    const api = createAwsApi({ region: 'us-east-1', simHandler: counting, isReadOnly: true, allowHostChecks: false });
    // Ended as soon as the call is posted, the worker cannot have built 2,000 instances and answered.
    const listing = api.listInstances().then(() => 'answered', (e: unknown) => (e as Error).message);
    while (posted === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await workers[0]?.terminate();
    const message = await listing;
    expect(message).toMatch(/training fleet worker stopped \(exit code \d+\); it restarts on the next refresh/);
    expect(message).not.toContain('\n');
    const again = await api.describeInstanceTypes(['t3.micro']);
    expect(again.length).toBe(1);
    expect(workers.length).toBe(2);
  }, 60_000);
});
