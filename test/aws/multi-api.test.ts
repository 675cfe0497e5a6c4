// The composite api: list calls fan out and merge (each instance tagged with its origin), per-instance calls go
// to the origin that listed the instance, and a failing origin costs only its own rows and one failure entry.
import { describe, expect, it } from 'vitest';
import { createMultiApi, settleLimited } from '../../source/aws/multi-api.js';
import { createMultiActions } from '../../source/aws/multi-actions.js';
import type { AwsActions } from '../../source/aws/actions.js';
import type { AwsApi } from '../../source/aws/api.js';
import { originFailureLine, type Origin } from '../../source/domain/origin.js';
import { createFakeAws, FakeAwsFailure, makeInstance, makeStatus, type FakeAws } from '../helpers/fake-aws.js';

const US: Origin = { region: 'us-east-1' };
const EU: Origin = { region: 'eu-west-1' };

function twoRegions(): { us: FakeAws; eu: FakeAws; api: ReturnType<typeof createMultiApi>; built: Origin[] } {
  const us = createFakeAws({ instances: [makeInstance({ id: 'i-us1', subnetId: 'subnet-us' })], statuses: [makeStatus('i-us1')], alarming: { 'i-us1': 1 }, console: { 'i-us1': 'us boot' } });
  const eu = createFakeAws({ instances: [makeInstance({ id: 'i-eu1', subnetId: 'subnet-eu' }), makeInstance({ id: 'i-eu2' })], statuses: [makeStatus('i-eu1')], alarming: { 'i-eu2': 2 }, console: { 'i-eu1': 'eu boot' } });
  const built: Origin[] = [];
  const api = createMultiApi([US, EU], (origin) => {
    built.push(origin);
    return origin.region === 'us-east-1' ? us : eu;
  });
  return { us, eu, api, built };
}

describe('createMultiApi', () => {
  it('merges every origin\'s instances, each tagged with its region', async () => {
    const { api } = twoRegions();
    const list = await api.listInstances();
    expect(list.map((i) => [i.id, i.region])).toEqual([['i-us1', 'us-east-1'], ['i-eu1', 'eu-west-1'], ['i-eu2', 'eu-west-1']]);
    expect(api.failures()).toEqual([]);
  });

  it('routes a per-instance call to the origin that listed the instance', async () => {
    const { api, us, eu } = twoRegions();
    await api.listInstances();
    expect((await api.getConsoleOutput('i-eu1')).text).toBe('eu boot');
    expect(eu.calls.getConsoleOutput).toBe(1);
    expect(us.calls.getConsoleOutput).toBe(0);
    expect(api.originOf('i-eu1')).toEqual(EU);
    // Its subnet goes with it; scopeTo hands out the origin's own api (its log groups, its types).
    await api.describeSubnet('subnet-eu').catch(() => undefined);
    expect(eu.calls.describeSubnet).toBe(1);
    expect(api.scopeTo?.('i-us1')).toBe(us);
  });

  it('splits statuses by id and the fleet CPU queries by their InstanceId, and sums alarms', async () => {
    const { api, us, eu } = twoRegions();
    await api.listInstances();
    const statuses = await api.describeStatuses(['i-us1', 'i-eu1']);
    expect(statuses.map((s) => s.instanceId).sort()).toEqual(['i-eu1', 'i-us1']);
    const q = (id: string, instanceId: string) => ({ id, namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: instanceId }, stat: 'Average', period: 300 });
    await api.getMetricData([q('c0', 'i-us1'), q('c1', 'i-eu1'), q('c2', 'i-eu2')], new Date(0), new Date(600_000));
    expect(us.metricQueries.flat().map((x) => x.id)).toEqual(['c0']);
    expect(eu.metricQueries.flat().map((x) => x.id)).toEqual(['c1', 'c2']);
    expect([...(await api.alarmingInstances())]).toEqual([['i-us1', 1], ['i-eu2', 2]]);
  });

  it('a failing origin loses only its rows and says why in one line', async () => {
    const { api, eu } = twoRegions();
    eu.listInstances = () => Promise.reject(new FakeAwsFailure({ kind: 'denied', action: 'ec2:DescribeInstances', message: 'UnauthorizedOperation' }));
    const list = await api.listInstances();
    expect(list.map((i) => i.id)).toEqual(['i-us1']);
    const [failure] = api.failures();
    expect(failure?.origin).toEqual(EU);
    expect(originFailureLine(failure!, false)).toBe('eu-west-1: access denied (ec2:DescribeInstances)');
  });

  it('an expired SSO session names the profile to log in with', () => {
    const line = originFailureLine({ origin: { region: 'us-east-1', profile: 'prod' }, error: { kind: 'expired-credentials', message: 'expired', isSso: true } }, true);
    expect(line).toBe('prod: SSO session expired — aws sso login --profile prod');
  });

  it('a failing origin costs only its part of the statuses and of the fleet CPU', async () => {
    const { api, eu } = twoRegions();
    await api.listInstances();
    eu.describeStatuses = () => Promise.reject(new FakeAwsFailure({ kind: 'throttled', message: 'slow down' }));
    eu.getMetricData = () => Promise.reject(new FakeAwsFailure({ kind: 'throttled', message: 'slow down' }));
    expect((await api.describeStatuses(['i-us1', 'i-eu1'])).map((s) => s.instanceId)).toEqual(['i-us1']);
    const q = (id: string, instanceId: string) => ({ id, namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: { InstanceId: instanceId }, stat: 'Average', period: 300 });
    const batch = await api.getMetricData([q('c0', 'i-us1'), q('c1', 'i-eu1')], new Date(0), new Date(600_000));
    expect(batch.series.map((s) => s.id)).toEqual(['c0']);
  });

  it('with one origin a failure is thrown as before', async () => {
    const only = createFakeAws({ instances: [] });
    only.listInstances = () => Promise.reject(new FakeAwsFailure({ kind: 'throttled', message: 'slow down' }));
    const api = createMultiApi([US], () => only);
    await expect(api.listInstances()).rejects.toMatchObject({ error: { kind: 'throttled' } });
  });

  it('switching keeps the clients of kept origins, builds the new ones and forgets the dropped', async () => {
    const { api, built } = twoRegions();
    await api.listInstances();
    api.setOrigins([EU, { region: 'ap-south-1' }]);
    expect(built.map((o) => o.region)).toEqual(['us-east-1', 'eu-west-1', 'ap-south-1']);
    expect(api.originOf('i-us1')).toBeUndefined();
    expect(api.originOf('i-eu1')).toEqual(EU);
    expect(api.region).toBe('eu-west-1');
  });

  it('asks at most `limit` origins at once', async () => {
    let running = 0;
    let peak = 0;
    await settleLimited([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    });
    expect(peak).toBe(3);
  });
});

