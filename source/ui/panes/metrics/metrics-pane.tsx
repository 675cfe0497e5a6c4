// The metrics pane: one compact chart per series, as many as fit, downsampled to the pane's width.
import { Box, Text } from 'ink';
import type { Instance } from '../../../aws/types.js';
import type { ChartSeries, MetricsSnapshot } from '../../../model/types.js';
import { ErrorLine } from '../../components/error-line.js';
import { Pane, paneContentHeight, paneContentWidth } from '../../components/pane.js';
import { formatPeriod } from '../../format.js';
import { chartLines, chartTitle, fitCharts, isAgentSeries } from './chart-math.js';

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
}

/** The charts the pane draws: agent series drop out when the agent is known not to report. */
export function chartsToShow(metrics: MetricsSnapshot): readonly ChartSeries[] {
  const charts = metrics.charts.data ?? [];
  return metrics.isAgentReporting === false ? charts.filter((c) => !isAgentSeries(c)) : charts;
}

/** The fit for this snapshot in a pane of this size; shared with the key handler so scrolling clamps. */
export function metricsFit(metrics: MetricsSnapshot, height: number) {
  const extra = (metrics.charts.error === undefined ? 0 : 1) + (metrics.isAgentReporting === false ? 1 : 0);
  return fitCharts(chartsToShow(metrics).length, paneContentHeight(height), extra);
}

function ChartBlock({ series, width, rows }: { readonly series: ChartSeries; readonly width: number; readonly rows: number }) {
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text wrap="truncate" bold>
        {chartTitle(series)}
      </Text>
      {chartLines(series, width, rows).map((line, i) => (
        <Text key={i} wrap="truncate" color="cyan">
          {line}
        </Text>
      ))}
    </Box>
  );
}

export function MetricsPane({ instance, metrics, scroll, width, height, isFocused, now }: MetricsPaneProps) {
  const { charts } = metrics;
  const contentWidth = paneContentWidth(width);
  const shownCharts = chartsToShow(metrics);
  const fit = metricsFit(metrics, height);
  const from = Math.min(Math.max(0, scroll), Math.max(0, shownCharts.length - fit.shown));
  const subtitle = `${instance?.name || instance?.id || ''} · ${metrics.range} · ${formatPeriod(metrics.period)}`;
  let body;
  if (instance === undefined) {
    body = <Text dimColor>No instance selected</Text>;
  } else if (charts.data === undefined) {
    body = charts.error === undefined ? <Text dimColor>Loading metrics…</Text> : null;
  } else if (shownCharts.length === 0) {
    body = <Text dimColor>{`No datapoints in the last ${metrics.range}`}</Text>;
  } else {
    body = shownCharts
      .slice(from, from + fit.shown)
      .map((s) => <ChartBlock key={s.key} series={s} width={contentWidth} rows={fit.chartRows} />);
  }
  return (
    <Pane title="Metrics" subtitle={subtitle} width={width} height={height} isFocused={isFocused}>
      {charts.error === undefined ? null : <ErrorLine error={charts.error} updatedAt={charts.updatedAt} now={now} />}
      {body}
      {fit.hidden > 0 && instance !== undefined ? (
        <Text wrap="truncate" dimColor>{`+${fit.hidden} more (↑/↓ to scroll)`}</Text>
      ) : null}
      {metrics.isAgentReporting === false && instance !== undefined ? (
        <Text wrap="truncate" color="yellow">
          {AGENT_NOTE}
        </Text>
      ) : null}
    </Pane>
  );
}
