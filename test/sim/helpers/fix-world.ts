// A training world with a clock the test moves, and an SDK EC2 client answering in-process from it: for the
// write operations the triage's fixes use (test/sim/fixes-*.test.ts).
import { EC2Client } from '@aws-sdk/client-ec2';
import { createSimHandler } from '../../../source/sim/handler.js';
import { createWorld } from '../../../source/sim/world.js';
import type { TrainingWorld } from '../../../source/sim/world.js';
import { simRequestHandler } from './sdk-adapter.js';

export const T0 = Date.parse('2024-06-01T12:00:00Z');

export interface FixWorld {
  readonly world: TrainingWorld;
  readonly ec2: EC2Client;
  /** Moves the fleet clock forward by `ms`. */
  advance(ms: number): void;
}

/** A fresh world of `scenario` at T0 and a client on it. */
export function fixWorld(scenario: string): FixWorld {
  let now = T0;
  const world = createWorld({ scenario, seed: 7, fleetSize: 0, clock: { now: () => now } });
  const ec2 = new EC2Client({
    region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
    requestHandler: simRequestHandler(createSimHandler(world)),
  });
  return { world, ec2, advance: (ms) => void (now += ms) };
}

/** The error a call fails with (the test fails when it succeeds). */
export async function errorOf(promise: Promise<unknown>): Promise<{ name?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name?: string; message?: string };
  }
  throw new Error('expected the call to fail');
}
