// The metrics pane: the selected instance's charts (looked up by its id, never another's), as many as fit and as
// tall as the room allows, downsampled to the pane's width, over one shared time axis.
import { memo } from 'react';
import { Box, Text } from 'ink';
import { tone } from '../../theme.js';
import type { Instance } from '../../../domain/types.js';
import { metricsOf } from '../../../model/metrics-store.js';
import type { ChartSeries, InstanceMetrics, MetricsSnapshot } from '../../../model/types.js';
import { ErrorLine } from '../../components/error-line.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { formatPeriod } from '../../format.js';
import { chartLines, chartTitle, fitCharts, isAgentSeries, markerColumn, overlayMarkers, plotArea, scrollNote, timeAxis, yLabelWidth, type ChartFit, type ChartMarker } from './chart-math.js';

export const AGENT_NOTE =
  'CloudWatch Agent not reporting — no memory or disk metrics (a → Agent config)';

export interface MetricsPaneProps {
  readonly instance: Instance | undefined;
  readonly metrics: MetricsSnapshot;
  readonly scroll: number;
  readonly width: number;
  readonly height: number;
  readonly isFocused: boolean;
  readonly now: number;
  /** Times marked (m): drawn on every chart whose span holds them, labelled in its title line. */
  readonly markers?: readonly ChartMarker[];
  /** A follower: what to say for an instance whose charts the driver has not read (it reads only its own). */
  readonly notStreamed?: string;
}

/** A marker placed on the charts: its plot column and its label. */
interface PlacedMarker {
  readonly column: number;
  readonly label: string;
}

/** The charts the pane draws: agent series drop out when the agent is known not to report. */
export function chartsToShow(metrics: InstanceMetrics): readonly ChartSeries[] {
  const charts = metrics.charts.data ?? [];
  return metrics.isAgentReporting === false ? charts.filter((c) => !isAgentSeries(c)) : charts;
}

/** The fit for this instance's charts in a pane of this size. */
export function metricsFit(metrics: InstanceMetrics, height: number): ChartFit {
  const extra = (metrics.charts.error === undefined ? 0 : 1) + (metrics.isAgentReporting === false ? 1 : 0);
  return fitCharts(chartsToShow(metrics).length, paneContentHeight(height), extra);
}

/** The selected instance's charts and how many the pane shows: the key handler clamps and pages with them. */
export function metricsScrollView(metrics: MetricsSnapshot, instance: Instance | undefined, height: number): { readonly count: number; readonly viewport: number } {
  if (instance === undefined) return { count: 0, viewport: 0 };
  const own = metricsOf(metrics, instance);
  return { count: chartsToShow(own).length, viewport: metricsFit(own, height).shown };
}

/** The span the shown charts cover: the earliest first and the latest last datapoint. */
function spanOf(series: readonly ChartSeries[]): readonly [number, number] {
  const firsts = series.flatMap((s) => s.timestamps.slice(0, 1));
  const lasts = series.flatMap((s) => s.timestamps.slice(-1));
  return [Math.min(...firsts), Math.max(...lasts)];
}

function ChartBlock({ series, width, rows, labelWidth, marks }: { readonly series: ChartSeries; readonly width: number; readonly rows: number; readonly labelWidth: number; readonly marks: readonly PlacedMarker[] }) {
  // The legend of the markers takes its room first: the title drops its own fields to make way.
  const legend = marks.map((m) => `▼ ${m.label}`).join('  ');
  const title = legend === '' ? chartTitle(series, width) : chartTitle(series, Math.max(8, width - legend.length - 2));
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate">
        <Text bold>{title}</Text>
        {legend === '' ? null : <Text color={tone('warn')}>{`  ${legend}`}</Text>}
      </Text>
      {overlayMarkers(chartLines(series, width, rows, labelWidth), marks.map((m) => m.column)).map((line, i) => (
        // Colour literal until ui/theme.ts names a chart colour.
        <Text key={i} wrap="truncate" color={tone('chart')}>
          {line}
        </Text>
      ))}
    </Box>
  );
}

function ChartList({ charts, fit, from, width, markers }: { readonly charts: readonly ChartSeries[]; readonly fit: ChartFit; readonly from: number; readonly width: number; readonly markers: readonly ChartMarker[] }) {
  const shown = charts.slice(from, from + fit.shown);
  const labelWidth = yLabelWidth(shown, fit.chartRows);
  const [start, end] = spanOf(shown);
  const area = plotArea(width, fit.chartRows, labelWidth);
  // The charts share one span and plot area, so a marker falls in the same column on each (or on none).
  const marks = markers.flatMap((m) => {
    const column = markerColumn(m.at, start, end, area);
    return column === undefined ? [] : [{ column, label: m.label }];
  });
  const note = scrollNote(from, fit.shown, charts.length);
  // No line for the axis of its own: the scroll note goes between its two ends, or alone when they do not fit.
  const merged = fit.hasAxis || note === '' ? '' : timeAxis(start, end, area, width, note);
  const axis = fit.hasAxis ? timeAxis(start, end, area, width) : merged;
  const noteLine = merged === '' ? note : '';
  return (
    <>
      {shown.map((s) => (
        <ChartBlock key={s.key} series={s} width={width} rows={fit.chartRows} labelWidth={labelWidth} marks={marks} />
      ))}
      {axis === '' ? null : <Text wrap="truncate" dimColor>{axis}</Text>}
      {noteLine === '' ? null : <Text wrap="truncate" dimColor>{noteLine}</Text>}
    </>
  );
}

/** Memoised: it re-renders only when its own props change, not on every store change the app hears of. */
export const MetricsPane = memo(function MetricsPane({ instance, metrics, scroll, width, height, isFocused, now, markers = [], notStreamed }: MetricsPaneProps) {
  const own = instance === undefined ? undefined : metricsOf(metrics, instance);
  const charts = own?.charts;
  const contentWidth = paneContentWidth(width);
  const shownCharts = own === undefined ? [] : chartsToShow(own);
  const subtitle = own === undefined ? metrics.range : `${instance?.name || own.instanceId} · ${own.range} · ${formatPeriod(own.period)} periods`;
  let body;
  if (own === undefined || charts === undefined) {
    body = <Text dimColor>No instance selected</Text>;
  } else if (charts.data === undefined && notStreamed !== undefined && instance !== undefined && !metrics.byInstance.has(instance.id)) {
    body = <Text dimColor>{notStreamed}</Text>;
  } else if (charts.data === undefined) {
    body = charts.error === undefined ? <Text dimColor>Loading metrics…</Text> : null;
  } else if (shownCharts.length === 0) {
    body = <Text dimColor>{`No datapoints in the last ${own.range}`}</Text>;
  } else {
    const fit = metricsFit(own, height);
    const from = Math.min(Math.max(0, scroll), Math.max(0, shownCharts.length - fit.shown));
    body = <ChartList charts={shownCharts} fit={fit} from={from} width={contentWidth} markers={markers} />;
  }
  return (
    <Pane title="Metrics" subtitle={subtitle} width={width} height={height} isFocused={isFocused}>
      {charts?.error === undefined ? null : <ErrorLine error={charts.error} updatedAt={charts.updatedAt} now={now} />}
      {body}
      {own?.isAgentReporting === false ? (
        // Colour literal until ui/theme.ts names a warning colour.
        <Text wrap="truncate" color={tone('warn')}>
          {AGENT_NOTE}
        </Text>
      ) : null}
    </Pane>
  );
});
