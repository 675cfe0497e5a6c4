// The four SDK clients, built once from region/profile/endpoint/credentials. Credentials come from the SDK's
// default chain (env, shared files, SSO, IMDS) unless given; the fleet gets static ones and an in-process handler.
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { InProcessHandler } from '../domain/in-process-http.js';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';
import { renewableCredentials } from './credentials.js';
import type { RenewableCredentials } from './credentials.js';
import { noteCall, isCredentialRejection, isTimeoutError } from './errors.js';
import { httpHandlerOptions } from './http-options.js';
import { DEFAULT_TIMEOUTS } from './timeouts.js';
import type { Timeouts } from './timeouts.js';
import { isReadOperation, readOnlyRefusal, ssmRefusal } from './read-only.js';
import { createServerClock, type ServerClock } from './server-clock.js';
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
  /** Seconds to wait for a TCP (and proxy) connection, and for a whole answer; see DEFAULT_TIMEOUTS. */
  readonly timeouts?: Timeouts;
  /**
   * The user's consent to host checks (--diagnostics): only then may SSM SendCommand leave the process, and only as
   * exactly one fixed host check (read-only.ts ssmRefusal), in read-only and --write mode alike.
   */
  readonly allowHostChecks?: boolean;
}

/** The SDK clients one AwsApi uses. */
export interface AwsClients {
  readonly ec2: EC2Client;
  readonly cloudwatch: CloudWatchClient;
  readonly logs: CloudWatchLogsClient;
  readonly ssm: SSMClient;
  /** Drops the resolved credentials so the next call reads the chain again (undefined: static or the fleet's). */
  readonly renewCredentials?: () => void;
  /** The endpoint's clock, from its answers' Date headers. */
  readonly serverClock: ServerClock;
}

/** Reads every answer's Date header into `clock`. */
function watchDate<C extends Stackable>(client: C, clock: ServerClock): C {
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    (next) => async (args) => {
      const out = await next(args);
      const headers = (out.response as { headers?: Readonly<Record<string, string>> } | undefined)?.headers;
      clock.observe(headers?.date);
      return out;
    },
    { step: 'deserialize', name: 'ec2TriageServerClock' },
  );
  return client;
}

/**
 * The SDK's adaptive retries, except after a timeout: the call then fails at once with "no answer in N s" instead
 * of N·maxAttempts later, and the poller (which backs off) decides when to try again.
 */
export function retryStrategy(maxAttempts: number): RetryStrategyV2 & { readonly mode: string } {
  const inner = new AdaptiveRetryStrategy(async () => maxAttempts);
  return {
    mode: 'adaptive',
    acquireInitialRetryToken: (scope: string) => inner.acquireInitialRetryToken(scope),
    refreshRetryTokenForRetry: (token: StandardRetryToken, info: RetryErrorInfo) =>
      isTimeoutError(info.error) ? Promise.reject(info.error ?? new Error('timeout')) : inner.refreshRetryTokenForRetry(token, info),
    recordSuccess: (token: StandardRetryToken) => inner.recordSuccess(token),
  };
}

/** The request handler's options: timeouts, and agents for HTTPS_PROXY / NO_PROXY / AWS_CA_BUNDLE. */
function requestHandler(config: AwsConfig) {
  return httpHandlerOptions(config.timeouts);
}

/** Options common to all three clients; `credentials` overrides the SDK's default chain. */
export function clientOptions(config: AwsConfig, credentials?: RenewableCredentials) {
  const maxAttempts = config.maxAttempts ?? 3;
  const common = { region: config.region, maxAttempts, retryStrategy: retryStrategy(maxAttempts) } as const;
  if (config.simHandler !== undefined) {
    return { ...common, endpoint: SIM_ENDPOINT, credentials: { ...SIM_CREDENTIALS }, requestHandler: simRequestHandler(config.simHandler) };
  }
  return {
    ...common,
    requestHandler: requestHandler(config),
    // Leaving these undefined lets the SDK apply AWS_PROFILE, AWS_ENDPOINT_URL(_<SERVICE>) and the default chain.
    ...(config.profile === undefined ? {} : { profile: config.profile }),
    ...(config.endpointUrl === undefined ? {} : { endpoint: config.endpointUrl }),
    ...(config.credentials === undefined
      ? credentials === undefined ? {} : { credentials: credentials.provider }
      : { credentials: { ...config.credentials } }),
  };
}

type Stackable = EC2Client | CloudWatchClient | CloudWatchLogsClient | SSMClient;

