// A triage waits for at most two round-trips: for every scenario of the training fleet, with 150 ms added to every
// request on the wire, the longest chain of dependent calls is ≤ 2 — for the TUI's `t` (instance known) and for
// `check NAME` / `check ID` (the lookup is round 1, beside the log-group listing). The chain is read from when
// each request started and answered, so an SDK helper that waits for one call before the next is caught too.
import { describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { findInstance } from '../../source/model/find-instance.js';
import type { TriageSubject } from '../../source/model/evidence-gatherer.js';
import { triageRound } from '../../source/model/triage-round.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { SCENARIOS } from '../../source/sim/scenarios/index.js';
import { createWorld } from '../../source/sim/world.js';
import { chainDepth, delayedHandler } from '../helpers/call-rounds.js';
import type { TimedCall } from '../helpers/call-rounds.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const NOW = T0 + 5 * 60_000;
const ML = 'i-1234567890abcdef0';
const ML_NAME = 'pettracker-ml-server';
const LATENCY_MS = 150;

type Subject = 'known' | 'by-name' | 'by-id';

async function triageOnWire(scenario: string, subject: Subject): Promise<{ calls: TimedCall[]; cause: string }> {
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: { now: () => NOW }, t0: T0 });
  const plain = createAwsApi({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1 });
  const [known] = await plain.listInstances({ instanceIds: [ML] });
  if (known === undefined) throw new Error('no ML server');
  const calls: TimedCall[] = [];
  const api = createAwsApi({ region: world.region, simHandler: delayedHandler(createSimHandler(world), LATENCY_MS, calls), maxAttempts: 1 });
  const target = subject === 'by-name' ? ML_NAME : ML;
  const of: TriageSubject = subject === 'known' ? known : { operation: 'ec2:DescribeInstances', find: (o) => findInstance(api, target, o) };
  const run = await triageRound(api, of, { now: NOW });
  return { calls, cause: run.result.diagnosis.cause };
}

describe('rounds of calls', () => {
  it('chainDepth counts a call that starts after another answered as the next round, overlapping calls as one', () => {
    expect(chainDepth([])).toBe(0);
    expect(chainDepth([{ action: 'a', start: 0, end: 10 }, { action: 'b', start: 1, end: 11 }])).toBe(1);
    const chain = [{ action: 'a', start: 0, end: 10 }, { action: 'b', start: 12, end: 20 }, { action: 'c', start: 21, end: 30 }, { action: 'd', start: 2, end: 29 }];
    expect(chainDepth(chain)).toBe(3);
  });

  describe.each(SCENARIOS.map((s) => s.name))('%s', (scenario) => {
    it.each(['known', 'by-name', 'by-id'] as const)('%s: at most two round-trips, and the logs are still read', async (subject) => {
      const { calls, cause } = await triageOnWire(scenario, subject);
      const actions = calls.map((c) => c.action);
      expect(actions).toContain('DescribeLogGroups');
      expect(actions).toContain('FilterLogEvents');
      expect(actions).toContain('GetMetricData');
      // The listing and its reads chain, so two rounds are needed, and enough.
      expect(chainDepth(calls), JSON.stringify(calls.map((c) => [c.action, Math.round(c.start), Math.round(c.end)]))).toBe(2);
      // By name or id the lookup is the round's description: one DescribeInstances, not two.
      expect(actions.filter((a) => a === 'DescribeInstances')).toHaveLength(1);
      expect(cause).toBe(scenario === 'healthy' ? 'healthy' : scenario);
    });
  });
});
