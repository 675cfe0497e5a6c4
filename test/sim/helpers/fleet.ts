// A scenario world on a hand-moved clock with the real EC2 client over it: the write-path tests' harness.
import { DescribeInstanceStatusCommand, DescribeInstancesCommand, EC2Client, ModifyInstanceAttributeCommand, StartInstancesCommand, StopInstancesCommand } from '@aws-sdk/client-ec2';
import { createSimHandler } from '../../../source/sim/handler.js';
import type { SimHandlerOptions } from '../../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../../source/sim/world.js';
import { simRequestHandler } from './sdk-adapter.js';

export const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
export const SEC = 1000;
export const MIN = 60 * SEC;
const id = ML_SERVER_ID;

/** A world on a hand-moved clock, the SDK client over it, and small readers. */
export function fleet(scenario: string, options: SimHandlerOptions = {}) {
  const clock = { t: T0, now(): number { return this.t; } };
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock });
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    requestHandler: simRequestHandler(createSimHandler(world, options)),
    maxAttempts: 1,
  };
  const ec2 = new EC2Client(config);
  const advance = (ms: number): void => {
    clock.t += ms;
  };
  const state = async (): Promise<string | undefined> =>
    (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0]?.State?.Name;
  const checks = async () => {
    const s = (await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id], IncludeAllInstances: true }))).InstanceStatuses?.[0];
    return { system: s?.SystemStatus?.Status, instance: s?.InstanceStatus?.Status, reachability: s?.InstanceStatus?.Details?.[0]?.Status };
  };
  const stopStart = async (type?: string): Promise<void> => {
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    advance(61 * SEC);
    if (type !== undefined) await ec2.send(new ModifyInstanceAttributeCommand({ InstanceId: id, InstanceType: { Value: type } }));
    await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    advance(41 * SEC);
  };
  const series = (metricName: string, from: number, to: number, stat: 'Average' | 'Maximum' = 'Average', namespace = 'AWS/EC2') =>
    world.datapoints({ namespace, metricName, dimensions: { InstanceId: id } }, from, to, 300, stat);
  return { world, clock, ec2, advance, state, checks, stopStart, series };
}

/** The error a call fails with (fails the test when it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string; $metadata: { httpStatusCode?: number } };
  }
  throw new Error('expected the call to fail');
}