function observe<C extends Stackable>(client: C, onCommand: AwsConfig['onCommand']): C {
  if (onCommand === undefined) return client;
  // Inside the SDK's retry loop (finalizeRequest, below the retry middleware's high priority): once per request sent,
  // each page and each retry attempt, which is what AWS counts against its limits; a command refused before sending
  // (read-only, in 'initialize') never gets here.
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    (next, context) => (args) => {
      try {
        onCommand(context.clientName ?? 'unknown', context.commandName ?? 'unknown');
      } catch {
        // An observer's fault must not fail the call it observes.
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'ec2TriageObserveCommand' },
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

/**
 * SSM in every mode: reads, and SendCommand only as a consented fixed host check; first in 'initialize' like the
 * read-only guard, so a refused command is never serialised, signed or sent.
 */
function guardSsm(client: SSMClient, allowHostChecks: boolean): SSMClient {
  (client.middlewareStack as unknown as EC2Client['middlewareStack']).add(
    (next, context) => async (args) => {
      const refusal = ssmRefusal(context.commandName ?? '', args.input, allowHostChecks);
      if (refusal !== undefined) throw refusal;
      return next(args);
    },
    { step: 'initialize', name: 'ec2TriageSsmGuard', priority: 'high' },
  );
  return client;
}

// The SDK's per-service endpoint variables (AWS_ENDPOINT_URL_<SERVICE>), by endpoint prefix.
const ENDPOINT_ENV: Readonly<Record<string, string>> = { ec2: 'EC2', monitoring: 'CLOUDWATCH', logs: 'CLOUDWATCH_LOGS', ssm: 'SSM' };

/** The host a pane names for a client: the endpoint's host:port (flag or AWS_ENDPOINT_URL*), else `<prefix>.<region>`. */
function hostLabel(config: AwsConfig, prefix: string): string {
  if (config.simHandler !== undefined) return `training fleet (${prefix})`;
  const endpoint = config.endpointUrl ?? process.env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV[prefix] ?? ''}`] ?? process.env.AWS_ENDPOINT_URL;
  if (endpoint !== undefined && endpoint !== '') {
    try {
      return new URL(endpoint).host;
    } catch {
      return endpoint;
    }
  }
  return `${prefix}.${config.region}`;
}

/**
 * Outermost: notes which call an error came from (service, operation, host, timeouts, profile) for the error's
 * words, and after a credentials rejection reads the chain again and retries once, so a rewritten credentials file
 * or a fresh `aws sso login` is picked up by the very call that found the old key refused.
 */
function noteAndRenew<C extends Stackable>(client: C, config: AwsConfig, [service, prefix]: readonly [string, string], credentials: RenewableCredentials | undefined): C {
  const timeouts = config.timeouts ?? DEFAULT_TIMEOUTS;
  const profile = config.profile ?? process.env.AWS_PROFILE;
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    (next, context) => async (args) => {
      const note = (error: unknown): unknown => noteCall(error, {
        service,
        operation: (context.commandName ?? 'unknown').replace(/Command$/, ''),
        host: hostLabel(config, prefix),
        timeouts,
        ...(profile === undefined || profile === '' ? {} : { profile }),
      });
      const generation = credentials?.generation;
      try {
        return await next(args);
      } catch (error) {
        if (credentials === undefined || !isCredentialRejection(error)) throw note(error);
        credentials.renew(generation);
        try {
          return await next(args);
        } catch (again) {
          throw note(again);
        }
      }
    },
    { step: 'initialize', name: 'ec2TriageNoteAndRenew', priority: 'high' },
  );
  return client;
}

/** Builds the EC2, CloudWatch, CloudWatch Logs and Systems Manager clients for a config. */
export function createClients(config: AwsConfig): AwsClients {
  const credentials = config.simHandler === undefined && config.credentials === undefined
    ? renewableCredentials(config.profile, { region: config.region, requestHandler: requestHandler(config) })
    : undefined;
  const options = clientOptions(config, credentials);
  // [the service in words, its endpoint prefix]: CloudWatch answers at monitoring.<region>.amazonaws.com.
  const serverClock = createServerClock();
  // SSM has its own guard, stricter than read-only mode and on in every mode: the read-only guard would refuse a
  // consented host check, which is a write in IAM terms.
  const wrap = <C extends Stackable>(client: C, names: readonly [string, string], isReadOnly = config.isReadOnly): C =>
    noteAndRenew(guardReadOnly(observe(watchDate(client, serverClock), config.onCommand), isReadOnly), config, names, credentials);
  return {
    ec2: wrap(new EC2Client(options), ['ec2', 'ec2']),
    cloudwatch: wrap(new CloudWatchClient(options), ['cloudwatch', 'monitoring']),
    logs: wrap(new CloudWatchLogsClient(options), ['logs', 'logs']),
    ssm: wrap(guardSsm(new SSMClient(options), config.allowHostChecks === true), ['ssm', 'ssm'], false),
    ...(credentials === undefined ? {} : { renewCredentials: () => credentials.renew() }),
    serverClock,
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
