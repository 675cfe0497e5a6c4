// asciichart ships no types; only the part the metrics pane uses is declared.
declare module 'asciichart' {
  export interface PlotConfig {
    readonly height?: number;
    readonly offset?: number;
    readonly padding?: string;
    readonly format?: (value: number, index: number) => string;
    readonly min?: number;
    readonly max?: number;
  }
  interface AsciiChart {
    plot(series: readonly number[] | readonly (readonly number[])[], config?: PlotConfig): string;
  }
  const asciichart: AsciiChart;
  export default asciichart;
}
