// A small hand-made SimWorld for protocol and service tests: a handful of instances in known states, a
// few instance types, deterministic metrics and logs. Independent of the real world model.
import type {
  SimAgentFacts, SimDatapoints, SimInstance, SimInstanceStatus, SimInstanceType, SimLogEvent, SimLogGroup, SimMetricKey, SimNetwork, SimStatusCheck, SimWorld,
} from '../../../source/sim/types.js';
import { createAlarms } from '../../../source/sim/alarms.js';
import { createOperationLog } from '../../../source/sim/operations.js';
import { unknownScript } from '../../../source/sim/host-run.js';
import { createSsm } from '../../../source/sim/world-ssm.js';

export const NOW = Date.parse('2024-06-01T12:00:00Z');
const HOUR = 3_600_000;

function instance(n: number, overrides: Partial<SimInstance>): SimInstance {
  const hex = n.toString(16).padStart(17, '0');
  return {
    id: `i-${hex}`,
    tags: { Name: `web-${n}`, Team: n % 2 === 0 ? 'payments' : 'search' },
    type: 't3.micro',
    state: 'running',
    az: 'us-east-1a',
    launchTime: NOW - 48 * HOUR,
    platformDetails: 'Linux/UNIX',
    architecture: 'x86_64',
    monitoring: 'disabled',
    publicIp: `54.0.0.${n}`,
    privateIp: `10.0.0.${n}`,
    keyName: 'ops',
    securityGroups: [{ id: 'sg-0123456789abcdef0', name: 'web' }],
    subnetId: 'subnet-0123456789abcdef0',
    vpcId: 'vpc-0123456789abcdef0',
    imageId: 'ami-0123456789abcdef0',
    stateReason: undefined,
    stateTransitionReason: '',
    rootVolumeId: `vol-${hex}`,
    ...overrides,
  };
}

const ok: SimStatusCheck = { status: 'ok', details: [{ name: 'reachability', status: 'passed' }] };
const notApplicable: SimStatusCheck = { status: 'not-applicable', details: [] };

/** The fake fleet: 1–8 running (3 impaired, 4 with a maintenance event), 9 stopped, 10 terminated, 11 m5. */
export const FAKE_INSTANCES: readonly SimInstance[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => instance(n, {})),
  instance(9, {
    state: 'stopped',
    publicIp: undefined,
    stateReason: { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' },
    stateTransitionReason: 'User initiated (2024-06-01 10:00:00 GMT)',
  }),
  instance(10, { state: 'terminated', publicIp: undefined, tags: { Name: 'old & <gone>' } }),
  instance(11, { type: 'm5.large', monitoring: 'enabled', tags: { Name: 'db-1' }, az: 'us-east-1b' }),
];

/** SSM manages every fake instance but web-8 (no instance profile); 3 (impaired) and 9 (stopped) are offline. */
export const FAKE_UNMANAGED: ReadonlySet<string> = new Set(['i-00000000000000008']);

function fakeAgent(i: SimInstance): SimAgentFacts {
  return {
    instanceId: i.id,
    platformName: 'Amazon Linux',
    platformVersion: '2023',
    agentVersion: '3.3.1142.0',
    isLatestVersion: true,
    registeredAt: i.launchTime + 25_000,
    computerName: `ip-${i.privateIp.replaceAll('.', '-')}.ec2.internal`,
    ipAddress: i.privateIp,
    iamRole: 'ssm-role',
  };
}

const TYPES: readonly SimInstanceType[] = [
  { type: 't3.micro', vcpus: 2, memoryMiB: 1024, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable: true, hypervisor: 'nitro', virtualizationTypes: ['hvm'] },
  { type: 't3.small', vcpus: 2, memoryMiB: 2048, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable: true, hypervisor: 'nitro', virtualizationTypes: ['hvm'] },
  { type: 'm5.large', vcpus: 2, memoryMiB: 8192, architectures: ['x86_64'], isCurrentGeneration: true, isBurstable: false, hypervisor: 'nitro', virtualizationTypes: ['hvm'] },
  { type: 'm4.large', vcpus: 2, memoryMiB: 8192, architectures: ['x86_64'], isCurrentGeneration: false, isBurstable: false, hypervisor: 'xen', virtualizationTypes: ['hvm'] },
];

