// What the app costs a terminal link (e.g. SSH to a bastion), at 200×50.
//
// bytes_per_tick: `--demo --speed 60`, from 2 s after the fleet first shows, every pty byte for 30 s real
// (= 30 fleet minutes). Chunks less than 10 ms apart form one frame; after each chunk the screen is diffed
// against the previous one. A frame is a "refresh" frame when it changed a row other than the header (row 0,
// the fleet clock) and the footer (the "? help …" line: refresh age, calls in flight); such frames are the live
// metrics refreshes (the CPU column and the selected instance's charts, both aligned to the 60 s period of the
// detailed-monitoring instances — the list/status refresh every 15 s real changes nothing visible here).
//   value = all bytes in the window / refresh frames (so the clock ticks and "· N calls" footer frames that
//   go with each refresh are included), refresh_frame_bytes = mean bytes of the refresh frames alone,
//   chrome_frame_bytes = mean bytes of header/footer-only frames, expected_refreshes = 60 s period boundaries
//   (+10 s publication lag, model/fleet-store.ts) crossed in the window by the header's fleet clock.
// bytes_per_second: `--demo` at speed 1, idle (no keys), from 3 s after the fleet first shows, for 10 s: the
// 1 s clock tick redraws only (refresh_frames says whether a refresh happened to fall in the window).
import { withApp } from '../context.js';
import type { BenchContext } from '../context.js';
import type { Chunk, PtySession } from '../pty-session.js';
import { emit, progress, round1 } from '../report.js';
import { hasFleet, headerClockSeconds } from '../screen.js';
import { median, sleep } from '../stats.js';

const FRAME_GAP_MS = 10;
const PERIOD_S = 60;
const LAG_S = 10;

interface Frame {
  bytes: number;
  last: number;
  isRefresh: boolean;
}

interface Window {
  readonly bytes: number;
  readonly seconds: number;
  readonly frames: readonly Frame[];
  /** Fleet-clock seconds of the day at the start and end, from the header. */
  readonly clock: readonly [number | undefined, number | undefined];
}

/** A row that only the clock tick or the activity footer changes. */
const isChromeRow = (index: number, before: string, after: string): boolean =>
  index === 0 || before.startsWith('? help') || after.startsWith('? help');

/** Records every chunk for `ms`, grouped into frames and classified by which rows they changed. */
async function recordWindow(s: PtySession, ms: number): Promise<Window> {
  const frames: Frame[] = [];
  let previous = s.rows();
  const startClock = headerClockSeconds(previous);
  const startBytes = s.bytes();
  const started = performance.now();
  const stop = s.onParsed((chunk: Chunk, rows) => {
    let frame = frames.at(-1);
    if (frame === undefined || chunk.at - frame.last > FRAME_GAP_MS) {
      frame = { bytes: 0, last: chunk.at, isRefresh: false };
      frames.push(frame);
    }
    frame.bytes += chunk.bytes;
    frame.last = chunk.at;
    rows.forEach((row, i) => {
      const old = previous[i] ?? '';
      if (row !== old && !isChromeRow(i, old, row)) (frame as Frame).isRefresh = true;
    });
    previous = [...rows];
  });
  await sleep(ms);
  stop();
  return { bytes: s.bytes() - startBytes, seconds: (performance.now() - started) / 1000, frames, clock: [startClock, headerClockSeconds(s.rows())] };
}

/** Aligned refresh boundaries (k·period + lag) the fleet clock crossed between two header readings. */
function boundariesCrossed([start, end]: Window['clock']): number | undefined {
  if (start === undefined || end === undefined) return undefined;
  const span = (end - start + 86_400) % 86_400;
  const count = (t: number): number => Math.floor((t - LAG_S) / PERIOD_S);
  return count(start + span) - count(start);
}

const mean = (values: readonly number[]): number | undefined =>
  values.length === 0 ? undefined : Math.round(values.reduce((a, b) => a + b, 0) / values.length);

/** Measures bytes per live metrics refresh at ×60. */
export async function measureBytesPerTick(ctx: BenchContext): Promise<void> {
  await withApp(ctx, ['--demo', '--speed', '60'], async (s) => {
    await s.until(hasFleet, 20_000);
    await sleep(2_000);
    const w = await recordWindow(s, 30_000);
    const refresh = w.frames.filter((f) => f.isRefresh).map((f) => f.bytes);
    const chrome = w.frames.filter((f) => !f.isRefresh).map((f) => f.bytes);
    progress(`×60 window: ${w.bytes} B in ${w.frames.length} frames, ${refresh.length} refresh frames`);
    if (refresh.length === 0) throw new Error('no metrics refresh was drawn in 30 s');
    emit({
      name: 'bytes_per_tick',
      value: Math.round(w.bytes / refresh.length),
      refreshes: refresh.length,
      expected_refreshes: boundariesCrossed(w.clock),
      refresh_frame_bytes: mean(refresh),
      refresh_frame_bytes_median: median(refresh),
      chrome_frame_bytes: mean(chrome),
      frames: w.frames.length,
      bytes: w.bytes,
      window_s: round1(w.seconds),
      bytes_per_second: Math.round(w.bytes / w.seconds),
      speed: 60,
    });
  });
}

/** Measures idle bytes per second at speed 1. */
export async function measureIdleBytes(ctx: BenchContext): Promise<void> {
  await withApp(ctx, ['--demo'], async (s) => {
    await s.until(hasFleet, 20_000);
    await sleep(3_000);
    const w = await recordWindow(s, 10_000);
    emit({
      name: 'bytes_per_second',
      value: Math.round(w.bytes / w.seconds),
      frames: w.frames.length,
      frame_bytes: mean(w.frames.map((f) => f.bytes)),
      refresh_frames: w.frames.filter((f) => f.isRefresh).length,
      window_s: round1(w.seconds),
      speed: 1,
      idle: true,
    });
  });
}
