// Hand-built Evidence for each training scenario: the healthy pettracker-ml-server of the reference story, and
// the one change each incident makes to it. Times are 2024-01-15 (UTC), the window 00:00–03:00.
import type { InstanceStatus, InstanceTypeInfo, LogEvent } from '../../source/domain/types.js';
import type { Evidence, MetricEvidence } from '../../source/triage/evidence.js';
import { missing, missingFromError } from '../../source/triage/evidence.js';
import type { SecurityGroup } from '../../source/domain/network-types.js';
import { makeInstance, makeStatus } from '../helpers/fake-aws.js';

export const ID = 'i-1234567890abcdef0';
export const at = (hhmmss: string): Date => new Date(`2024-01-15T${hhmmss}Z`);
const FROM = at('00:00:00');
const TO = at('03:00:00');
const MIN = 60_000;

/** A series from 00:00 to 03:00 every `period` seconds, value by time. */
export function series(fn: (t: Date) => number, period = 300): MetricEvidence {
  const timestamps: Date[] = [];
  for (let t = FROM.getTime(); t <= TO.getTime(); t += period * 1000) timestamps.push(new Date(t));
  return { period, timestamps, values: timestamps.map(fn) };
}
const flat = (v: number, period = 300): MetricEvidence => series(() => v, period);
const after = (hhmmss: string, before: number, then: number) => (t: Date) => (t >= at(hhmmss) ? then : before);

const type = (t: string, vcpus: number, memoryMiB: number, isBurstable = false): InstanceTypeInfo => ({
  type: t, vcpus, memoryMiB, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable, hypervisor: 'nitro', virtualizationTypes: ['hvm'],
});
export const C5 = [type('c5.large', 2, 4096), type('c5.xlarge', 4, 8192), type('c5.2xlarge', 8, 16384)];
export const T3 = [type('t3.medium', 2, 4096, true), type('t3.large', 2, 8192, true), type('t3.xlarge', 4, 16384, true)];

const event = (hhmmss: string, message: string): LogEvent => ({ timestamp: at(hhmmss), message, logStream: ID, eventId: undefined });
const SYSTEM = '/pettracker/ec2/system';
const APP = '/pettracker/ml-server';

export const ML_SG: SecurityGroup = {
  groupId: 'sg-0a1b2c3d4e5f60001', groupName: 'pettracker-ml-sg',
  ingress: [
    { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['203.0.113.0/24'], ipv6Cidrs: [], sourceGroupIds: ['sg-0bastion000000001'] },
    { protocol: 'tcp', fromPort: 8080, toPort: 8080, cidrs: ['0.0.0.0/0'], ipv6Cidrs: [], sourceGroupIds: [] },
  ],
};

const BOOT_CONSOLE = [
  '[    0.000000] Linux version 6.1.72-96.166.amzn2023.x86_64 (mockbuild@ip-10-0-1-1) (gcc (GCC) 11.4.1) #1 SMP',
  '[    2.104512] ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.11.0g',
  '[  OK  ] Started sshd.service - OpenSSH server daemon.',
  '[   12.881001] cloud-init[1834]: Cloud-init v. 22.2.2 finished at Sat, 06 Jan 2024 00:00:12 +0000. Up 12.70 seconds',
].join('\n');

