// The three SDK clients, built once from region/profile/endpoint/credentials. Credentials come from the SDK's
// default chain (env, shared files, SSO, IMDS) unless given; the fleet gets static ones and an in-process handler.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { InProcessHandler } from '../domain/in-process-http.js';
import { isReadOperation, readOnlyRefusal } from './read-only.js';
import { SIM_CREDENTIALS, SIM_ENDPOINT, simRequestHandler } from './sim-handler.js';

// The SDK warns on Node < 22 when a client is constructed; the UI owns the terminal, so the warning must never
// print. Set here, at module load, before any client exists (the check runs in the client constructor).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** How to reach AWS (or moto, or the in-process training fleet). */
export interface AwsConfig {
  readonly region: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** The training fleet's entry point: when set, requests never leave the process. */
  readonly simHandler?: InProcessHandler;
  /** Attempts per call including the first (SDK default 3); retries use the adaptive strategy. */
  readonly maxAttempts?: number;
  /** MaxResults for list calls that accept it; unset lets AWS choose (tests use a small value to force paging). */
  readonly pageSize?: number;
  /** Told of every command sent (each page of a paginator counts), e.g. for a --log-file trace. */
  readonly onCommand?: (service: string, command: string) => void;
  /** Only READ_OPERATIONS may leave the process (read-only.ts); anything else throws a denial before sending. */
  readonly isReadOnly?: boolean;
}

/** The SDK clients one AwsApi uses. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
}

/** Options common to all three clients. */
export function clientOptions(config: AwsConfig) {
  const common = { region: config.region, retryMode: 'adaptive', maxAttempts: config.maxAttempts ?? 3 } as const;
  if (config.simHandler !== undefined) {
    return { ...common, endpoint: SIM_ENDPOINT, credentials: { ...SIM_CREDENTIALS }, requestHandler: simRequestHandler(config.simHandler) };
  }
  return {
    ...common,
    // Leaving these undefined lets the SDK apply AWS_PROFILE, AWS_ENDPOINT_URL(_<SERVICE>) and the default chain.
    ...(config.profile === undefined ? {} : { profile: config.profile }),
    ...(config.endpointUrl === undefined ? {} : { endpoint: config.endpointUrl }),
    ...(config.credentials === undefined ? {} : { credentials: { ...config.credentials } }),
  };
}

type Stackable = EC2Client | CloudWatchClient | CloudWatchLogsClient;

function observe<C extends Stackable>(client: C, onCommand: AwsConfig['onCommand']): C {
  if (onCommand === undefined) return client;
  // 'initialize' runs once per command (not per retry attempt), which is what a page count wants.
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    (next, context) => (args) => {
      try {
        onCommand(context.clientName ?? 'unknown', context.commandName ?? 'unknown');
      } catch {
        // An observer's fault must not fail the call it observes.
      }
      return next(args);
    },
    { step: 'initialize', name: 'ec2TriageObserveCommand' },
  );
  return client;
}

function guardReadOnly<C extends Stackable>(client: C, isReadOnly: boolean | undefined): C {
  if (isReadOnly !== true) return client;
  // First in 'initialize': a refused command is never serialised, signed or sent, DryRun included.
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    // async: a refusal must reject send()'s promise, not throw out of send() synchronously.
    (next, context) => async (args) => {
      const clientName = context.clientName ?? '';
      const commandName = context.commandName ?? '';
      if (!isReadOperation(clientName, commandName)) throw readOnlyRefusal(clientName, commandName);
      return next(args);
    },
    { step: 'initialize', name: 'ec2TriageReadOnly', priority: 'high' },
  );
  return client;
}

/** Builds the EC2, CloudWatch and CloudWatch Logs clients for a config. */
export function createClients(config: AwsConfig): AwsClients {
  const options = clientOptions(config);
  const wrap = <C extends Stackable>(client: C): C => guardReadOnly(observe(client, config.onCommand), config.isReadOnly);
  return {
    ec2: wrap(new EC2Client(options)),
    cloudwatch: wrap(new CloudWatchClient(options)),
    logs: wrap(new CloudWatchLogsClient(options)),
  };
}

/** Splits a list into chunks of at most `size` (AWS caps ids per call: 100 instances, 500 metric queries). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Maps with at most `limit` calls in flight, keeping input order; the adaptive retry handles any throttling. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
