// Pure chart math: downsampling to the pane's width, how many charts fit and how tall, the text of one chart, its
// header and the time axis under the charts.
import asciichart from 'asciichart';
import type { ChartSeries } from '../../../model/types.js';
import { formatPeriod, formatUnit, truncate } from '../../format.js';

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
  /** Charts not shown (the scroll line is drawn when > 0). */
  readonly hidden: number;
  /** One time-axis line under the charts (they share the window). */
  readonly hasAxis: boolean;
}

/** The shortest chart with y labels at its top, middle and bottom. */
export const MIN_READABLE_ROWS = 3;
/** Taller than this a chart shows no more: the rest of the room goes unused rather than stretched. */
export const MAX_CHART_ROWS = 12;

/** `shown` charts sharing `lines` (each a title line plus chart rows): the tallest they can all be, capped. */
const rowsFor = (lines: number, shown: number): number => Math.min(MAX_CHART_ROWS, Math.floor(lines / shown) - 1);

/**
 * Fit `count` charts (a title line and chart rows each) and `extraLines` into `height`, with one time-axis line
 * under them and a scroll line when some are hidden. The charts grow with the room:
 * all of them at ≥ MIN_READABLE_ROWS when they fit (as tall as the room allows); else as many as fit at that
 * height, the leftover room making them taller; else (a small pane) sparklines or two-row charts.
 */
export function fitCharts(count: number, height: number, extraLines: number): ChartFit {
  const room = Math.max(0, height - extraLines);
  if (count === 0) return { chartRows: 0, shown: 0, hidden: 0, hasAxis: false };
  const all = room - 1;
  const some = all - 1;
  if (count * (1 + MIN_READABLE_ROWS) <= all) return { chartRows: rowsFor(all, count), shown: count, hidden: 0, hasAxis: true };
  if (some >= 1 + MIN_READABLE_ROWS) {
    const shown = Math.floor(some / (1 + MIN_READABLE_ROWS));
    return { chartRows: rowsFor(some, shown), shown, hidden: count - shown, hasAxis: true };
  }
  // A small pane: one- or two-row charts, all of them if they fit.
  if (count * 2 <= all) return { chartRows: rowsFor(all, count), shown: count, hidden: 0, hasAxis: true };
  if (some >= 2) {
    const shown = Math.floor(some / 2);
    return { chartRows: rowsFor(some, shown), shown, hidden: count - shown, hasAxis: true };
  }
  // Too small for a chart, its axis and the scroll line: a title and a sparkline, and what is hidden.
  const shown = room >= 3 || (room === 2 && count === 1) ? 1 : 0;
  return { chartRows: 1, shown, hidden: count - shown, hasAxis: false };
}

/** Where the scroll stands: what is above and below the charts shown ('' when all are shown). */
export function scrollNote(from: number, shown: number, total: number): string {
  const above = Math.max(0, from);
  const below = Math.max(0, total - from - shown);
  if (above === 0 && below === 0) return '';
  // No room for even one: say how to see them, not "charts 1–0".
  if (shown === 0) return `${total} charts: no room here (z zooms the pane)`;
  const parts = [below > 0 ? `+${below} more below` : '', above > 0 ? `${above} above` : ''].filter((p) => p !== '');
  return `${parts.join(', ')} (charts ${from + 1}–${from + shown} of ${total}, ↑/↓)`;
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

const STAT_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  Average: ['Average of', 'avg'],
  Sum: ['Sum per', 'sum'],
  Maximum: ['Maximum of', 'max'],
  Minimum: ['Minimum of', 'min'],
};

/**
 * The series' header, the longest that fits `width`: title, the statistic and period behind the numbers, then
 * now/min/avg/max in its unit. Whole fields are dropped (avg first, then min, then the words), never a value cut.
 */
export function chartTitle(series: ChartSeries, width = Infinity): string {
  const s = series.stats;
  const short = series.shortTitle ?? series.title;
  if (s === undefined) return truncate(`${series.title}  no datapoints`, width);
  const f = (v: number) => formatUnit(v, series.unit);
  const period = series.period === undefined ? '' : formatPeriod(series.period);
  const [long, brief] = STAT_WORDS[series.stat ?? ''] ?? [series.stat ?? '', series.stat ?? ''];
  const how = (words: string) => (words === '' ? '' : ` (${words}${period === '' ? '' : ` ${period}`})`);
  const [now, min, avg, max] = [`now ${f(s.current)}`, `min ${f(s.min)}`, `avg ${f(s.avg)}`, `max ${f(s.max)}`];
  const candidates = [
    `${series.title}${how(long)}  ${now}  ${min}  ${avg}  ${max}`,
    `${series.title}${how(brief)}  ${now}  ${min}  ${avg}  ${max}`,
    `${series.title}${how(brief)}  ${now}  ${min}  ${max}`,
    `${short}${how(brief)}  ${now}  ${min}  ${max}`,
    `${short}${how(brief)} ${now} ${max}`,
    `${short} ${now} ${max}`,
    `${short} ${now}`,
    short,
  ];
  return candidates.find((c) => [...c].length <= width) ?? truncate(candidates[candidates.length - 1] ?? '', width);
}

/** Columns of the y labels when `series` are drawn `rows` tall: the widest tick of any, so their plots line up. */
export function yLabelWidth(series: readonly ChartSeries[], rows: number): number {
  if (rows <= 1) return 0;
  let labelWidth = 0;
  for (const one of series) {
    const finite = one.values.filter((v) => Number.isFinite(v));
    if (finite.length === 0) continue;
    const min = Math.min(...finite);
    const max = Math.max(...finite);
    // asciichart labels one tick per row, evenly spaced: measure them all.
    for (let i = 0; i < rows; i += 1) {
      labelWidth = Math.max(labelWidth, formatUnit(min + ((max - min) * i) / Math.max(1, rows - 1), one.unit).length);
    }
  }
  return labelWidth;
}

