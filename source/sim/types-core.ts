// The fleet's smallest words, shared by the world's types and its actions' types (so neither imports the other).

export type SimInstanceState = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface SimMetricKey {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export type SimStatistic = 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';
