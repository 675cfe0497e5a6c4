// One evaluation of a metric alarm at an instant, as CloudWatch does it every minute: the last
// EvaluationPeriods complete periods of the metric, the comparison, DatapointsToAlarm and TreatMissingData,
// with StateReason and StateReasonData worded as AWS words them.
import type { SimAlarmConfig, SimAlarmState, SimDatapoints, SimMetricKey, SimStatistic } from './types.js';

export type Datapoints = (key: SimMetricKey, start: number, end: number, period: number, stat: SimStatistic) => SimDatapoints;

/** The verdict of one evaluation; state undefined = keep the current state (TreatMissingData 'ignore'). */
export interface Verdict {
  readonly state: SimAlarmState | undefined;
  readonly reason: string;
  readonly reasonData: string;
}

const WORDS: Readonly<Record<SimAlarmConfig['comparison'], string>> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** A number as Java prints a double (CloudWatch's reasons do): 80 → '80.0'. */
export function javaDouble(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** 'dd/MM/yy HH:mm:ss' in UTC, the form of the timestamps in a StateReason. */
function reasonStamp(t: number): string {
  const d = new Date(t);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
/** '2024-01-15T02:40:00.000+0000', the form of the timestamps in StateReasonData. */
const dataStamp = (t: number): string => new Date(t).toISOString().replace('Z', '+0000');

/** True when the value breaches the threshold. */
export function breaches(config: SimAlarmConfig, v: number): boolean {
  switch (config.comparison) {
    case 'GreaterThanThreshold':
      return v > config.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return v >= config.threshold;
    case 'LessThanThreshold':
      return v < config.threshold;
    case 'LessThanOrEqualToThreshold':
      return v <= config.threshold;
  }
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Evaluates the alarm at instant `at` from state `from`. */
export function evaluate(config: SimAlarmConfig, from: SimAlarmState, at: number, datapoints: Datapoints): Verdict {
  const period = config.period * 1000;
  const n = config.evaluationPeriods;
  const m = config.datapointsToAlarm ?? n;
  // Only complete periods count: the window ends where the current period began.
  const end = Math.floor(at / period) * period;
  const start = end - n * period;
  const points = datapoints(config.metric, start, end, config.period, config.statistic);
  const byTime = new Map(points.timestamps.map((t, i) => [t, points.values[i] ?? 0]));
  // Newest first, as the reason lists them.
  const slots = Array.from({ length: n }, (_, k) => end - (k + 1) * period).map((t) => ({ t, v: byTime.get(t) }));
  const present = slots.filter((s): s is { t: number; v: number } => s.v !== undefined);
  const missing = n - present.length;
  const treat = config.treatMissingData ?? 'missing';
  const breaching = present.filter((s) => breaches(config, s.v));
  const breachCount = breaching.length + (treat === 'breaching' ? missing : 0);
  const data = {
    version: '1.0',
    queryDate: dataStamp(at),
    startDate: dataStamp(start),
    statistic: config.statistic,
    period: config.period,
    recentDatapoints: present.slice().reverse().map((s) => s.v),
    threshold: config.threshold,
    evaluatedDatapoints: present.map((s) => ({ timestamp: dataStamp(s.t), value: s.v })),
  };
  const reasonData = JSON.stringify(data);
  if (present.length === 0 && treat === 'ignore') return { state: undefined, reason: '', reasonData };
  if (present.length === 0 && treat === 'missing') {
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${plural(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`, reasonData };
  }
  const listed = (list: readonly { t: number; v: number }[]): string => list.map((s) => `${javaDouble(s.v)} (${reasonStamp(s.t)})`).join(', ');
  const words = WORDS[config.comparison];
  const threshold = javaDouble(config.threshold);
  if (breachCount >= m) {
    const shown = breaching.length > 0 ? ` [${listed(breaching)}]` : '';
    return {
      state: 'ALARM',
      reason:
        `Threshold Crossed: ${breachCount} out of the last ${n} datapoints${shown} ${breachCount === 1 ? 'was' : 'were'} ${words} the threshold ` +
        `(${threshold}) (minimum ${plural(m, 'datapoint')} for ${from === 'ALARM' ? 'OK' : from} -> ALARM transition).`,
      reasonData,
    };
  }
  const calm = present.filter((s) => !breaches(config, s.v));
  if (calm.length === 0) {
    return {
      state: 'OK',
      reason: `Threshold Crossed: no datapoints were received for ${plural(missing, 'period')} and ${plural(missing, 'missing datapoint')} ${missing === 1 ? 'was' : 'were'} treated as [NonBreaching].`,
      reasonData,
    };
  }
  return {
    state: 'OK',
    reason:
      `Threshold Crossed: ${plural(calm.length, 'datapoint')} [${listed(calm)}] ${calm.length === 1 ? 'was' : 'were'} not ${words} the threshold ` +
      `(${threshold}) (minimum 1 datapoint for ${from === 'OK' ? 'ALARM' : from} -> OK transition).`,
    reasonData,
  };
}
