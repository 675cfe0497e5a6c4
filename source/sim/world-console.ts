// Console output of an instance: its first boot, the scenario's kernel lines, and after user actions each
// power-down and each fresh boot appended, the last 64 KB as AWS keeps them.
import { instanceType } from './catalog.js';
import { bootLog } from './scenarios/boot-log.js';
import type { FleetMember } from './scenarios/fleet.js';
import { kernelStamp } from './scenarios/text.js';
import type { TimedLine } from './scenarios/types.js';
import type { SimInstance } from './types.js';
import { isUp } from './world-actions.js';
import type { Lifecycle } from './world-actions.js';
import type { Role } from './world-cast.js';

/** AWS returns only the most recent 64 KB of console output. */
const CONSOLE_LIMIT = 64 * 1024;
const byTime = (a: TimedLine, b: TimedLine): number => a.t - b.t;

const powerDown = (s: number, kernelZero: number): TimedLine[] => [
  { t: s - 1500, text: '[  OK  ] Stopped sshd.service - OpenSSH server daemon.' },
  { t: s - 1200, text: '[  OK  ] Reached target poweroff.target - System Power Off.' },
  { t: s - 900, text: `${kernelStamp(s - 900, kernelZero)} reboot: Power down` },
];

/** The console text as of now (`inst` is the instance as of now, `life` its action log's view, if any). */
export function consoleText(
  m: FleetMember,
  inst: SimInstance,
  role: Role | undefined,
  life: Lifecycle | undefined,
  now: number,
): { readonly text: string; readonly timestamp: number } {
  const first = m.instance;
  const until = life === undefined ? Math.min(now + 1, m.stoppedAt ?? Infinity) : now + 1;
  const services = m.hasAgent ? ['amazon-cloudwatch-agent.service - Amazon CloudWatch Agent'] : [];
  if (m.role === 'ml') services.push('ml-server.service - PetTracker ML inference server');
  const lines = bootLog(first, instanceType(first.type), m.seed, services);
  const consoleLines = role?.overrides.consoleLines;
  if (consoleLines !== undefined) {
    const scenario = consoleLines(first.launchTime, Math.min(until, life?.healedAt ?? Infinity));
    lines.push(...(life === undefined ? scenario : scenario.filter((l) => isUp(life, l.t))));
  }
  if (m.stoppedAt !== undefined) lines.push(...powerDown(m.stoppedAt, first.launchTime));
  if (life !== undefined) {
    const zeroBefore = (t: number): number => life.boots.filter((b) => b.at < t).at(-1)?.at ?? first.launchTime;
    for (const s of life.stoppedAt) lines.push(...powerDown(s, zeroBefore(s)));
    for (const boot of life.boots) {
      if (boot.kind === 'reboot') lines.push({ t: boot.at - 2000, text: `${kernelStamp(boot.at - 2000, zeroBefore(boot.at))} reboot: Restarting system` });
      lines.push(...bootLog({ ...inst, launchTime: boot.at, type: boot.type }, instanceType(boot.type), m.seed, services));
    }
  }
  const shown = lines.filter((l) => l.t < until).sort(byTime);
  let text = shown.map((l) => `${l.text}\n`).join('');
  if (text.length > CONSOLE_LIMIT) text = text.slice(text.indexOf('\n', text.length - CONSOLE_LIMIT) + 1);
  return { text, timestamp: shown.at(-1)?.t ?? first.launchTime };
}
