// Instance won't start: following the runbook's fix for the OOM story, the ML server was stopped 25 minutes
// before T0 and resized to c5.xlarge; its start 4 minutes before T0 failed for lack of c5.xlarge capacity in
// us-east-1a. It is 'stopped' with StateReason Server.InsufficientInstanceCapacity. (That is the StateReason code
// EC2 records on the instance; the StartInstances call itself fails with the API error code
// InsufficientInstanceCapacity, without the 'Server.' prefix.) StateTransitionReason still names the user's stop,
// the last transition that left it stopped. No metrics or logs after the stop; the console ends at power-down.
import { MIN, SEC, atSecond, gmt } from './incident.js';
import { appLine, LOG_GROUPS, syslogLine } from './logs.js';
import type { ScenarioContext, ScenarioDefinition, ScenarioOverrides, TimedLine } from './types.js';

/** Offsets from T0 (ms). */
export const WONT_START_TIMELINE = { stopped: -25 * MIN, startFailed: -4 * MIN } as const;

function build({ t0, target }: ScenarioContext): ScenarioOverrides {
  const stoppedAt = atSecond(t0 + WONT_START_TIMELINE.stopped);
  const ip = target.privateIp;
  const system: TimedLine[] = [
    syslogLine(stoppedAt - 6 * SEC, ip, 'systemd-logind[788]: Power key pressed short.'),
    syslogLine(stoppedAt - 6 * SEC, ip, 'systemd-logind[788]: Powering off...'),
    syslogLine(stoppedAt - 5 * SEC, ip, 'systemd-logind[788]: System is powering down.'),
    syslogLine(stoppedAt - 4 * SEC, ip, 'systemd[1]: Stopping ml-server.service - PetTracker ML inference server...'),
    syslogLine(stoppedAt - 3 * SEC, ip, 'systemd[1]: ml-server.service: Deactivated successfully.'),
    syslogLine(stoppedAt - 3 * SEC, ip, 'systemd[1]: Stopped ml-server.service - PetTracker ML inference server.'),
  ];
  const app: TimedLine[] = [
    appLine(stoppedAt - 4 * SEC, 'INFO', 'Received SIGTERM, shutting down gracefully (4 workers)'),
    appLine(stoppedAt - 3 * SEC, 'INFO', 'Shutdown complete'),
  ];
  const consoleLines: TimedLine[] = [
    { t: stoppedAt - 3 * SEC, text: '[  OK  ] Stopped ml-server.service - PetTracker ML inference server.' },
  ];
  const pick = (lines: readonly TimedLine[], from: number, to: number): TimedLine[] => lines.filter((l) => l.t >= from && l.t < to);
  return {
    instance: (base) => ({
      ...base,
      type: 'c5.xlarge',
      state: 'stopped',
      publicIp: undefined,
      stateReason: { code: 'Server.InsufficientInstanceCapacity', message: 'Server.InsufficientInstanceCapacity: Insufficient capacity.' },
      stateTransitionReason: `User initiated (${gmt(stoppedAt)} GMT)`,
    }),
    stoppedAt,
    consoleLines: (from, to) => pick(consoleLines, from, to),
    logLines: (group, from, to) => pick(group === LOG_GROUPS.system ? system : group === LOG_GROUPS.app ? app : [], from, to),
    app: { traffic: () => 1, isServing: (t) => t < stoppedAt - 4 * SEC },
    // The runbook's ways out: another type (or size), or wait for capacity; only the first is modelled.
    noCapacityFor: ['c5.xlarge'],
    remedy: { anyStart: true },
  };
}

/** The ML server was stopped to resize and cannot start again: InsufficientInstanceCapacity. */
export const WONT_START_SCENARIO: ScenarioDefinition = {
  name: 'wont-start',
  summary: 'pettracker-ml-server, stopped to resize to c5.xlarge, fails to start: Server.InsufficientInstanceCapacity',
  build,
};
