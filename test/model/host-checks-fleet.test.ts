// The host-check gatherer through the real aws/ code against the in-process training fleet: the OOM server's checks
// come back with its memory story, an unmanaged instance and an offline agent are said in words, and a denied
// ssm:SendCommand names what is missing. The fleet's clock is the gatherer's fake clock, so commands take fleet time.
import { describe, expect, it } from 'vitest';
import { createAwsApi } from '../../source/aws/index.js';
import { gatherHostChecks } from '../../source/model/host-checks.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld } from '../../source/sim/world.js';
import type { HostEvidence, Missing } from '../../source/triage/evidence.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const ML = 'i-1234567890abcdef0';
const T0 = Date.UTC(2024, 0, 15, 2, 50);

function setup(scenario: string, deny: readonly string[] = []) {
  const clock = createFakeClock(T0);
  const world = createWorld({ scenario, seed: 1, fleetSize: 0, clock: { now: () => clock.now() } });
  const api = createAwsApi({ region: world.region, simHandler: createSimHandler(world, { deny }), maxAttempts: 1, isReadOnly: true, allowHostChecks: true });
  return { clock, world, api };
}

/** Runs the gatherer, moving the fake (and fleet) clock a quarter second at a time until it settles. */
async function gather(s: ReturnType<typeof setup>, instanceId: string) {
  let settled = false;
  const done = gatherHostChecks(s.api, instanceId, { clock: s.clock }).finally(() => {
    settled = true;
  });
  // A real moment between steps: an in-process SDK call takes more turns of the event loop than advance() flushes.
  for (let i = 0; i < 200 && !settled; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    await s.clock.advance(250);
  }
  return done;
}

const idOf = (s: ReturnType<typeof setup>, name: string): string => {
  const found = s.world.instances().find((i) => i.tags.Name === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found.id;
};

describe('host checks against the training fleet', () => {
  it('the OOM server: four answers, memory shows free -m and python3 at the top', async () => {
    const s = setup('oom');
    const host = (await gather(s, ML)) as HostEvidence;
    expect(host.managed).toMatchObject({ instanceId: ML, pingStatus: 'Online' });
    expect(Object.values(host.checks).map((c) => (c as { status?: string }).status)).toEqual(['Success', 'Success', 'Success', 'Success']);
    const memory = host.checks.memory as { stdout: string };
    expect(memory.stdout).toMatch(/### free\n\s+total\s+used/);
    expect(memory.stdout).toMatch(/### top-mem\n[\s\S]*python3/);
    const sent = s.world.operations().filter((o) => o.action === 'SendCommand');
    expect(sent).toHaveLength(4);
  });

  it('an instance SSM does not manage: no SendCommand, and how to make it managed', async () => {
    const s = setup('oom');
    const result = (await gather(s, idOf(s, 'pettracker-bastion'))) as Missing;
    expect(result.missing.message).toMatch(/^not managed by SSM/);
    expect(s.world.operations().some((o) => o.action === 'SendCommand')).toBe(false);
  });

  it('a denied ssm:SendCommand: each check says which action is missing, and nothing ran', async () => {
    const s = setup('oom', ['ssm:SendCommand']);
    const host = (await gather(s, ML)) as HostEvidence;
    const memory = (host.checks.memory as Missing).missing;
    expect(memory).toMatchObject({ kind: 'denied', action: 'ssm:SendCommand' });
    expect(memory.message).toMatch(/you lack ssm:SendCommand .*AmazonSSMManagedInstanceCore/);
  });

  it('instance-check-failed: the agent of the failed instance is offline, said so', async () => {
    const s = setup('instance-check-failed');
    // The ML server is the instance whose OS stopped answering in this scenario.
    const result = (await gather(s, ML)) as Missing;
    expect(result.missing.message).toMatch(/^SSM Agent offline \(ConnectionLost/);
    expect(s.world.operations().some((o) => o.action === 'SendCommand')).toBe(false);
  });
});
