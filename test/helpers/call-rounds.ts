// Rounds of calls: how many round-trips a piece of work waits for, measured on the wire. A call that started only
// after another had answered may depend on it; the longest chain of such calls is the number of rounds. With a
// latency far above the client's own time between calls, independent calls overlap and only real dependencies chain.
import type { InProcessHandler, InProcessRequest } from '../../source/domain/in-process-http.js';

/** One request as the wire saw it: its action and when it started and answered (ms, performance.now). */
export interface TimedCall {
  readonly action: string;
  readonly start: number;
  readonly end: number;
}

/** The longest chain of calls each started at or after the previous one's answer (0 for no calls). */
export function chainDepth(calls: readonly TimedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depths: number[] = [];
  sorted.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j += 1) {
      const other = sorted[j];
      if (other !== undefined && other.end <= call.start) before = Math.max(before, depths[j] ?? 0);
    }
    depths.push(before + 1);
  });
  return Math.max(0, ...depths);
}

/** The action a request names: Query's Action (body or URL), JSON's X-Amz-Target, or an RPC path's last part. */
export function actionOf(request: Pick<InProcessRequest, 'body' | 'headers' | 'path' | 'query'>): string {
  const target = request.headers['x-amz-target'];
  if (target !== undefined) return target.slice(target.lastIndexOf('.') + 1);
  const action = new URLSearchParams(request.body).get('Action') ?? request.query.Action;
  if (action !== undefined && action !== null && action !== '') return action;
  return request.path.slice(request.path.lastIndexOf('/') + 1);
}

/** Wraps an in-process endpoint so every request takes `latencyMs` more and is recorded. */
export function delayedHandler(handler: InProcessHandler, latencyMs: number, calls: TimedCall[]): InProcessHandler {
  return async (request) => {
    const start = performance.now();
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const response = await handler(request);
    calls.push({ action: actionOf(request), start, end: performance.now() });
    return response;
  };
}