/** The plot's columns in a chart line: asciichart draws the label, a space, then the axis on the first point. */
export function plotArea(width: number, rows: number, labelWidth: number): { readonly start: number; readonly points: number } {
  if (rows <= 1) return { start: 0, points: Math.max(0, width) };
  return { start: labelWidth + 1, points: Math.max(1, width - labelWidth - 2) };
}

/** The chart's lines, exactly `rows` or fewer, none wider than `width`; y labels `labelWidth` wide. */
export function chartLines(series: ChartSeries, width: number, rows: number, labelWidth = yLabelWidth([series], rows)): string[] {
  if (series.values.length === 0 || width <= 0 || rows <= 0) return [];
  const { points } = plotArea(width, rows, labelWidth);
  if (rows === 1) return [truncate(sparkline(fitToWidth(series.values, points)), width)];
  const finite = series.values.filter((v) => Number.isFinite(v));
  const text = asciichart.plot(fitToWidth(finite, points), {
    height: rows - 1,
    format: (v: number) => formatUnit(v, series.unit).padStart(labelWidth),
  });
  return text
    .split('\n')
    .slice(0, rows)
    .map((line) => truncate(line, width));
}

/** HH:MM UTC of a clock reading. */
const hhmm = (ms: number): string => new Date(ms).toISOString().slice(11, 16);

/** Tick steps in minutes: the axis picks the finest that keeps its labels apart. */
const TICK_MINUTES = [5, 10, 15, 30, 60, 120, 180, 360, 720] as const;

/**
 * The time axis under the plots: the first and last datapoints' times under the plot's first and last column,
 * and round times between them where they fit (two spaces apart). With `note` (a pane too small for its own
 * scroll line) the note sits between the two ends instead of the ticks. '' when there is no span or no room.
 */
export function timeAxis(from: number, to: number, area: { readonly start: number; readonly points: number }, width: number, note = ''): string {
  if (!Number.isFinite(from) || !Number.isFinite(to) || area.points <= 0 || width <= 0) return '';
  const end = `${hhmm(to)} UTC`;
  const last = Math.min(width, area.start + area.points); // one past the plot's last column
  const line = Array.from({ length: width }, () => ' ');
  const put = (text: string, at: number): void => [...text].forEach((ch, i) => (line[at + i] = ch));
  const endAt = Math.max(0, last - end.length);
  const label = hhmm(from);
  const free = area.start + label.length + 2;
  if (note !== '') {
    if (free + [...note].length + 2 > endAt) return '';
    put(note, free);
  } else if (free > endAt) {
    return endAt < 0 || end.length > width ? '' : `${' '.repeat(endAt)}${end}`;
  }
  put(end, endAt);
  put(label, area.start);
  if (note !== '' || to <= from) return line.join('').trimEnd();
  const columnOf = (t: number): number => area.start + Math.round(((t - from) / (to - from)) * Math.max(0, area.points - 1));
  const step = TICK_MINUTES.find((m) => columnOf(from + m * 60_000) - area.start >= label.length + 4) ?? 0;
  if (step === 0) return line.join('').trimEnd();
  let next = free;
  for (let t = Math.ceil(from / (step * 60_000)) * step * 60_000; t < to; t += step * 60_000) {
    const at = columnOf(t) - 2; // the label centred on its column
    if (at < next || at + label.length + 2 > endAt) continue;
    put(hhmm(t), at);
    next = at + label.length + 2;
  }
  return line.join('').trimEnd();
}

/** Agent-only series (memory, disk space): replaced by the install note when the agent is not reporting. */
export function isAgentSeries(series: ChartSeries): boolean {
  return /mem|disk_used|disk_free|swap/i.test(series.key) || /memory|disk (used|space|free)/i.test(series.title);
}

/** A time marked on every chart (m in the log view or on a finding): "OOM kill 02:45:12". */
export interface ChartMarker {
  /** Epoch ms. */
  readonly at: number;
  readonly label: string;
}

/**
 * The plot column of time `at` on charts spanning [from, to] (the same mapping as the time axis's ticks), or
 * undefined when the time is outside what they show.
 */
export function markerColumn(at: number, from: number, to: number, area: { readonly start: number; readonly points: number }): number | undefined {
  if (!Number.isFinite(at) || !Number.isFinite(from) || !Number.isFinite(to) || at < from || at > to || area.points <= 0) return undefined;
  if (to <= from) return area.start;
  return area.start + Math.round(((at - from) / (to - from)) * Math.max(0, area.points - 1));
}

/** A chart's lines with a marker at each column: ▼ on the top row, │ below it wherever the plot is blank. */
export function overlayMarkers(lines: readonly string[], columns: readonly number[]): string[] {
  if (columns.length === 0) return [...lines];
  return lines.map((line, row) => {
    const chars = [...line];
    for (const col of columns) {
      while (chars.length <= col) chars.push(' ');
      if (row === 0) chars[col] = '▼';
      else if (chars[col] === ' ') chars[col] = '│';
    }
    return chars.join('');
  });
}

/** Toggles a marker: the same time again removes it (whatever its label); a new time is added, in time order. */
export function toggleMarker(markers: readonly ChartMarker[], marker: ChartMarker): readonly ChartMarker[] {
  if (markers.some((m) => m.at === marker.at)) return markers.filter((m) => m.at !== marker.at);
  return [...markers, marker].sort((a, b) => a.at - b.at);
}