function statusOf(i: SimInstance): SimInstanceStatus {
  if (i.state !== 'running') return { instanceId: i.id, system: notApplicable, instance: notApplicable, ebs: notApplicable, events: [] };
  const isImpaired = i.id.endsWith('3');
  return {
    instanceId: i.id,
    system: ok,
    instance: isImpaired
      ? { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: NOW - HOUR }] }
      : ok,
    ebs: ok,
    events: i.id.endsWith('4')
      ? [{ id: 'instance-event-0abc', code: 'system-maintenance', description: 'Scheduled maintenance', notBefore: NOW + 24 * HOUR, notAfter: NOW + 26 * HOUR }]
      : [],
  };
}

function metricValue(key: SimMetricKey, t: number): number {
  const seed = [...(key.dimensions.InstanceId ?? '')].reduce((s, c) => s + c.charCodeAt(0), 0);
  return ((t / 60_000 + seed) % 100) / (key.metricName === 'CPUUtilization' ? 1 : 0.5);
}

const METRIC_NAMES = ['CPUUtilization', 'NetworkIn', 'StatusCheckFailed'];

const LOG_GROUPS: readonly SimLogGroup[] = [
  { name: '/aws/ec2/web', creationTime: NOW - 100 * HOUR, storedBytes: 12345 },
  { name: '/aws/ec2/db', creationTime: NOW - 90 * HOUR, storedBytes: 999 },
  { name: '/var/log/messages', creationTime: NOW - 80 * HOUR, storedBytes: 0 },
];

/** 120 events in /aws/ec2/web, one a minute over the last two hours, in two streams; every 10th an ERROR. */
function webEvents(): SimLogEvent[] {
  return Array.from({ length: 120 }, (_, k) => {
    const timestamp = NOW - (120 - k) * 60_000;
    const level = k % 10 === 0 ? 'ERROR' : k % 5 === 0 ? 'WARN' : 'INFO';
    return {
      timestamp,
      ingestionTime: timestamp + 500,
      message: `${level} request ${k} took ${k * 3} ms${k % 10 === 0 ? ' connection timeout' : ''}`,
      logStream: k % 2 === 0 ? 'i-00000000000000001' : 'i-00000000000000002',
      eventId: String(k).padStart(56, '0'),
    };
  });
}

