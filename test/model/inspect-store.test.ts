import { describe, expect, it } from 'vitest';
import { createInspectStore } from '../../source/model/inspect-store.js';
import type { AwsApi } from '../../source/aws/api.js';
import { createFakeAws, makeInstance } from '../helpers/fake-aws.js';

const instance = makeInstance({
  id: 'i-1', imageId: 'ami-1', type: 'c5.large', securityGroups: [{ id: 'sg-1', name: 'web' }],
  blockDevices: [{ deviceName: '/dev/xvda', volumeId: 'vol-1', status: 'attached', deleteOnTermination: true }],
});

/** Lets every pending promise chain run. */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

function api(over: Partial<AwsApi> = {}): AwsApi {
  const fake = createFakeAws({
    network: { securityGroups: [{ groupId: 'sg-1', groupName: 'web', ingress: [] }] },
    ssm: { managed: [{ instanceId: 'i-1', pingStatus: 'Online', lastPingAt: undefined, agentVersion: '3', platformName: 'Ubuntu', platformVersion: '22.04' }] },
  });
  return Object.assign(fake, {
    describeVolumes: () => Promise.resolve([{ id: 'vol-1', sizeGiB: 8, type: 'gp3', state: 'in-use', iops: 3000, isEncrypted: false }]),
    describeAddresses: () => Promise.resolve([]),
    describeImage: (id: string) => Promise.resolve({ id, name: 'al2023-ami-x', description: undefined, platformDetails: 'Linux/UNIX' }),
    describeInstanceRaw: (id: string) => Promise.resolve({ Reservations: [{ Instances: [{ InstanceId: id }] }] }),
  }, over);
}

describe('inspect store', () => {
  it('reads every part; one failing part keeps its error and the others their data', async () => {
    const store = createInspectStore(api({ describeVolumes: () => Promise.reject(Object.assign(new Error('no'), { error: { kind: 'denied', action: 'ec2:DescribeVolumes', message: 'no' } })) }));
    store.describe(instance);
    expect(store.getSnapshot().details?.volumes.state).toBe('loading');
    await flush();
    const d = store.getSnapshot().details;
    expect(d?.volumes).toEqual({ state: 'failed', error: { kind: 'denied', action: 'ec2:DescribeVolumes', message: 'no' } });
    expect(d?.securityGroups).toEqual({ state: 'ok', data: [{ groupId: 'sg-1', groupName: 'web', ingress: [] }] });
    expect(d?.addresses).toEqual({ state: 'ok', data: [] });
    expect(d?.ssm.state === 'ok' ? d.ssm.data?.platformName : undefined).toBe('Ubuntu');
    expect(d?.type.state).not.toBe('loading');
    expect(d?.image).toEqual({ state: 'ok', data: { id: 'ami-1', name: 'al2023-ami-x', description: undefined, platformDetails: 'Linux/UNIX' } });
  });

  it('a read the API lacks is "unavailable" with the call named, never loading forever', async () => {
    const bare = api();
    const store = createInspectStore({ ...bare, describeVolumes: undefined, describeAddresses: undefined, describeInstanceRaw: undefined });
    store.describe(instance);
    store.raw('i-1');
    await flush();
    expect(store.getSnapshot().details?.volumes).toEqual({ state: 'unavailable', reason: 'DescribeVolumes is not available on this endpoint' });
    expect(store.getSnapshot().raw?.json.state).toBe('unavailable');
  });

  it('an answer for an instance no longer shown is dropped; close forgets everything', async () => {
    const store = createInspectStore(api());
    store.describe(instance);
    store.describe(makeInstance({ id: 'i-2' }));
    store.raw('i-1');
    await flush();
    expect(store.getSnapshot().details?.instanceId).toBe('i-2');
    expect(store.getSnapshot().raw).toEqual({ instanceId: 'i-1', json: { state: 'ok', data: { Reservations: [{ Instances: [{ InstanceId: 'i-1' }] }] } } });
    store.close();
    expect(store.getSnapshot()).toEqual({ details: undefined, raw: undefined });
  });
});
