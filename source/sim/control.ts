// The instructor's control API (`sim --control`): on the fleet's own port under /_fleet/, behind a bearer token.
// It changes the running fleet (inject an incident, heal one, speed, pause, resume) and tells its state. Without
// --control these paths are not served here at all: the AWS handler answers them as any path it does not know.
// Requests reach it only by path; AWS requests (Action=… or X-Amz-Target on /) never do, and it never answers
// in AWS's shapes, so neither side can be mistaken for the other.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FleetClock } from './clock.js';
import { OPERATIONS_PATH } from './handler.js';
import type { SimHandler, SimRequest, SimResponse } from './types.js';
import type { TrainingWorld } from './world.js';

export const CONTROL_PREFIX = '/_fleet/';
/** Control bodies are a few short fields: anything larger is refused before it is parsed. */
export const MAX_CONTROL_BODY = 4096;
/** Bounds of `speed`, the same as `--speed`'s. */
export const MAX_SPEED = 10_000;
const MAX_FIELD = 128;

export interface FleetControl {
  readonly token: string;
  readonly world: TrainingWorld;
  readonly clock: FleetClock;
  /** Told one line for each change and each refusal (the sim prints them: the instructor's log). */
  readonly onEvent?: (line: string) => void;
}

/** What GET /_fleet/status answers. */
export interface FleetStatus {
  readonly now: string;
  readonly speed: number;
  readonly paused: boolean;
  readonly incidents: readonly {
    readonly instanceId: string;
    readonly name: string | null;
    readonly scenario: string;
    readonly since: string | null;
    readonly endedAt: string | null;
  }[];
  /** Control requests refused for a missing or wrong token since start. */
  readonly refusals: number;
}

/** A token for `--control`: 32 random bytes, URL-safe. */
export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in time independent of where the strings differ (both hashed to the same length first). */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Tokens set with --token must be long enough to be a secret and printable in a header. */
export function checkTokenText(token: string): string | undefined {
  if (!/^[\x21-\x7e]+$/.test(token)) return '--token must be printable ASCII without spaces';
  if (token.length < 16) return '--token must be at least 16 characters';
  if (token.length > 256) return '--token must be at most 256 characters';
  return undefined;
}

const json = (status: number, body: unknown): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});
const fail = (status: number, error: string): SimResponse => json(status, { error });

type Fields = Readonly<Record<string, string | number>>;
type Schema = Readonly<Record<string, 'string' | 'number'>>;

