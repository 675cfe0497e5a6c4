import { describe, expect, it } from 'vitest';
import { createLazyAwsApi } from '../../source/cli/lazy-api.js';
import { createFakeAws, makeInstance } from '../helpers/fake-aws.js';

describe('lazy AwsApi', () => {
  it('loads the real API once, on first use, and delegates every call', async () => {
    const fake = createFakeAws({ instances: [makeInstance({ id: 'i-0aaaaaaaaaaaaaaaa', name: 'web' })] });
    let loads = 0;
    const api = createLazyAwsApi('eu-west-1', async () => {
      loads += 1;
      return fake;
    });
    expect(api.region).toBe('eu-west-1');
    expect(loads).toBe(0);
    const [first, second] = await Promise.all([api.listInstances(), api.describeKeyPair('k')]);
    expect(first.map((i) => i.name)).toEqual(['web']);
    expect(second).toEqual({ keyName: 'k', exists: false });
    await api.listLogGroups();
    expect(loads).toBe(1);
    expect(fake.calls).toMatchObject({ listInstances: 1, describeKeyPair: 1, listLogGroups: 1 });
  });

  it('passes the credit mode and the endpoint\'s clock through (ours until the api has loaded)', async () => {
    const fake = { ...createFakeAws({}), describeCreditMode: () => Promise.resolve('unlimited' as const), serverNow: () => 42 };
    const api = createLazyAwsApi('us-east-1', () => Promise.resolve(fake));
    const before = api.serverNow?.() ?? 0;
    expect(Math.abs(before - Date.now())).toBeLessThan(1_000);
    expect(await api.describeCreditMode?.('i-1')).toBe('unlimited');
    expect(api.serverNow?.()).toBe(42);
  });

  it('a failed load fails the calls with its error', async () => {
    const api = createLazyAwsApi('us-east-1', () => Promise.reject(new Error('chunk missing')));
    await expect(api.listInstances()).rejects.toThrow('chunk missing');
  });
});
