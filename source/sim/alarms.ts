// CloudWatch alarms of the training fleet: configurations as PutMetricAlarm left them, states evaluated lazily
// minute by minute up to the clock (so the result is the same whenever someone looks), the history of every
// change, and the actions a transition triggers (ec2:recover really recovers the instance).
import { evaluate } from './alarms-eval.js';
import type { Datapoints } from './alarms-eval.js';
import type { SimAlarm, SimAlarmConfig, SimAlarmHistoryItem, SimAlarms, SimAlarmState } from './types.js';

const MIN = 60_000;
/** Lazy evaluation catches up at most this many minutes (older minutes are skipped, as if nobody evaluated). */
const MAX_STEPS = 24 * 60;
const RECOVER = /^arn:aws:automate:[a-z0-9-]+:ec2:recover$/;
/** AWS keeps two weeks of alarm history. */
const HISTORY_MS = 14 * 24 * 60 * MIN;

export interface AlarmDeps {
  readonly region: string;
  readonly accountId: string;
  now(): number;
  readonly datapoints: Datapoints;
  /** Recovers an instance at `at` (ec2:recover); false when it could not (not running, unknown). */
  recover(instanceId: string, at: number): boolean;
}

interface Entry {
  config: SimAlarmConfig;
  readonly arn: string;
  configurationUpdated: number;
  state: SimAlarmState;
  stateReason: string;
  stateReasonData: string | undefined;
  stateUpdated: number;
  /** The last instant evaluated. */
  evaluatedAt: number;
}

const stamp = (t: number): string => new Date(t).toISOString().replace('Z', '+0000');

/** An alarm store over a world's metrics. */
export function createAlarms(deps: AlarmDeps): SimAlarms {
  const entries = new Map<string, Entry>();
  const history: SimAlarmHistoryItem[] = [];
  const add = (item: SimAlarmHistoryItem): void => {
    history.push(item);
  };

  const runActions = (entry: Entry, state: SimAlarmState, at: number): void => {
    const c = entry.config;
    if (!c.actionsEnabled) return;
    const actions = state === 'ALARM' ? c.alarmActions : state === 'OK' ? c.okActions : c.insufficientDataActions;
    for (const action of actions) {
      const instanceId = c.metric.dimensions.InstanceId;
      const isRecover = RECOVER.test(action);
      const isDone = !isRecover || (instanceId !== undefined && deps.recover(instanceId, at));
      add({
        alarmName: c.name,
        timestamp: at + 1,
        type: 'Action',
        summary: `${isDone ? 'Successfully executed' : 'Failed to execute'} action ${action}`,
        data: JSON.stringify({ actionState: isDone ? 'Succeeded' : 'Failed', stateUpdateTimestamp: at, notificationResource: action }),
      });
    }
  };

  const step = (entry: Entry, at: number): void => {
    const verdict = evaluate(entry.config, entry.state, at, deps.datapoints);
    entry.evaluatedAt = at;
    if (verdict.state === undefined || verdict.state === entry.state) return;
    const old = { stateValue: entry.state, stateReason: entry.stateReason };
    entry.state = verdict.state;
    entry.stateReason = verdict.reason;
    entry.stateReasonData = verdict.reasonData;
    entry.stateUpdated = at;
    add({
      alarmName: entry.config.name,
      timestamp: at,
      type: 'StateUpdate',
      summary: `Alarm updated from ${old.stateValue} to ${verdict.state}`,
      data: JSON.stringify({
        version: '1.0',
        oldState: old,
        newState: { stateValue: verdict.state, stateReason: verdict.reason, stateReasonData: JSON.parse(verdict.reasonData) as unknown },
      }),
    });
    runActions(entry, verdict.state, at);
  };

  // Evaluation instants: the put itself, then every whole minute up to now.
  const catchUp = (): void => {
    const now = deps.now();
    for (const entry of entries.values()) {
      let t = Math.floor(entry.evaluatedAt / MIN) * MIN + MIN;
      if (t > now) continue;
      t = Math.max(t, Math.floor(now / MIN) * MIN - MAX_STEPS * MIN);
      for (; t <= now; t += MIN) step(entry, t);
    }
  };

  const view = (e: Entry): SimAlarm => ({
    ...e.config,
    arn: e.arn,
    configurationUpdated: e.configurationUpdated,
    state: e.state,
    stateReason: e.stateReason,
    stateReasonData: e.stateReasonData,
    stateUpdated: e.stateUpdated,
  });

  return {
    put(config) {
      catchUp();
      const now = deps.now();
      const old = entries.get(config.name);
      const arn = `arn:aws:cloudwatch:${deps.region}:${deps.accountId}:alarm:${config.name}`;
      add({
        alarmName: config.name,
        timestamp: now,
        type: 'ConfigurationUpdate',
        summary: `Alarm "${config.name}" ${old === undefined ? 'created' : 'updated'}`,
        data: JSON.stringify({ version: '1.0', type: old === undefined ? 'Create' : 'Update', [old === undefined ? 'createdAlarm' : 'updatedAlarm']: { ...config, timestamp: stamp(now) } }),
      });
      if (old !== undefined) {
        // An update keeps the state; the next evaluation (now) judges it by the new configuration.
        old.config = config;
        old.configurationUpdated = now;
        step(old, now);
        return;
      }
      const entry: Entry = {
        config,
        arn,
        configurationUpdated: now,
        state: 'INSUFFICIENT_DATA',
        stateReason: 'Unchecked: Initial alarm creation',
        stateReasonData: undefined,
        stateUpdated: now,
        evaluatedAt: now,
      };
      entries.set(config.name, entry);
      step(entry, now);
    },
    remove(names) {
      catchUp();
      for (const name of names) entries.delete(name);
    },
    list() {
      catchUp();
      return [...entries.values()].sort((a, b) => (a.config.name < b.config.name ? -1 : 1)).map(view);
    },
    history() {
      catchUp();
      const cutoff = deps.now() - HISTORY_MS;
      return history.filter((h) => h.timestamp >= cutoff).sort((a, b) => b.timestamp - a.timestamp);
    },
  };
}
