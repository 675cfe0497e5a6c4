// The aws/ contract against the training fleet, in-process: createAwsApi({simHandler}) → real SDK clients →
// sim handler → world. The world's clock is a plain variable, so "before" and "after" the incident are exact.
// The fleet is imported statically: if a module moves, this file fails to compile — it never skips silently.
import { beforeEach, describe, expect, it } from 'vitest';
import { createAwsActions } from '../../source/aws/actions.js';
import { createClients } from '../../source/aws/clients.js';
import { createAwsApi } from '../../source/aws/index.js';
import { createSimHandler } from '../../source/sim/handler.js';
import type { SimWorld } from '../../source/sim/types.js';
import { createWorld } from '../../source/sim/world.js';
import { defineContract } from './suite.js';
import type { ContractTarget, SeededInstance } from './suite.js';

const MINUTE = 60_000;
const ML_SERVER = 'i-1234567890abcdef0';
// World start: the first OOM kill is scripted at T0 + 20 s.
const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const AFTER = T0 + 5 * MINUTE;
const BEFORE = T0 + 5_000;

function fleetTarget(): ContractTarget {
  let now = AFTER;
  const clock = { now: () => now };
  const make = (fleetSize: number): SimWorld => {
    now = T0;
    const created = createWorld({ scenario: 'oom', seed: 1, fleetSize, clock });
    now = AFTER;
    return created;
  };
  let world = make(0);
  const instance = (predicate: (i: ReturnType<SimWorld['instances']>[number]) => boolean): SeededInstance => {
    const found = world.instances().find(predicate);
    if (found === undefined) throw new Error('the oom world lacks an instance this contract needs');
    return { id: found.id, name: found.tags.Name ?? '', type: found.type, state: found.state };
  };

  return {
    kind: 'fleet',
    unknownInstanceId: 'i-0badc0ffee0000000',
    reset: async () => {
      world = make(0);
    },
    api: (options) => createAwsApi({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1, ...options }),
    ssm: {
      // The OOM world's ML server is managed with its agent Online.
      seedManaged: async () => ML_SERVER,
      sentCommands: async () => world.operations().filter((r) => (r.service as string) === 'ssm' && r.action === 'SendCommand').length,
      pass: (ms) => {
        now += ms;
      },
      client: (options) => createClients({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1, ...options }).ssm,
      seedUnmanaged: async () => instance((i) => i.tags.Name === 'pettracker-bastion').id,
      lacks: new Set(),
    },
    async seedNamed() {
      return { running: instance((i) => i.id === ML_SERVER), stopped: instance((i) => i.state === 'stopped') };
    },
    async seedAlarms(instanceId) {
      // The fleet evaluates alarms against its metrics: a running instance's CPU is above 0 and 1, never above 1000.
      const actions = createAwsActions({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1 });
      for (const [name, threshold] of [['contract-cpu', 0], ['contract-busy', 1], ['contract-quiet', 1000]] as const) {
        await actions.putMetricAlarm({
          name, description: '', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: instanceId },
          statistic: 'Average', period: 300, evaluationPeriods: 1, threshold, comparison: 'GreaterThanThreshold', alarmActions: [],
        });
      }
    },
    async seedMany(n) {
      world = make(Math.max(0, n + 30));
      return world.instances().slice(0, n).map((i) => i.id);
    },
    async seedMetric() {
      return {
        query: { id: 'cpu', namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: ML_SERVER }, stat: 'Maximum', period: 300 },
        start: new Date(T0 - 30 * MINUTE),
        end: new Date(AFTER),
        check: (values) => expect(values.some((v) => v >= 95)).toBe(true),
      };
    },
    async seedLogs() {
      return { group: '/pettracker/ml-server', start: new Date(T0 - 30 * MINUTE), end: new Date(AFTER), expected: 'CRITICAL: Process killed by OOM killer' };
    },
    async seedNetwork() {
      const ml = world.instance(ML_SERVER);
      const group = world.network().securityGroups.find((g) => ml?.securityGroups.some((s) => s.id === g.id));
      if (ml === undefined || group === undefined) throw new Error('the oom world lacks the ML server or its group');
      // The story's office VPN range (pettracker-ml-sg allows SSH from it).
      return { groupId: group.id, sshCidr: '203.0.113.0/24', subnetId: ml.subnetId, vpcId: ml.vpcId, keyName: ml.keyName ?? '' };
    },
    incident: {
      instanceId: ML_SERVER,
      after: () => {
        now = AFTER;
      },
      before: () => {
        now = BEFORE;
      },
      consoleLine: 'Out of memory: Kill process 1234 (python3)',
      logGroup: '/pettracker/ml-server',
      logLine: 'CRITICAL: Process killed by OOM killer',
      window: () => ({ start: new Date(T0 - 30 * MINUTE), end: new Date(now) }),
    },
  };
}

describe('aws/ contract vs the training fleet (in-process)', () => {
  const target = fleetTarget();
  beforeEach(() => target.reset());
  defineContract(target);

  it('lists the ML server by name (pettracker-ml-server, c5.large, running)', async () => {
    const instances = await target.api().listInstances();
    expect(instances.find((i) => i.id === ML_SERVER)).toMatchObject({ name: 'pettracker-ml-server', type: 'c5.large', state: 'running' });
  });
});
