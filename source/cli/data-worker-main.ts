// The data worker's thread: owns the SDK clients (aws/worker-server.ts answers the UI thread's AwsApi and AwsActions
// calls with rows) and, in the demo, the training fleet built from the spec it is started with, so SDK parsing and mapping,
// the GC of raw pages and the fleet's XML rendering never compete with the keys. Bundled as dist/data-worker.js
// (scripts/build.mjs); the UI thread's side is cli/data-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { createAwsActions } from '../aws/actions.js';
import { createAwsApi } from '../aws/index.js';
import { callerAccount } from '../aws/identity.js';
import type { AwsConfig } from '../aws/clients.js';
import { createApiServer } from '../aws/worker-server.js';
import type { ApiRequest, WorkerAwsConfig } from '../aws/worker-protocol.js';
import { buildFleetHandler, type FleetAnswer, type FleetCall, type FleetStartFailure } from '../sim/fleet-host.js';
import type { SimHandler } from '../sim/types.js';
import { errorLine, type DataWorkerData } from './data-thread.js';

function serve(): void {
  const port = parentPort;
  if (port === null) throw new Error('the data worker must run in a worker thread');
  const data = (workerData ?? {}) as DataWorkerData;
  let fleet: SimHandler | undefined;
  let fleetFailure: string | undefined;
  if (data.fleet !== undefined) {
    try {
      fleet = buildFleetHandler(data.fleet);
    } catch (error) {
      fleetFailure = errorLine(error);
      port.postMessage({ startError: fleetFailure } satisfies FleetStartFailure);
    }
  }
  const noFleet = (): string => `training fleet: ${fleetFailure ?? 'this worker has none'}`;
  const awsConfig = (config: WorkerAwsConfig): AwsConfig => {
    const { fleet: isFleet, ...rest } = config;
    if (isFleet !== true) return rest;
    if (fleet === undefined) throw new Error(noFleet());
    return { ...rest, simHandler: fleet };
  };
  const api = createApiServer({
    build: (config, onCommand) => createAwsApi({ ...awsConfig(config), onCommand }),
    buildActions: (config, waiterDelays) => createAwsActions(awsConfig(config), waiterDelays === undefined ? {} : { waiterDelays }),
    callerAccount: (config, signal) => callerAccount(awsConfig(config), signal),
    post: (reply) => port.postMessage(reply),
  });
  port.on('message', (message: FleetCall | ApiRequest) => {
    if ('kind' in message) {
      api.receive(message);
      return;
    }
    if (fleet === undefined) {
      port.postMessage({ id: message.id, error: noFleet() } satisfies FleetAnswer);
      return;
    }
    fleet(message.request).then(
      (response) => port.postMessage({ id: message.id, response } satisfies FleetAnswer),
      (error: unknown) => port.postMessage({ id: message.id, error: errorLine(error) } satisfies FleetAnswer),
    );
  });
}

serve();
