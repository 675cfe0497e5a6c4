// Every training-fleet scenario, through the real stack in-process (SDK → fleet → evidence → engine), ends on the
// right diagnosis and recommends the right action for the story's instance.
import { describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { triageRound } from '../../source/model/triage-round.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';

const T0 = Date.UTC(2024, 0, 15, 2, 44, 52);
const ML = 'i-1234567890abcdef0';

async function diagnose(scenario: string, minutesAfter = 5) {
  let now = T0;
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: { now: () => now } });
  now = T0 + minutesAfter * 60_000;
  const api = createAwsApi({ region: world.region, simHandler: createSimHandler(world), maxAttempts: 1 });
  const instance = (await api.listInstances({ instanceIds: [ML] }))[0];
  if (instance === undefined) throw new Error('no ML server');
  return triageRound(api, instance, { now });
}

describe('each scenario ends on its diagnosis and fix (in-process fleet)', () => {
  it.each([
    ['oom', 'oom', 'resize', /aws ec2 modify-instance-attribute .*--instance-type .*c5\.xlarge/],
    ['system-check-failed', 'system-check-failed', undefined, /aws ec2 stop-instances/],
    ['instance-check-failed', 'instance-check-failed', undefined, /aws ec2 reboot-instances/],
    ['disk-full', 'disk-full', undefined, /df -h/],
    ['cpu-credits', 'cpu-credits', undefined, /modify-instance-credit-specification/],
    ['ssh-blocked', 'ssh-blocked', undefined, /authorize-security-group-ingress/],
    ['no-public-ip', 'no-public-ip', undefined, /./],
    ['wont-start', 'wont-start', undefined, /./],
    ['healthy', 'healthy', undefined, undefined],
  ] as const)('%s → %s', async (scenario, cause, recommendationId, command) => {
    const run = await diagnose(scenario);
    const { diagnosis, recommendations } = run.result;
    expect(diagnosis.cause, diagnosis.title).toBe(cause);
    if (recommendationId !== undefined) expect(recommendations.map((r) => r.id)).toContain(recommendationId);
    if (command !== undefined) expect(recommendations.flatMap((r) => r.commands).join('\n')).toMatch(command);
    if (cause === 'healthy') expect(diagnosis.healthy).toBe(true);
  });
});