describe('createMultiActions', () => {
  it('sends an action to the clients of the instance\'s origin', async () => {
    const { api } = twoRegions();
    await api.listInstances();
    const rebooted: string[] = [];
    const actionsOf = (origin: Origin): Promise<AwsActions> =>
      Promise.resolve({ rebootInstance: (id: string) => Promise.resolve(void rebooted.push(`${origin.region}:${id}`)) } as unknown as AwsActions);
    const actions = createMultiActions(api.originOf, () => US, actionsOf);
    await actions.rebootInstance('i-eu1');
    await actions.rebootInstance('i-us1');
    expect(rebooted).toEqual(['eu-west-1:i-eu1', 'us-east-1:i-us1']);
  });
});

describe('createMultiApi: request counts', () => {
  /** An origin api that reports `pages` requests per listing, as the data worker's does. */
  const counting = (fake: FakeAws, pages: number): AwsApi => {
    let listener: ((method: keyof AwsApi, requests: number) => void) | undefined;
    return {
      ...fake,
      countRequests: (l) => {
        listener = l;
      },
      listInstances: async (o) => {
        const rows = await fake.listInstances(o);
        listener?.('listInstances', pages);
        return rows;
      },
    };
  };

  it('the listener hears every origin\'s requests, a merged answer included, and an origin added by a switch', async () => {
    const make = (origin: Origin): AwsApi =>
      counting(createFakeAws({ instances: [makeInstance({ id: `i-${origin.region}` })] }), origin.region === 'us-east-1' ? 2 : 5);
    const api = createMultiApi([US, EU], make);
    const heard: [string, number][] = [];
    api.countRequests?.((method, n) => heard.push([method, n]));
    await api.listInstances();
    expect(heard.sort()).toEqual([['listInstances', 2], ['listInstances', 5]]);
    api.setOrigins([US, { region: 'ap-south-1' }]);
    heard.length = 0;
    await api.listInstances();
    expect(heard.sort()).toEqual([['listInstances', 2], ['listInstances', 5]]);
  });

  it('origins that do not count make a composite that does not either (the budget then estimates)', () => {
    const { api } = twoRegions();
    expect(api.countRequests).toBeUndefined();
  });
});

