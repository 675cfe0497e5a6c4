// The training fleet's own thread: builds the world from the spec it is started with (workerData) and answers the
// UI thread's requests over the port, so rendering 10,000 instances' XML never competes with the keys.
// Bundled as dist/fleet-worker.js (scripts/build.mjs); the UI thread's side is cli/fleet-worker.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { buildFleetHandler, type FleetAnswer, type FleetCall, type FleetSpec, type FleetStartFailure } from './fleet-host.js';

const oneLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('the training fleet worker must run in a worker thread');
  let handler: ReturnType<typeof buildFleetHandler>;
  try {
    handler = buildFleetHandler(workerData as FleetSpec);
  } catch (error) {
    const failure: FleetStartFailure = { startError: oneLine(error) };
    port.postMessage(failure);
    return;
  }
  port.on('message', (call: FleetCall) => {
    handler(call.request).then(
      (response) => port.postMessage({ id: call.id, response } satisfies FleetAnswer),
      (error: unknown) => port.postMessage({ id: call.id, error: oneLine(error) } satisfies FleetAnswer),
    );
  });
}

serve();
