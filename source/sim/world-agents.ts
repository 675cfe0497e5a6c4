// The SSM agent on each fleet instance: whether SSM manages it (most do; the bastion, one worker and some of the
// generated fleet have no instance profile), its platform (by AMI), version, and when it can answer: while the
// instance runs, its OS is up and the agent has started after a boot. An OS that is down (a kernel panic, a failed
// host) or a stopped instance means an agent that does not ping: ConnectionLost.
import { hashString, noise } from './rng.js';
import type { FleetMember } from './scenarios/fleet.js';
import type { SimInstance } from './types.js';
import type { Lifecycle } from './world-actions.js';
import type { Role } from './world-cast.js';
import type { AgentSpell } from './world-ssm.js';
import type { SimAgentFacts } from './types-ssm.js';

const SEC = 1000;
/** From a boot (kernel zero) until the agent has started and registered its connection. */
export const AGENT_START_MS = 25 * SEC;
/** A reboot takes the OS down this long before its new kernel starts. */
const REBOOT_DOWN_MS = 8 * SEC;

/** Named instances SSM does not manage: no instance profile (the "not managed" path of the runbooks). */
export const UNMANAGED_NAMES: ReadonlySet<string> = new Set(['pettracker-bastion', 'pettracker-worker-2']);
/** The share of the generated fleet without an instance profile. */
const GENERATED_UNMANAGED = 0.15;

export type Distro = 'al2023' | 'al2' | 'ubuntu';

export interface Platform {
  readonly distro: Distro;
  readonly name: string;
  readonly version: string;
}

export const PLATFORMS: Readonly<Record<Distro, Platform>> = {
  al2023: { distro: 'al2023', name: 'Amazon Linux', version: '2023' },
  al2: { distro: 'al2', name: 'Amazon Linux', version: '2' },
  ubuntu: { distro: 'ubuntu', name: 'Ubuntu', version: '22.04' },
};

/** The SSM agent version the newest AMIs ship, and an older one some of the generated fleet still runs. */
export const LATEST_AGENT = '3.3.1142.0';
const OLDER_AGENT = '3.2.2303.0';

/** The fleet's images: the PetTracker AMI is Amazon Linux 2023, the generated fleet's is Amazon Linux 2. */
export interface FleetImages {
  readonly al2023: string;
  readonly gen: string;
}

/** The platform an image runs (an image the world does not know: Amazon Linux 2023, the default AMI). */
export function platformOf(imageId: string, images: FleetImages): Platform {
  return imageId === images.gen ? PLATFORMS.al2 : PLATFORMS.al2023;
}

/** The agent of a fleet member; undefined when SSM does not manage it. */
export function agentFacts(m: FleetMember, current: SimInstance, images: FleetImages): SimAgentFacts | undefined {
  const isGenerated = current.tags.App === 'gen';
  if (UNMANAGED_NAMES.has(current.tags.Name ?? '')) return undefined;
  if (isGenerated && noise(m.seed, 0x55a1) < GENERATED_UNMANAGED) return undefined;
  const platform = platformOf(current.imageId, images);
  const isOld = isGenerated && noise(m.seed, 0x55a2) < 0.3;
  return {
    instanceId: current.id,
    platformName: platform.name,
    platformVersion: platform.version,
    agentVersion: isOld ? OLDER_AGENT : LATEST_AGENT,
    isLatestVersion: !isOld,
    registeredAt: m.instance.launchTime + AGENT_START_MS,
    computerName: `ip-${current.privateIp.replaceAll('.', '-')}.ec2.internal`,
    ipAddress: current.privateIp,
    iamRole: isGenerated ? 'gen-ssm-instance-role' : 'pettracker-ec2-ssm-role',
  };
}

/** [from, to) spans in which the agent cannot answer. */
function downSpans(m: FleetMember, role: Role | undefined, life: Lifecycle | undefined): [number, number][] {
  const first = m.instance.launchTime;
  // Before its first boot the agent never pinged: down from the epoch (a finite start keeps LastPingDateTime a number).
  const spans: [number, number][] = [[0, first + AGENT_START_MS]];
  const silent = role?.overrides.silentFrom;
  if (life === undefined) {
    if (m.stoppedAt !== undefined) spans.push([m.stoppedAt, Infinity]);
    if (silent !== undefined) spans.push([silent, Infinity]);
    return spans;
  }
  spans.push(...life.down.map(([from, to]): [number, number] => [from, to]));
  // The OS that crashed stays down until the incident is fixed (the fix's boot brings it back).
  if (silent !== undefined && silent < life.healedAt) spans.push([silent, life.healedAt]);
  for (const boot of life.boots) spans.push([boot.kind === 'reboot' ? boot.at - REBOOT_DOWN_MS : boot.at, boot.at + AGENT_START_MS]);
  // A user stop takes the OS down when the shutdown begins, before the instance reads 'stopped'.
  if (life.stopAskedAt !== undefined) spans.push([life.stopAskedAt + 2 * SEC, Infinity]);
  return spans;
}

/** Whether the agent answers at `now`, and since when (the latest edge of its down spans at or before now). */
export function agentSpell(m: FleetMember, role: Role | undefined, life: Lifecycle | undefined, now: number): AgentSpell {
  const spans = downSpans(m, role, life);
  const covering = spans.filter(([from, to]) => now >= from && now < to);
  if (covering.length > 0) return { isUp: false, since: Math.min(...covering.map(([from]) => from)) };
  const ends = spans.map(([, to]) => to).filter((to) => to <= now);
  return { isUp: true, since: Math.max(...ends) };
}

/** A stable per-instance draw in [0, 1) for the SSM side (process ids, jitter). */
export function agentNoise(id: string, key: number): number {
  return noise(hashString(id), 0x55a3, key);
}