/** The healthy baseline: every check clean, every item gathered. */
export function healthy(): Evidence {
  const instance = makeInstance({
    id: ID, name: 'pettracker-ml-server', tags: { Name: 'pettracker-ml-server' }, type: 'c5.large', publicIp: '54.123.45.67', privateIp: '172.31.45.67',
    keyName: 'pettracker-key', securityGroups: [{ id: ML_SG.groupId, name: ML_SG.groupName }], subnetId: 'subnet-0public1a', vpcId: 'vpc-0pettracker', imageId: 'ami-0abcdef1234567890',
  });
  return {
    target: { region: 'us-east-1' }, gatheredAt: TO, window: { from: FROM, to: TO }, instance,
    status: makeStatus(ID), typeInfo: C5[0] ?? missing('error', 'no type'), familyTypes: C5,
    metrics: {
      cpuAvg: flat(18), cpuMax: flat(31), netIn: flat(1_200_000), netOut: flat(900_000), ebsReadBytes: flat(4_000_000), ebsWriteBytes: flat(9_000_000),
      statusFailedSystem: flat(0, 60), statusFailedInstance: flat(0, 60), mem: flat(46.5, 60), disk: flat(41.2, 60),
      cpuCreditBalance: missing('not-applicable', 'c5.large is not burstable'),
    },
    consoleOutput: { instanceId: ID, timestamp: TO, text: BOOT_CONSOLE },
    logs: [
      { group: SYSTEM, events: [event('01:10:04', 'Jan 15 01:10:04 ip-172-31-45-67 sshd[48211]: Accepted publickey for ec2-user from 203.0.113.24 port 51934 ssh2')] },
      { group: APP, events: [event('02:00:00', '2024-01-15 02:00:00 INFO: served 1200 predictions in the last hour')] },
    ],
    network: {
      securityGroups: [ML_SG],
      subnet: { subnetId: 'subnet-0public1a', vpcId: 'vpc-0pettracker', cidr: '172.31.32.0/20', az: 'us-east-1a', mapPublicIpOnLaunch: true },
      routeTable: { routeTableId: 'rtb-0public', isMain: true, routes: [{ destination: '172.31.0.0/16', target: 'local', state: 'active' }, { destination: '0.0.0.0/0', target: 'igw-0pettracker', state: 'active' }] },
      networkAcl: { aclId: 'acl-0default', isDefault: true, entries: [
        { ruleNumber: 100, protocol: '-1', action: 'allow', egress: false, cidr: '0.0.0.0/0', fromPort: undefined, toPort: undefined },
        { ruleNumber: 32767, protocol: '-1', action: 'deny', egress: false, cidr: '0.0.0.0/0', fromPort: undefined, toPort: undefined },
        { ruleNumber: 100, protocol: '-1', action: 'allow', egress: true, cidr: '0.0.0.0/0', fromPort: undefined, toPort: undefined },
        { ruleNumber: 32767, protocol: '-1', action: 'deny', egress: true, cidr: '0.0.0.0/0', fromPort: undefined, toPort: undefined },
      ] },
      keyPair: { keyName: 'pettracker-key', exists: true },
    },
  };
}

const impaired = (which: 'system' | 'instance', since: string): InstanceStatus => {
  const base = makeStatus(ID);
  return { ...base, [which]: { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: at(since) }] } };
};

export type ScenarioName = 'healthy' | 'oom' | 'system-check-failed' | 'instance-check-failed' | 'disk-full' | 'cpu-credits' | 'ssh-blocked' | 'no-public-ip' | 'wont-start';

