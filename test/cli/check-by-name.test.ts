// `check NAME` finds the instance with a tag:Name filter, not by listing the fleet, and the whole check waits for at
// most two round-trips: against moto behind a delaying proxy (what goes on the wire is read there), and against
// the training fleet's own record (only a filtered DescribeInstances reaches it).
import { CreateTagsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FleetConfig } from '../../source/cli/config.js';
import { runCheck } from '../../source/cli/run-check.js';
import type { CheckConfig } from '../../source/cli/run-check.js';
import { UsageError } from '../../source/cli/options.js';
import { chainDepth } from '../helpers/call-rounds.js';
import { startDelayProxy } from '../helpers/delay-proxy.js';
import type { DelayProxy } from '../helpers/delay-proxy.js';
import { motoMissingReason, spawnMoto, waitForMoto } from '../helpers/moto.js';
import type { MotoServer } from '../helpers/moto.js';

const REGION = 'us-east-1';
const LATENCY_MS = 100;
const FLEET: FleetConfig = { scenario: 'oom', speed: 1, seed: 1, fleetSize: 0, deny: [], isLive: false };

const base = { isJson: true, runbook: undefined, at: undefined, reportPath: undefined, alarmTopic: undefined, hasDiagnostics: false };

/** Runs check, capturing stdout; resolves to the exit code and what it printed, or rejects as check would. */
async function check(config: CheckConfig, onFleetRequest?: (op: { service: string; action: string }) => void): Promise<{ code: number; out: string }> {
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runCheck(config, onFleetRequest === undefined ? {} : { onFleetRequest });
    return { code, out };
  } finally {
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('check NAME on the training fleet', () => {
  const demo = (target: string): CheckConfig => ({ ...base, target, connection: { kind: 'demo', fleet: { ...FLEET, fleetSize: 200 } } });

  it('by name: one DescribeInstances reaches the fleet (the filtered one), and the triage is of that instance', async () => {
    const requests: string[] = [];
    const { out } = await check(demo('pettracker-ml-server'), (op) => requests.push(`${op.service}:${op.action}`));
    expect(requests.filter((r) => r === 'ec2:DescribeInstances')).toHaveLength(1);
    expect((JSON.parse(out) as { instanceId: string }).instanceId).toBe('i-1234567890abcdef0');
  });

  it('an unknown name keeps its one-line usage error', async () => {
    await expect(check(demo('no-such-name'))).rejects.toThrow(new UsageError("no instance named 'no-such-name' in us-east-1 (pass its id or exact Name tag)"));
  });
});

const missing = motoMissingReason();
const onMoto = missing === undefined || process.env.CI === 'true' ? describe : describe.skip;

onMoto(`check NAME against moto behind a ${LATENCY_MS} ms proxy${missing === undefined ? '' : ` (skipped: ${missing})`}`, () => {
  let moto: MotoServer;
  let proxy: DelayProxy;
  const ids: Record<string, string[]> = {};
  const saved = { ...process.env };

  beforeAll(async () => {
    moto = await spawnMoto();
    await waitForMoto(moto.url, moto.logFile);
    const ec2 = new EC2Client({ region: REGION, endpoint: moto.url, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    // Names per instance (TagSpecifications would give every instance the same Name): one web, two twins, filler.
    const names = ['check-web', 'check-twin', 'check-twin', ...Array.from({ length: 12 }, (_, i) => `check-filler-${i}`)];
    const out = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: names.length, MaxCount: names.length }));
    const launched = (out.Instances ?? []).map((i) => i.InstanceId ?? '');
    await Promise.all(launched.map((id, i) => ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: names[i] ?? '' }] }))));
    launched.forEach((id, i) => (ids[names[i] ?? ''] ??= []).push(id));
    proxy = await startDelayProxy(moto.url, LATENCY_MS);
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_EC2_METADATA_DISABLED: 'true' });
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await proxy.close();
    await moto.stop();
  });

  const onAws = (target: string): CheckConfig => ({
    ...base, target, connection: { kind: 'aws', region: REGION, profile: undefined, endpointUrl: proxy.url, timeoutSeconds: 20, origins: [{ region: REGION, endpointUrl: proxy.url }] },
  });

  it('by name: only a tag:Name-filtered DescribeInstances is sent, and the check takes two round-trips', async () => {
    proxy.calls.length = 0;
    const { out } = await check(onAws('check-web'));
    expect((JSON.parse(out) as { instanceId: string }).instanceId).toBe(ids['check-web']?.[0]);
    const describes = proxy.calls.filter((c) => c.action === 'DescribeInstances');
    expect(describes).toHaveLength(1);
    const form = new URLSearchParams(describes[0]?.body);
    expect([form.get('Filter.1.Name'), form.get('Filter.1.Value.1')]).toEqual(['tag:Name', 'check-web']);
    expect(proxy.calls.map((c) => c.action)).toContain('DescribeRouteTables');
    expect(chainDepth(proxy.calls), proxy.calls.map((c) => `${c.action} ${Math.round(c.start)}–${Math.round(c.end)}`).join('\n')).toBe(2);
  });

  it('by id: InstanceIds, no filter', async () => {
    proxy.calls.length = 0;
    const id = ids['check-web']?.[0] ?? '';
    await check(onAws(id));
    const describes = proxy.calls.filter((c) => c.action === 'DescribeInstances');
    expect(describes).toHaveLength(1);
    const form = new URLSearchParams(describes[0]?.body);
    expect([form.get('InstanceId.1'), form.get('Filter.1.Name')]).toEqual([id, null]);
    expect(chainDepth(proxy.calls)).toBeLessThanOrEqual(2);
  });

  it('an ambiguous name lists the ids and asks for one; an unknown name says so (both one line, as before)', async () => {
    const twins = ids['check-twin'] ?? [];
    await expect(check(onAws('check-twin'))).rejects.toThrow(/^2 instances are named 'check-twin': (i-\w+), (i-\w+); pass an id$/);
    await expect(check(onAws('check-twin'))).rejects.toThrow(new RegExp(twins.map((t) => `(?=.*${t})`).join('')));
    await expect(check(onAws('check-nobody'))).rejects.toThrow(new UsageError(`no instance named 'check-nobody' in ${REGION} (pass its id or exact Name tag)`));
  });

  it('a wildcard in the name is matched exactly, not as a filter pattern', async () => {
    await expect(check(onAws('check-*'))).rejects.toThrow(/no instance named 'check-\*'/);
  });
});
