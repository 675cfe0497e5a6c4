// The aws/ contract: one describe body, run against moto (moto.test.ts) and the in-process training fleet
// (fleet.test.ts). Targets seed their backend their own way; the assertions are shared. Cases a target cannot
// support are skipped with the reason in their name rather than dropped, so the gap stays visible.
import { expect, it } from 'vitest';
import type { AwsApi } from '../../source/aws/api.js';
import { ListCommandInvocationsCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { AwsFailure, createAwsApi } from '../../source/aws/index.js';
import { hostCheckInput } from '../../source/aws/ssm.js';
import { HOST_CHECKS, splitSections, TERMINAL_COMMAND_STATUSES } from '../../source/domain/host-checks.js';
import type { CommandInvocation } from '../../source/domain/host-checks.js';
import type { AwsError, InstanceStateName, MetricQuery } from '../../source/domain/types.js';
import { freePort } from '../helpers/moto.js';

export interface SeededInstance {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly state: InstanceStateName;
}

export interface ApiOptions {
  readonly pageSize?: number;
  readonly onCommand?: (service: string, command: string) => void;
  /** --diagnostics: the SSM guard lets the fixed host checks out. */
  readonly allowHostChecks?: boolean;
  readonly isReadOnly?: boolean;
}

/** What a backend's SSM lacks; each case that needs it is skipped with the name in its title. */
export type SsmGap = 'an SSM service' | 'DescribeInstanceInformation' | 'ListCommandInvocations' | 'command output' | 'unmanaged instances';

export interface SsmTarget {
  /** An instance whose host checks the backend runs (its agent Online). */
  seedManaged(): Promise<string>;
  /** An instance SSM does not manage. */
  seedUnmanaged?(): Promise<string>;
  /** The SendCommand requests the backend has received so far (moto: ListCommands; the fleet: its record). */
  sentCommands(): Promise<number>;
  /** Lets time pass for a command to run (the fleet's clock; moto's commands end at once). */
  pass(ms: number): void;
  /** The guarded SSM client, as createAwsApi builds it. */
  client(options?: ApiOptions): SSMClient;
  readonly lacks: ReadonlySet<SsmGap>;
}

/** The fleet's scripted incident, which only the training fleet can play out. */
export interface Incident {
  readonly instanceId: string;
  /** Moves the world past the incident. */
  after(): void;
  /** Moves the world back before it. */
  before(): void;
  readonly consoleLine: string;
  readonly logGroup: string;
  readonly logLine: string;
  readonly window: () => { start: Date; end: Date };
}

export interface ContractTarget {
  readonly kind: 'moto' | 'fleet';
  /** Called before each case: an empty moto, or a fresh default world. */
  reset(): Promise<void>;
  /** A fresh AwsApi over the current backend. */
  api(options?: ApiOptions): AwsApi;
  /** At least one running and one stopped instance, both named. */
  seedNamed(): Promise<{ readonly running: SeededInstance; readonly stopped: SeededInstance }>;
  /** At least n instances; returns the ids of n of them. */
  seedMany(n: number): Promise<string[]>;
  /** A metric with data and what its series must show. */
  seedMetric(): Promise<{ readonly query: MetricQuery; readonly start: Date; readonly end: Date; check(values: readonly number[]): void }>;
  /** A log group with events and one message the window must contain. */
  seedLogs(): Promise<{ readonly group: string; readonly start: Date; readonly end: Date; readonly expected: string }>;
  /** A security group allowing TCP 22 from `sshCidr`, in a public subnet of `vpcId`, and an existing key pair. */
  seedNetwork(): Promise<{
    readonly groupId: string;
    readonly sshCidr: string;
    readonly subnetId: string;
    readonly vpcId: string;
    readonly keyName: string;
  }>;
  /** Two metric alarms in ALARM on the instance's InstanceId dimension and one that is not. */
  seedAlarms(instanceId: string): Promise<void>;
  /** A syntactically valid instance id the backend has never seen. */
  readonly unknownInstanceId: string;
  /** Set on the fleet only. */
  readonly incident?: Incident;
  readonly ssm: SsmTarget;
}

/** What an AwsApi call threw, as the AwsError it must be. */
export async function failureOf(promise: Promise<unknown>): Promise<AwsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AwsFailure);
    return (error as AwsFailure).error;
  }
  throw new Error('expected the call to fail');
}

