// The instructor's side of the control API: one HTTP call to a `sim --control` fleet, its answer or one clear line.
import { parseEndpointUrl, UsageError } from './options.js';

/** Where `inject` and `fleet` read the token when --token is not given. */
export const TOKEN_ENV = 'EC2_TRIAGE_FLEET_TOKEN';
/** How long a control call may wait for the fleet (real seconds). */
const CONTROL_TIMEOUT_MS = 10_000;

/** A failure the fleet (or the way to it) caused: one line, exit 1. */
export class FleetError extends Error {
  override readonly name = 'FleetError';
}

/** Flags every control command takes. */
export interface ControlFlags {
  readonly endpointUrl?: string;
  readonly token?: string;
}

export interface ControlTarget {
  readonly url: string;
  readonly token: string;
}

/** Validates --endpoint-url and the token (--token, else the environment). */
export function resolveControlTarget(flags: ControlFlags, env: NodeJS.ProcessEnv = process.env): ControlTarget {
  if (flags.endpointUrl === undefined) throw new UsageError('--endpoint-url is required: the URL `ec2-triage sim --control` printed');
  const url = parseEndpointUrl(flags.endpointUrl);
  const token = flags.token ?? env[TOKEN_ENV];
  if (token === undefined || token === '') {
    throw new UsageError(`no fleet token: pass --token or set ${TOKEN_ENV} (\`ec2-triage sim --control\` printed it)`);
  }
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError('the fleet token must be printable ASCII without spaces');
  return { url, token };
}

const NOT_CONTROLLED = 'this fleet was not started with --control';

/** Calls one control operation; resolves to its JSON answer or rejects with a FleetError line. */
export async function callFleet(target: ControlTarget, op: string, body?: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(`${target.url}/_fleet/${op}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${target.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(CONTROL_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.name : 'error');
    throw new FleetError(`cannot reach the fleet at ${target.url} (${cause === 'TimeoutError' ? 'no answer in 10 s' : cause})`);
  }
  const text = await response.text();
  // A fleet without --control answers /_fleet/ as the AWS API answers any unknown path: XML or AWS JSON, never ours.
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  let answer: unknown;
  try {
    answer = isJson ? JSON.parse(text) : undefined;
  } catch {
    answer = undefined;
  }
  if (typeof answer !== 'object' || answer === null || !('error' in answer || 'speed' in answer)) throw new FleetError(NOT_CONTROLLED);
  const record = answer as Record<string, unknown>;
  if (response.status === 401) throw new FleetError(`the fleet refused the call: no token reached it`);
  if (response.status === 403) throw new FleetError('the fleet refused the token (wrong token? use the one `sim --control` printed)');
  if (!response.ok) throw new FleetError(`the fleet refused: ${String(record.error).slice(0, 300)}`);
  return record;
}

interface StatusIncident {
  readonly instanceId?: string;
  readonly name?: string | null;
  readonly scenario?: string;
  readonly since?: string | null;
  readonly endedAt?: string | null;
}

/** The status answer in a few lines: clock, then one line per incident. */
export function formatStatus(status: Readonly<Record<string, unknown>>): string {
  const incidents = Array.isArray(status.incidents) ? (status.incidents as StatusIncident[]) : [];
  const lines = [
    `Fleet time ${String(status.now)}, speed ×${String(status.speed)}${status.paused === true ? ', PAUSED' : ''}; ${String(status.refusals)} control request(s) refused`,
  ];
  if (incidents.length === 0) lines.push('No incidents.');
  for (const i of incidents) {
    const since = i.since === null || i.since === undefined ? 'since the start' : `since ${i.since}`;
    const state = i.endedAt === null || i.endedAt === undefined ? 'running' : `ended ${i.endedAt}`;
    lines.push(`  ${String(i.scenario).padEnd(22)} ${(i.name ?? i.instanceId ?? '?').padEnd(24)} ${i.instanceId ?? ''}  ${since}, ${state}`);
  }
  return lines.join('\n');
}