/** One VPC with one subnet, its route table and ACL, the 'web' group (SSH from an office range) and the 'ops' key. */
export const FAKE_NETWORK: SimNetwork = {
  vpcs: [{ id: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/16', cidrBlocks: ['10.0.0.0/16'], isDefault: false, dhcpOptionsId: 'dopt-0123456789abcdef0', tags: { Name: 'main' } }],
  subnets: [{ id: 'subnet-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0', az: 'us-east-1a', cidrBlock: '10.0.0.0/24', availableIpCount: 240, isDefaultForAz: false, mapPublicIpOnLaunch: true, tags: {} }],
  routeTables: [{
    id: 'rtb-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0', tags: {},
    routes: [
      { destinationCidrBlock: '10.0.0.0/16', gatewayId: 'local', state: 'active', origin: 'CreateRouteTable' },
      { destinationCidrBlock: '0.0.0.0/0', gatewayId: 'igw-0123456789abcdef0', state: 'active', origin: 'CreateRoute' },
    ],
    associations: [{ id: 'rtbassoc-0123456789abcdef0', isMain: true }, { id: 'rtbassoc-0123456789abcdef1', isMain: false, subnetId: 'subnet-0123456789abcdef0' }],
  }],
  internetGateways: [{ id: 'igw-0123456789abcdef0', vpcIds: ['vpc-0123456789abcdef0'], tags: {} }],
  networkAcls: [{
    id: 'acl-0123456789abcdef0', vpcId: 'vpc-0123456789abcdef0', isDefault: true, tags: {},
    entries: [
      { ruleNumber: 100, protocol: '6', action: 'allow', isEgress: false, cidrBlock: '0.0.0.0/0', portRange: { from: 22, to: 22 } },
      { ruleNumber: 32767, protocol: '-1', action: 'deny', isEgress: false, cidrBlock: '0.0.0.0/0' },
      { ruleNumber: 100, protocol: '-1', action: 'allow', isEgress: true, cidrBlock: '0.0.0.0/0' },
    ],
    associations: [{ id: 'aclassoc-0123456789abcdef0', subnetId: 'subnet-0123456789abcdef0' }],
  }],
  securityGroups: [{
    id: 'sg-0123456789abcdef0', name: 'web', description: 'web & <ssh>', vpcId: 'vpc-0123456789abcdef0', ownerId: '123456789012', tags: {},
    ingress: [
      { protocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: [{ cidr: '203.0.113.0/24', description: 'Office' }], groupPairs: [] },
      { protocol: 'tcp', fromPort: 443, toPort: 443, ipRanges: [], groupPairs: [{ groupId: 'sg-0123456789abcdef0', userId: '123456789012' }] },
    ],
    egress: [{ protocol: '-1', ipRanges: [{ cidr: '0.0.0.0/0' }], groupPairs: [] }],
  }],
  keyPairs: [{ id: 'key-0123456789abcdef0', name: 'ops', fingerprint: 'ab:cd:ef', type: 'rsa', createTime: NOW - 1000 * HOUR, tags: {} }],
};

/** Builds the fake world; `now` is fixed unless a clock is given. */
export function createFakeWorld(clock: { now(): number } = { now: () => NOW }): SimWorld {
  const events = webEvents();
  const log = createOperationLog();
  const world: SimWorld = {
    region: 'us-east-1',
    accountId: '123456789012',
    scenario: 'fake',
    clock,
    instances: () => FAKE_INSTANCES,
    instance: (id) => FAKE_INSTANCES.find((i) => i.id === id),
    status: (id) => {
      const i = FAKE_INSTANCES.find((x) => x.id === id);
      return i === undefined ? undefined : statusOf(i);
    },
    instanceTypes: () => TYPES,
    listMetrics: () =>
      FAKE_INSTANCES.filter((i) => i.state !== 'terminated').flatMap((i) =>
        METRIC_NAMES.map((metricName) => ({ namespace: 'AWS/EC2', metricName, dimensions: { InstanceId: i.id } })),
      ),
    datapoints: (key, start, end, period, stat): SimDatapoints => {
      const i = FAKE_INSTANCES.find((x) => x.id === key.dimensions.InstanceId);
      const unit = key.metricName === 'CPUUtilization' ? 'Percent' : key.metricName === 'NetworkIn' ? 'Bytes' : 'Count';
      if (key.namespace !== 'AWS/EC2' || i === undefined || i.state !== 'running') return { timestamps: [], values: [], unit };
      const step = period * 1000;
      const timestamps: number[] = [];
      const values: number[] = [];
      for (let t = Math.ceil(start / step) * step; t < end && t < clock.now(); t += step) {
        const base = metricValue(key, t);
        timestamps.push(t);
        values.push(stat === 'Maximum' ? base + 5 : stat === 'Minimum' ? Math.max(0, base - 5) : stat === 'SampleCount' ? period / 60 : stat === 'Sum' ? base * (period / 60) : base);
      }
      return { timestamps, values, unit };
    },
    consoleOutput: (id) => {
      const i = FAKE_INSTANCES.find((x) => x.id === id);
      return i === undefined ? undefined : { text: `[    0.000000] Linux version 6.1\n${i.id} login: ünïcode ok\n`, timestamp: NOW - 60_000 };
    },
    logGroups: () => LOG_GROUPS,
    network: () => FAKE_NETWORK,
    logEvents: (group, start, end) =>
      group === '/aws/ec2/web' ? events.filter((e) => e.timestamp >= start && e.timestamp < end && e.timestamp <= clock.now()) : [],
    // The fake fleet never changes: every action is refused, so service tests see the wire path only.
    instanceAction: (id) =>
      FAKE_INSTANCES.some((i) => i.id === id)
        ? { ok: false, refusal: { code: 'UnsupportedOperation', message: 'The fake fleet does not change.' } }
        : { ok: false, refusal: { code: 'InvalidInstanceID.NotFound', message: `The instance ID '${id}' does not exist` } },
    actions: () => [],
    alarms: createAlarms({
      region: 'us-east-1',
      accountId: '123456789012',
      now: () => clock.now(),
      datapoints: (key, start, end, period, stat) => world.datapoints(key, start, end, period, stat),
      recover: () => false,
    }),
    ssm: createSsm({
      region: 'us-east-1',
      seed: 1,
      now: () => clock.now(),
      instances: () => FAKE_INSTANCES,
      instance: (id) => FAKE_INSTANCES.find((i) => i.id === id),
      agent: (i) => (FAKE_UNMANAGED.has(i.id) ? undefined : fakeAgent(i)),
      // The impaired instance's OS is down since two hours ago; the stopped one since it stopped.
      agentSpell: (id) =>
        id === 'i-00000000000000003'
          ? { isUp: false, since: NOW - 2 * HOUR }
          : id === 'i-00000000000000009'
            ? { isUp: false, since: NOW - 2 * HOUR }
            : { isUp: true, since: NOW - 48 * HOUR + 25_000 },
      run: (id, commandId, commands) => unknownScript(id, commandId, commands),
    }),
    operations: log.operations,
    recordOperation: log.recordOperation,
  };
  return world;
}