function counter(): { readonly counts: Map<string, number>; readonly onCommand: (s: string, c: string) => void } {
  const counts = new Map<string, number>();
  return { counts, onCommand: (_service, command) => counts.set(command, (counts.get(command) ?? 0) + 1) };
}

/** Registers the contract cases for one target (call inside a describe with target.reset in beforeEach). */
export function defineContract(target: ContractTarget): void {
  const fleetOnly = target.incident === undefined ? it.skip : it;

  it('listInstances sees instances with names, types and states', async () => {
    const { running, stopped } = await target.seedNamed();
    const instances = await target.api().listInstances();
    for (const seeded of [running, stopped]) {
      expect(instances.find((i) => i.id === seeded.id)).toMatchObject({ name: seeded.name, type: seeded.type, state: seeded.state });
    }
    const only = await target.api().listInstances({ instanceIds: [running.id] });
    expect(only.map((i) => i.id)).toEqual([running.id]);
  });

  it('listInstances by name sends a tag:Name filter and gets that name only (exact names, stopped ones too)', async () => {
    const { running, stopped } = await target.seedNamed();
    const { counts, onCommand } = counter();
    const named = await target.api({ onCommand }).listInstances({ names: [running.name] });
    expect(named.map((i) => i.id)).toEqual([running.id]);
    expect(counts.get('DescribeInstancesCommand')).toBe(1);
    const both = await target.api().listInstances({ names: [running.name, stopped.name] });
    expect(both.map((i) => i.id).sort()).toEqual([running.id, stopped.id].sort());
    expect(await target.api().listInstances({ names: ['no-instance-has-this-name'] })).toEqual([]);
  });

  it('listInstances follows pages (MaxResults 5) without losing or repeating instances', async () => {
    const ids = await target.seedMany(12);
    const { counts, onCommand } = counter();
    const instances = await target.api({ pageSize: 5, onCommand }).listInstances();
    const seen = instances.map((i) => i.id);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(counts.get('DescribeInstancesCommand')).toBeGreaterThan(1);
  });

  it('describeStatuses (IncludeAllInstances) covers stopped instances too', async () => {
    const { running, stopped } = await target.seedNamed();
    const statuses = await target.api().describeStatuses([running.id, stopped.id]);
    expect(statuses.find((s) => s.instanceId === running.id)?.state).toBe('running');
    expect(statuses.find((s) => s.instanceId === stopped.id)?.state).toBe('stopped');
    const all = await target.api().describeStatuses(undefined);
    expect(all.map((s) => s.instanceId)).toEqual(expect.arrayContaining([running.id, stopped.id]));
  });

  it('describeStatuses splits more than 100 ids into calls of at most 100', async () => {
    const ids = await target.seedMany(120);
    const { counts, onCommand } = counter();
    const statuses = await target.api({ onCommand }).describeStatuses(ids);
    expect(new Set(statuses.map((s) => s.instanceId))).toEqual(new Set(ids));
    expect(counts.get('DescribeInstanceStatusCommand')).toBe(2);
  });

  it('describeInstanceTypes gives c5.large 2 vCPUs and 4096 MiB', async () => {
    const [info] = await target.api().describeInstanceTypes(['c5.large']);
    expect(info).toMatchObject({ type: 'c5.large', vcpus: 2, memoryMiB: 4096 });
    expect(info?.architectures).toContain('x86_64');
  });

  it('getConsoleOutput returns decoded text', async () => {
    const { running } = await target.seedNamed();
    const out = await target.api().getConsoleOutput(running.id, { latest: true });
    expect(out.instanceId).toBe(running.id);
    expect(out.text.length).toBeGreaterThan(0);
    expect(out.text).not.toMatch(/^[A-Za-z0-9+/=]+$/);
  });

  fleetOnly('getConsoleOutput shows the OOM kill only after the incident (fleet-only: moto console output is fixed text)', async () => {
    const incident = target.incident as Incident;
    incident.before();
    expect((await target.api().getConsoleOutput(incident.instanceId)).text).not.toContain(incident.consoleLine);
    incident.after();
    expect((await target.api().getConsoleOutput(incident.instanceId)).text).toContain(incident.consoleLine);
  });

  it('getMetricData reads a series back ascending in one call', async () => {
    const { query, start, end, check } = await target.seedMetric();
    const batch = await target.api().getMetricData([query], start, end);
    expect(batch.calls).toBe(1);
    const [series] = batch.series;
    expect(series?.id).toBe(query.id);
    expect(series?.timestamps.length).toBe(series?.values.length);
    const times = series?.timestamps.map((t) => t.getTime()) ?? [];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    check(series?.values ?? []);
  });

  it('getMetricData batches 1,001 queries into ceil(1001/500) = 3 calls', async () => {
    const { query, start, end } = await target.seedMetric();
    const queries = Array.from({ length: 1001 }, (_, i) => ({ ...query, id: `q${i}` }));
    const batch = await target.api().getMetricData(queries, start, end);
    expect(batch.calls).toBe(3);
    expect(batch.series.map((s) => s.id)).toEqual(queries.map((q) => q.id));
    expect(batch.series.at(-1)?.values.length).toBeGreaterThan(0);
  });

  it('filterLogEvents finds the seeded events and honours limit', async () => {
    const { group, start, end, expected } = await target.seedLogs();
    const groups = await target.api().listLogGroups(group.slice(0, 5));
    expect(groups.map((g) => g.name)).toContain(group);
    const events = await target.api().filterLogEvents(group, start, end);
    expect(events.some((e) => e.message.includes(expected))).toBe(true);
    expect(events.every((e) => e.timestamp >= start && e.timestamp < end)).toBe(true);
    const one = await target.api().filterLogEvents(group, start, end, { limit: 1 });
    expect(one).toHaveLength(1);
  });

  fleetOnly('filterLogEvents shows the OOM kill after the incident (fleet-only: moto has no scripted incident)', async () => {
    const incident = target.incident as Incident;
    incident.after();
    const { start, end } = incident.window();
    const events = await target.api().filterLogEvents(incident.logGroup, start, end, { pattern: '"OOM killer"' });
    expect(events.map((e) => e.message).join('\n')).toContain(incident.logLine);
  });

  it('describe view reads: the raw reservation of one instance, its volumes by id, its Elastic IPs, its AMI', async () => {
    const { running } = await target.seedNamed();
    const api = target.api();
    const raw = (await api.describeInstanceRaw?.(running.id)) as { Reservations: { Instances: { InstanceId: string; LaunchTime: string }[] }[] };
    expect(raw.Reservations).toHaveLength(1);
    expect(raw.Reservations[0]?.Instances.map((i) => i.InstanceId)).toEqual([running.id]);
    expect(raw.Reservations[0]?.Instances[0]?.LaunchTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [instance] = await api.listInstances({ instanceIds: [running.id] });
    const volumeIds = (instance?.blockDevices ?? []).map((b) => b.volumeId);
    expect(volumeIds.length).toBeGreaterThan(0);
    const volumes = (await api.describeVolumes?.(volumeIds)) ?? [];
    expect(volumes.map((v) => v.id).sort()).toEqual([...volumeIds].sort());
    expect(volumes.every((v) => v.sizeGiB > 0 && v.state === 'in-use')).toBe(true);
    expect(await api.describeAddresses?.(running.id)).toEqual([]);
    const imageId = instance?.imageId ?? '';
    expect((await api.describeImage?.(imageId))?.id).toBe(imageId);
    expect(await api.describeImage?.('ami-0123456789abcdef0')).toBeUndefined();
    expect((await failureOf(api.describeInstanceRaw?.(target.unknownInstanceId) ?? Promise.resolve())).kind).toBe('not-found');
  });

  it('describeSecurityGroups returns inbound rules with ports and CIDRs', async () => {
    const net = await target.seedNetwork();
    const [group] = await target.api().describeSecurityGroups([net.groupId]);
    expect(group?.groupId).toBe(net.groupId);
    const ssh = group?.ingress.find((r) => r.fromPort === 22 && r.toPort === 22);
    expect(ssh?.protocol).toMatch(/^(tcp|6)$/);
    expect(ssh?.cidrs).toContain(net.sshCidr);
  });

  it('describeSubnet and the route table that serves it (explicit or main) with its internet route', async () => {
    const net = await target.seedNetwork();
    const api = target.api();
    const subnet = await api.describeSubnet(net.subnetId);
    expect(subnet).toMatchObject({ subnetId: net.subnetId, vpcId: net.vpcId });
    expect(subnet.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/);
    const table = await api.describeRouteTableForSubnet(net.subnetId, net.vpcId);
    expect(table.routes.some((r) => r.destination === '0.0.0.0/0' && r.target.startsWith('igw-'))).toBe(true);
  });

  it('describeNetworkAclForSubnet returns numbered entries both ways', async () => {
    const net = await target.seedNetwork();
    const acl = await target.api().describeNetworkAclForSubnet(net.subnetId);
    expect(acl.aclId).toMatch(/^acl-/);
    expect(acl.entries.some((e) => !e.egress && e.action === 'allow')).toBe(true);
    expect(acl.entries.some((e) => e.egress)).toBe(true);
  });

  it('describeKeyPair: an existing key exists, a deleted one is exists=false (not an error)', async () => {
    const net = await target.seedNetwork();
    const api = target.api();
    expect(await api.describeKeyPair(net.keyName)).toEqual({ keyName: net.keyName, exists: true });
    expect(await api.describeKeyPair('no-such-key-contract')).toEqual({ keyName: 'no-such-key-contract', exists: false });
  });

  it('alarmingInstances counts the metric alarms in ALARM by InstanceId (one DescribeAlarms StateValue=ALARM)', async () => {
    const { running, stopped } = await target.seedNamed();
    const { counts: commands, onCommand } = counter();
    expect(await target.api().alarmingInstances()).toEqual(new Map());
    await target.seedAlarms(running.id);
    const counts = await target.api({ onCommand }).alarmingInstances();
    expect(counts.get(running.id)).toBe(2);
    expect(counts.has(stopped.id)).toBe(false);
    expect(commands.get('DescribeAlarmsCommand')).toBe(1);
  });

  it('an unknown instance id maps to not-found', async () => {
    await target.seedNamed();
    const error = await failureOf(target.api().describeStatuses([target.unknownInstanceId]));
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(target.unknownInstanceId);
  });

  const ssm = target.ssm;
  const needs = (gap: SsmGap, name: string, body: () => Promise<void>): void => {
    if (ssm.lacks.has(gap)) it.skip(`${name} (skipped: ${target.kind} lacks ${gap})`, body);
    else it(name, body);
  };
  /** Reads an invocation until it ends, letting the backend's time pass between reads. */
  const untilDone = async (api: AwsApi, commandId: string, instanceId: string): Promise<CommandInvocation> => {
    for (let i = 0; i < 60; i++) {
      try {
        const invocation = await api.getCommandInvocation(commandId, instanceId);
        if (TERMINAL_COMMAND_STATUSES.has(invocation.status)) return invocation;
      } catch (error) {
        // Just after SendCommand the invocation may not exist yet.
        if (!(error instanceof AwsFailure) || error.error.kind !== 'not-found') throw error;
      }
      ssm.pass(1000);
    }
    throw new Error(`command ${commandId} did not end`);
  };

  needs('an SSM service', 'sendHostCheck runs a fixed check with --diagnostics and getCommandInvocation reads it to Success', async () => {
    const id = await ssm.seedManaged();
    const api = target.api({ allowHostChecks: true, isReadOnly: true });
    const commandId = await api.sendHostCheck(id, 'memory');
    expect(commandId).toMatch(/^[0-9a-f-]{8,}$/);
    const done = await untilDone(api, commandId, id);
    expect(done).toMatchObject({ commandId, instanceId: id, status: 'Success', responseCode: 0 });
  });

  needs('command output', "every check's output carries each of its sections' markers", async () => {
    const id = await ssm.seedManaged();
    const api = target.api({ allowHostChecks: true, isReadOnly: true });
    for (const check of HOST_CHECKS) {
      const done = await untilDone(api, await api.sendHostCheck(id, check.id), id);
      expect(Object.keys(splitSections(done.stdout))).toEqual(check.sections.map((sec) => sec.key));
    }
  });

  it('without --diagnostics sendHostCheck is refused in words and the backend receives no SendCommand', async () => {
    const id = await ssm.seedManaged();
    const before = await ssm.sentCommands();
    for (const isReadOnly of [true, false]) {
      const error = await failureOf(target.api({ isReadOnly }).sendHostCheck(id, 'memory'));
      expect(error).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
      expect(error.message).toMatch(/--diagnostics/);
    }
    expect(await ssm.sentCommands()).toBe(before);
  });

  needs('an SSM service', 'with --diagnostics, a SendCommand that is not exactly a fixed check never reaches the backend; the fixed one does', async () => {
    const id = await ssm.seedManaged();
    const client = ssm.client({ allowHostChecks: true, isReadOnly: true });
    const before = await ssm.sentCommands();
    const fixed = hostCheckInput(id, 'disk');
    for (const input of [
      { ...fixed, DocumentName: 'AWS-RunPowerShellScript' },
      { ...fixed, Parameters: { commands: ['cat /etc/shadow'] } },
      { ...fixed, Parameters: { commands: [...fixed.Parameters.commands, 'reboot'] } },
      { ...fixed, OutputS3BucketName: 'somewhere' },
    ]) {
      const error = await client.send(new SendCommandCommand(input)).catch((e: unknown) => e);
      expect((error as AwsFailure).error.message).toMatch(/^not sent: only the fixed host-check scripts/);
    }
    expect(await ssm.sentCommands()).toBe(before);
    await client.send(new SendCommandCommand(fixed));
    expect(await ssm.sentCommands()).toBe(before + 1);
  });

  needs('DescribeInstanceInformation', 'describeInstanceInformation lists a managed instance with its agent Online', async () => {
    const id = await ssm.seedManaged();
    const [managed] = await target.api().describeInstanceInformation([id]);
    expect(managed).toMatchObject({ instanceId: id, pingStatus: 'Online' });
    expect(managed?.agentVersion).toMatch(/^\d+\./);
  });

  needs('unmanaged instances', 'describeInstanceInformation leaves an unmanaged instance out (not an error)', async () => {
    const managed = await ssm.seedManaged();
    const unmanaged = (await ssm.seedUnmanaged?.()) ?? target.unknownInstanceId;
    const list = await target.api().describeInstanceInformation([managed, unmanaged]);
    expect(list.map((m) => m.instanceId)).toEqual([managed]);
  });

  needs('ListCommandInvocations', 'ListCommandInvocations is a read: it passes the guard without --diagnostics', async () => {
    const id = await ssm.seedManaged();
    const commandId = await target.api({ allowHostChecks: true }).sendHostCheck(id, 'ssh');
    const out = await ssm.client({ isReadOnly: true }).send(new ListCommandInvocationsCommand({ CommandId: commandId }));
    expect(out.CommandInvocations?.map((c) => c.InstanceId)).toEqual([id]);
  });

  needs('an SSM service', 'getCommandInvocation of a command the backend never had fails in words', async () => {
    const id = await ssm.seedManaged();
    const error = await failureOf(target.api().getCommandInvocation('11111111-2222-3333-4444-555555555555', id));
    expect(['not-found', 'unknown']).toContain(error.kind);
  });

  it('an endpoint nobody listens on maps to network', async () => {
    const port = await freePort();
    const api = createAwsApi({
      region: 'us-east-1',
      endpointUrl: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    });
    const error = await failureOf(api.listInstances());
    expect(error.kind).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
}
