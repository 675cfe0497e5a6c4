// The options the SDK builds its NodeHttpHandler from: timeouts and the proxy agents. Apart from clients.ts so the
// start-up checks (preflight.ts) can give the credential chain's own clients the same without loading the service
// clients.
import { agentsFor } from './proxy.js';
import { DEFAULT_TIMEOUTS } from './timeouts.js';
import type { Timeouts } from './timeouts.js';

/** The request handler options for real endpoints (AWS or an AWS-compatible one). */
export function httpHandlerOptions(timeouts: Timeouts = DEFAULT_TIMEOUTS) {
  // A plain options object: the SDK builds its NodeHttpHandler from it. Without throwOnRequestTimeout the SDK
  // only logs a warning when an answer never comes, and the call waits forever.
  return {
    connectionTimeout: timeouts.connectSeconds * 1000,
    requestTimeout: timeouts.requestSeconds * 1000,
    throwOnRequestTimeout: true,
    ...agentsFor(process.env),
  };
}
