// Status checks, "System: failed → stop and start": the ML server's host fails 10 minutes before T0. The system
// check goes impaired (reachability failed) and StatusCheckFailed_System/StatusCheckFailed read 1 from then on.
// The guest is cut off: CPU, network and EBS flat-line to 0, the agent and the logs go silent, and the console
// ends with the ENA and NVMe devices timing out. AWS schedules an instance-retirement event for the host.
// The instance check: with the host gone EC2 cannot reach the guest to test it, so we show it the way AWS most
// often does then, 'insufficient-data' (StatusCheckFailed_Instance stays 0); the runbook's answer is the same.
import { MIN, atSecond, eventId, kernelLine, within } from './incident.js';
import type { MetricOverride, ScenarioContext, ScenarioDefinition, ScenarioOverrides } from './types.js';

const DAY = 24 * 60 * MIN;
/** Offsets from T0 (ms). */
export const SYSTEM_CHECK_TIMELINE = { hostFailed: -10 * MIN, eventScheduled: -7 * MIN } as const;

function build({ t0, seed, target }: ScenarioContext): ScenarioOverrides {
  const failAt = atSecond(t0 + SYSTEM_CHECK_TIMELINE.hostFailed);
  const dead: MetricOverride = (t, base) => (t >= failAt ? 0 : base);
  const failed: MetricOverride = (t) => (t >= failAt ? 1 : 0);
  const retirement = {
    id: eventId(seed, 0x5c),
    code: 'instance-retirement' as const,
    description: 'The instance is running on degraded hardware',
    notBefore: Math.floor((failAt + 2 * DAY) / (60 * MIN)) * 60 * MIN,
    notAfter: undefined,
  };
  const k = (dt: number, text: string) => kernelLine(target, seed, failAt + dt, text);
  const consoleLines = [
    k(-95_000, 'ena 0000:00:05.0 ens5: Keep alive watchdog timeout.'),
    k(-95_000, 'ena 0000:00:05.0 ens5: Trigger reset is on'),
    k(-61_000, 'nvme nvme0: I/O 117 QID 2 timeout, aborting'),
    k(-61_000, 'nvme nvme0: I/O 118 QID 2 timeout, aborting'),
    k(-31_000, 'nvme nvme0: I/O 117 QID 2 timeout, reset controller'),
    k(-1_000, 'ena 0000:00:05.0 ens5: Device reset failed'),
  ];
  return {
    status: (base, now) =>
      now < failAt
        ? base
        : {
            ...base,
            system: { status: 'impaired', details: [{ name: 'reachability', status: 'failed', impairedSince: failAt }] },
            instance: { status: 'insufficient-data', details: [{ name: 'reachability', status: 'insufficient-data' }] },
            events: now < t0 + SYSTEM_CHECK_TIMELINE.eventScheduled ? base.events : [...base.events, retirement],
          },
    metrics: {
      StatusCheckFailed_System: failed,
      CPUUtilization: dead,
      NetworkIn: dead,
      NetworkOut: dead,
      EBSReadBytes: dead,
      EBSWriteBytes: dead,
    },
    agentStoppedAt: failAt,
    silentFrom: failAt,
    consoleLines: (from, to) => within(consoleLines, from, to),
    app: { traffic: () => 1, isServing: (t) => t < failAt },
    // A reboot stays on the failed host; only a stop and start (or an ec2:recover) moves to new hardware.
    remedy: { stopStart: true, recover: true },
  };
}

/** The ML server's host failed: system status check impaired, metrics flat at 0, a retirement event. */
export const SYSTEM_CHECK_FAILED_SCENARIO: ScenarioDefinition = {
  name: 'system-check-failed',
  summary: "pettracker-ml-server's host failed 10 min ago: system status check impaired, instance unreachable",
  build,
};