/** Parses a JSON object with exactly the schema's fields (all required) or answers why not. */
function parseBody(request: SimRequest, schema: Schema): Fields | SimResponse {
  const keys = Object.keys(schema);
  if (keys.length === 0 && request.body.trim() === '') return {};
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return fail(415, 'the body must be JSON (Content-Type: application/json)');
  let value: unknown;
  try {
    value = JSON.parse(request.body);
  } catch {
    return fail(400, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(400, 'the body must be a JSON object');
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !keys.includes(k));
  if (extra.length > 0) return fail(400, `unknown field '${extra[0]?.slice(0, 40) ?? ''}'; expected: ${keys.join(', ') || 'none'}`);
  const fields: Record<string, string | number> = {};
  for (const key of keys) {
    const field = record[key];
    if (schema[key] === 'string') {
      if (typeof field !== 'string' || field === '' || field.length > MAX_FIELD) return fail(400, `'${key}' must be a string of 1 to ${MAX_FIELD} characters`);
      fields[key] = field;
    } else {
      if (typeof field !== 'number' || !Number.isFinite(field)) return fail(400, `'${key}' must be a number`);
      fields[key] = field;
    }
  }
  return fields;
}

const iso = (t: number | undefined): string | null => (t === undefined ? null : new Date(t).toISOString());

interface Route {
  readonly method: 'GET' | 'POST';
  readonly schema: Schema;
  readonly run: (fields: Fields) => SimResponse;
}

/** The control API's handler: every request must carry the token; refusals are counted and recorded. */
export function createControlHandler(control: FleetControl): (request: SimRequest) => SimResponse {
  const { world, clock } = control;
  let refusals = 0;
  const tell = (line: string): void => {
    try {
      control.onEvent?.(line);
    } catch {
      // The instructor's log must not fail the request.
    }
  };
  const record = (action: string, outcome: string): void => {
    world.recordOperation({ at: clock.now(), service: 'fleet', action, instanceIds: [], alarmNames: [], dryRun: false, isMutating: action !== 'status' && action !== 'operations', outcome });
  };
  const status = (): FleetStatus => ({
    now: new Date(clock.now()).toISOString(),
    speed: clock.speed(),
    paused: clock.isPaused(),
    incidents: world.incidents().map((i) => ({ instanceId: i.instanceId, name: i.name ?? null, scenario: i.scenario, since: iso(i.since), endedAt: iso(i.endedAt) })),
    refusals,
  });
  const incident = (outcome: ReturnType<TrainingWorld['inject']>, verb: 'inject' | 'heal'): SimResponse => {
    if (!outcome.ok) {
      tell(`control: ${verb} refused: ${outcome.message}`);
      return fail(/no instance|unknown scenario/.test(outcome.message) ? 404 : 409, outcome.message);
    }
    const i = outcome.incident;
    tell(`control: ${verb === 'inject' ? 'injected' : 'healed'} ${i.scenario} on ${i.name ?? i.instanceId} (${i.instanceId}) at ${new Date(clock.now()).toISOString()}`);
    return json(200, { ...status(), incident: status().incidents.find((x) => x.instanceId === i.instanceId) });
  };
  const routes: Readonly<Record<string, Route>> = {
    status: { method: 'GET', schema: {}, run: () => json(200, status()) },
    // The operation record (the AWS handler serves it without a token when there is no control API).
    operations: { method: 'GET', schema: {}, run: () => json(200, world.operations()) },
    inject: {
      method: 'POST',
      schema: { scenario: 'string', instance: 'string' },
      run: (f) => incident(world.inject(String(f.instance), String(f.scenario)), 'inject'),
    },
    heal: { method: 'POST', schema: { instance: 'string' }, run: (f) => incident(world.heal(String(f.instance)), 'heal') },
    speed: {
      method: 'POST',
      schema: { speed: 'number' },
      run: (f) => {
        const speed = Number(f.speed);
        if (!(speed > 0 && speed <= MAX_SPEED)) return fail(400, `'speed' must be greater than 0 and at most ${MAX_SPEED}`);
        clock.setSpeed(speed);
        tell(`control: speed ×${speed}`);
        return json(200, status());
      },
    },
    pause: {
      method: 'POST',
      schema: {},
      run: () => {
        clock.pause();
        tell(`control: paused at ${new Date(clock.now()).toISOString()}`);
        return json(200, status());
      },
    },
    resume: {
      method: 'POST',
      schema: {},
      run: () => {
        clock.resume();
        tell(`control: resumed at ${new Date(clock.now()).toISOString()}`);
        return json(200, status());
      },
    },
  };

  return (request) => {
    const name = request.path.slice(CONTROL_PREFIX.length);
    const auth = request.headers.authorization;
    const bearer = auth === undefined ? undefined : /^Bearer (\S+)$/i.exec(auth.trim())?.[1];
    if (bearer === undefined || !tokensMatch(bearer, control.token)) {
      refusals += 1;
      const why = bearer === undefined ? 'missing token' : 'wrong token';
      record(name.slice(0, 40), why === 'missing token' ? 'Unauthorized' : 'Forbidden');
      // The path is the caller's text: printable ASCII only on the instructor's terminal.
      tell(`control: refused ${request.method.slice(0, 10)} ${request.path.slice(0, 80).replace(/[^\x20-\x7e]/g, '?')}: ${why} (${refusals} refused so far)`);
      return bearer === undefined
        ? { ...fail(401, 'this request needs the fleet token: Authorization: Bearer <token>'), headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' } }
        : fail(403, 'wrong fleet token');
    }
    const route = Object.hasOwn(routes, name) ? routes[name] : undefined;
    if (route === undefined) return fail(404, `no control operation '${name.slice(0, 40)}'; known: ${Object.keys(routes).join(', ')}`);
    if (request.method.toUpperCase() !== route.method) return { ...fail(405, `${name} takes ${route.method}`), headers: { 'content-type': 'application/json', allow: route.method } };
    if (Buffer.byteLength(request.body, 'utf8') > MAX_CONTROL_BODY) return fail(413, `the body is larger than ${MAX_CONTROL_BODY} bytes`);
    const fields = parseBody(request, route.schema);
    if ('status' in fields && 'body' in fields) return fields as SimResponse;
    const response = route.run(fields as Fields);
    if (route.method === 'POST') record(name, response.status === 200 ? 'ok' : `refused ${response.status}`);
    return response;
  };
}

/** True for the paths the control API serves: every /_fleet/ path, the operation record included (token-guarded). */
export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX) || path === OPERATIONS_PATH;
}

/** The fleet's handler with the control API in front when `control` is given; else the AWS handler alone. */
export function withControl(aws: SimHandler, control: FleetControl | undefined): SimHandler {
  if (control === undefined) return aws;
  const handle = createControlHandler(control);
  return async (request) => (isControlPath(request.path) ? handle(request) : aws(request));
}
