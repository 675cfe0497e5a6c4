// Small formatting shared by rules, runbooks and the report: times in UTC, percentages as the console shows them.
import type { MetricEvidence } from './evidence.js';

const pad = (n: number): string => String(n).padStart(2, '0');
/** '02:45:12 UTC' */
export const hms = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
/** '02:44 UTC' */
export const hm = (d: Date): string => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;

/** A value and when it was reached. */
export interface Peak {
  readonly value: number;
  readonly at: Date;
}

/** The highest value of a series and when (the first time it was reached); undefined when empty. */
export function peakOf(timestamps: readonly Date[], values: readonly number[]): Peak | undefined {
  let best: Peak | undefined;
  values.forEach((value, i) => {
    const at = timestamps[i];
    if (at !== undefined && (best === undefined || value > best.value || (value === best.value && at < best.at))) best = { value, at };
  });
  return best;
}

/** '97.6%', '100%': one decimal unless whole. */
export const pct = (v: number): string => `${Math.round(v * 10) / 10}%`;

/** 'YYYY-MM-DD HH:MM:SS UTC' */
export const utc = (d: Date): string => `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** The highest point of a series (first time reached). */
export const seriesPeak = (s: MetricEvidence | undefined): Peak | undefined => (s === undefined ? undefined : peakOf(s.timestamps, s.values));

/** The lowest point of a series (first time reached). */
export function seriesLow(s: MetricEvidence | undefined): Peak | undefined {
  if (s === undefined) return undefined;
  const neg = peakOf(s.timestamps, s.values.map((v) => -v));
  return neg === undefined ? undefined : { value: -neg.value, at: neg.at };
}

/** The median of a series' values (undefined when empty). */
export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Bytes as '1.2 GiB', '340 MiB'. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Math.round(v * 10) / 10} ${units[i] ?? 'B'}`;
}

/** A fence longer than any backtick run inside, so log lines with ``` cannot close it. */
export const fence = (body: string, lang = ''): string => {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((m) => m.length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
};