/** Evidence for one training scenario. */
export function scenario(name: ScenarioName): Evidence {
  const e = healthy();
  switch (name) {
    case 'healthy':
      return e;
    case 'oom':
      return {
        ...e,
        metrics: {
          ...e.metrics,
          netIn: series(after('02:30:00', 1_200_000, 3_900_000)),
          cpuMax: series((t) => (t >= at('02:40:00') && t <= at('02:50:00') ? 100 : 31)),
          mem: series((t) => (t < at('02:20:00') ? 46.5 : t < at('02:44:00') ? 70 + (t.getTime() - at('02:20:00').getTime()) / MIN : t.getTime() === at('02:44:00').getTime() ? 97.6 : 38), 60),
        },
        logs: [
          { group: SYSTEM, events: [
            event('02:45:05', 'Jan 15 02:45:05 ip-172-31-45-67 kernel: python3 invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP), order=0, oom_score_adj=0'),
            event('02:45:12', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3) score 912 or sacrifice child'),
            event('02:45:12', 'Jan 15 02:45:12 ip-172-31-45-67 kernel: Killed process 1234 (python3) total-vm:6100000kB, anon-rss:3480000kB, file-rss:0kB, shmem-rss:0kB'),
          ] },
          { group: APP, events: [event('02:45:10', '2024-01-15 02:45:10 ERROR: Memory allocation failed for model inference'), event('02:45:12', '2024-01-15 02:45:12 CRITICAL: Process killed by OOM killer')] },
        ],
      };
    case 'system-check-failed':
      return { ...e, status: impaired('system', '02:31:00'), metrics: { ...e.metrics, statusFailedSystem: series(after('02:31:00', 0, 1), 60), cpuAvg: series(after('02:30:00', 18, 0)) } };
    case 'instance-check-failed':
      return {
        ...e, status: impaired('instance', '02:49:00'),
        metrics: { ...e.metrics, statusFailedInstance: series(after('02:49:00', 0, 1), 60), mem: series(after('02:48:00', 46.5, 0), 60) },
        // launch 2024-01-06T00:00:00Z + 787680 s = 2024-01-15T02:48:00Z
        consoleOutput: { instanceId: ID, timestamp: TO, text: [BOOT_CONSOLE,
          '[787680.104233] BUG: kernel NULL pointer dereference, address: 0000000000000010',
          '[787680.104301] RIP: 0010:xfs_bmapi_convert_delalloc+0x9a/0x4e0 [xfs]',
          '[787680.112345] Kernel panic - not syncing: Fatal exception',
          '[787680.113000] ---[ end Kernel panic - not syncing: Fatal exception ]---'].join('\n') },
      };
    case 'disk-full':
      return {
        ...e,
        metrics: { ...e.metrics, disk: series((t) => (t >= at('02:52:00') ? 100 : 80 + (t.getTime() - FROM.getTime()) / (172 * MIN) * 19), 60) },
        logs: [
          { group: SYSTEM, events: [event('02:52:04', "Jan 15 02:52:04 ip-172-31-45-67 rsyslogd[1021]: file '/var/log/messages'[7] write error - see https://www.rsyslog.com/solving-rsyslog-write-errors/ for help OS error: No space left on device")] },
          { group: APP, events: [
            event('02:52:02', "2024-01-15 02:52:02 ERROR: Batch inference job failed: OSError: [Errno 28] No space left on device: '/var/tmp/ml-server/batch-cache/batch-000871.npy'"),
            event('02:54:10', "2024-01-15 02:54:10 ERROR: Health check failed: [Errno 28] No space left on device: '/tmp/ml-health-check.tmp'"),
          ] },
        ],
      };
    case 'cpu-credits':
      return {
        ...e, instance: { ...e.instance, type: 't3.large' }, typeInfo: T3[1] ?? missing('error', 'no type'), familyTypes: T3,
        metrics: {
          ...e.metrics,
          cpuCreditBalance: series((t) => Math.max(0, 240 - (t.getTime() - FROM.getTime()) / (140 * MIN) * 240)),
          cpuAvg: series((t) => (t >= at('02:20:00') ? 30 : 62)), cpuMax: series((t) => (t >= at('02:20:00') ? 30.4 : 64)),
        },
      };
    case 'ssh-blocked':
      return { ...e, network: { ...e.network, securityGroups: [{ ...ML_SG, ingress: ML_SG.ingress.filter((r) => r.fromPort !== 22) }] } };
    case 'no-public-ip':
      return {
        ...e, instance: { ...e.instance, publicIp: undefined, subnetId: 'subnet-0private1a', privateIp: '172.31.101.67' },
        network: {
          ...e.network,
          subnet: { subnetId: 'subnet-0private1a', vpcId: 'vpc-0pettracker', cidr: '172.31.96.0/20', az: 'us-east-1a', mapPublicIpOnLaunch: false },
          routeTable: { routeTableId: 'rtb-0private', isMain: false, routes: [{ destination: '172.31.0.0/16', target: 'local', state: 'active' }, { destination: '0.0.0.0/0', target: 'nat-0pettracker1a', state: 'active' }] },
        },
      };
    case 'wont-start':
      return {
        ...e,
        instance: { ...e.instance, type: 'c5.xlarge', state: 'stopped', publicIp: undefined, stateReason: { code: 'Server.InsufficientInstanceCapacity', message: 'Server.InsufficientInstanceCapacity: Insufficient capacity.' }, stateTransitionReason: 'User initiated (2024-01-15 02:35:00 GMT)' },
        typeInfo: C5[1] ?? missing('error', 'no type'),
        status: { ...makeStatus(ID, 'not-applicable', 'not-applicable'), state: 'stopped' },
      };
  }
}

/** The "evidence missing" variants. */
export const deniedStatus = (): Evidence => ({ ...healthy(), status: missingFromError({ kind: 'denied', action: 'ec2:DescribeInstanceStatus', message: 'User is not authorized to perform: ec2:DescribeInstanceStatus' }, 'ec2:DescribeInstanceStatus') });
/** No CloudWatch Agent: the agent's metrics were read and had no datapoints (as the gatherer records it). */
const agentAbsent = () => missing('no-agent', 'CloudWatch Agent not reporting (no CWAgent data for this instance)', 'cloudwatch:GetMetricData');
export const noAgent = (base: Evidence = healthy()): Evidence => ({ ...base, metrics: { ...base.metrics, mem: agentAbsent(), disk: agentAbsent() } });
