// Pure chart math: downsampling to the pane's width, how many charts fit, and the text of one chart.
import asciichart from 'asciichart';
import type { ChartSeries } from '../../../model/types.js';
import { formatUnit, truncate } from '../../format.js';

/**
 * At most `width` points: each bucket keeps its maximum, so a one-minute spike survives a 24h range.
 */
export function downsample(values: readonly number[], width: number): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  const w = Math.max(0, Math.floor(width));
  if (n <= w) return finite;
  const out: number[] = [];
  for (let i = 0; i < w; i += 1) {
    const start = Math.floor((i * n) / w);
    const end = Math.max(start + 1, Math.floor(((i + 1) * n) / w));
    let max = -Infinity;
    for (let j = start; j < end; j += 1) max = Math.max(max, finite[j] ?? -Infinity);
    out.push(max);
  }
  return out;
}

/**
 * Exactly `width` points: downsampled when there are more, each point repeated as a step when there are
 * fewer (an hour of 5-minute data is 12 points; a 60-column chart of them reads far better than 12 columns).
 */
export function fitToWidth(values: readonly number[], width: number): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  const w = Math.max(0, Math.floor(width));
  if (finite.length === 0 || finite.length >= w) return downsample(finite, w);
  return Array.from({ length: w }, (_, i) => finite[Math.floor((i * finite.length) / w)] ?? 0);
}

export interface ChartFit {
  /** Chart lines per series (1 = sparkline). */
  readonly chartRows: number;
  /** How many charts are shown. */
  readonly shown: number;
  /** Charts not shown (the "+N more" line is drawn when > 0). */
  readonly hidden: number;
}

export const MAX_CHART_ROWS = 4;

/** Fit `count` charts (title line + chart) and `extraLines` into `height`: tallest charts that show them all, else as many as fit. */
export function fitCharts(count: number, height: number, extraLines: number): ChartFit {
  const room = Math.max(0, height - extraLines);
  if (count === 0) return { chartRows: 0, shown: 0, hidden: 0 };
  for (let rows = MAX_CHART_ROWS; rows >= 1; rows -= 1) {
    if (count * (1 + rows) <= room) return { chartRows: rows, shown: count, hidden: 0 };
  }
  // Not all fit: keep a line for "+N more", and prefer two-row charts when there is room for one.
  const chartRows = room - 1 >= 3 * 2 ? 2 : 1;
  const shown = Math.min(count, Math.max(0, Math.floor((room - 1) / (1 + chartRows))));
  return { chartRows, shown, hidden: count - shown };
}

const SPARKS = '▁▂▃▄▅▆▇█';

/** One-line chart for when there is room for nothing taller. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values
    .map((v) => SPARKS[span === 0 ? 0 : Math.round(((v - min) / span) * (SPARKS.length - 1))] ?? '▁')
    .join('');
}

/** The series' header: title, current/min/avg/max in its unit. */
export function chartTitle(series: ChartSeries): string {
  const s = series.stats;
  if (s === undefined) return `${series.title}  no datapoints`;
  const f = (v: number) => formatUnit(v, series.unit);
  return `${series.title}  now ${f(s.current)}  min ${f(s.min)}  avg ${f(s.avg)}  max ${f(s.max)}`;
}

/** The chart's lines, exactly `rows` or fewer, none wider than `width`. */
export function chartLines(series: ChartSeries, width: number, rows: number): string[] {
  if (series.values.length === 0 || width <= 0 || rows <= 0) return [];
  if (rows === 1) return [truncate(sparkline(fitToWidth(series.values, width)), width)];
  const finite = series.values.filter((v) => Number.isFinite(v));
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  // asciichart labels one tick per row, evenly spaced: measure them all so the axis lines up.
  let labelWidth = 0;
  for (let i = 0; i < rows; i += 1) {
    labelWidth = Math.max(labelWidth, formatUnit(min + ((max - min) * i) / Math.max(1, rows - 1), series.unit).length);
  }
  // asciichart draws: label, a space, the axis, then one column per point.
  const points = fitToWidth(finite, Math.max(1, width - labelWidth - 2));
  const text = asciichart.plot(points, {
    height: rows - 1,
    format: (v: number) => formatUnit(v, series.unit).padStart(labelWidth),
  });
  return text
    .split('\n')
    .slice(0, rows)
    .map((line) => truncate(line, width));
}

/** Agent-only series (memory, disk space): replaced by the install note when the agent is not reporting. */
export function isAgentSeries(series: ChartSeries): boolean {
  return /mem|disk_used|disk_free|swap/i.test(series.key) || /memory|disk (used|space|free)/i.test(series.title);
}
