// The training fleet's single entry point: decides which service and wire protocol a request speaks, runs
// the operation against the world, and renders the result or error exactly as that protocol expects.
// Never throws: every fault becomes a protocol-shaped error response.
import { randomUUID } from 'node:crypto';
import { CLOUDWATCH_VERSION, renderQueryError, renderQueryResponse } from './protocol/aws-query.js';
import { XML_CONTENT_TYPE, renderEc2Error, renderEc2Response } from './protocol/ec2-query.js';
import { SimError, isSimError } from './protocol/errors.js';
import { parseJsonObject, renderJson, renderJsonError } from './protocol/json.js';
import { parseForm, unflattenQuery } from './protocol/query-form.js';
import { CLOUDWATCH_ERROR_SHAPES, cloudwatchOperations } from './services/cloudwatch.js';
import { ec2Operations } from './services/ec2.js';
import { logsOperations } from './services/logs.js';
import { findOperation } from './services/operation.js';
import { wildcardMatch } from './services/input.js';
import { deniedError, summarize } from './handler-record.js';
import type { Operations, WireObject } from './services/operation.js';
import type { SimHandler, SimRequest, SimResponse, SimWorld } from './types.js';

export interface SimHandlerOptions {
  /** Told of every routed request (service 'ec2' | 'cloudwatch' | 'logs'); errors it throws are ignored. */
  onRequest?(op: { service: string; action: string }): void;
  /**
   * Actions the caller is not allowed, as `service:Action` ('ec2:StopInstances', 'cloudwatch:PutMetricAlarm',
   * wildcards allowed: 'ec2:*'): every call, DryRun or not, gets 403 UnauthorizedOperation (EC2) or AccessDenied.
   */
  deny?: readonly string[];
}

type Wire = 'ec2' | 'query' | 'json';

interface Route {
  readonly service: 'ec2' | 'cloudwatch' | 'logs';
  readonly wire: Wire;
  readonly action: string;
  /** JSON only: the protocol's content type, 1.0 for CloudWatch and 1.1 for Logs. */
  readonly contentType: string;
  /** CloudWatch JSON in awsQueryCompatible mode: errors also carry the query code in a header. */
  readonly isQueryCompatible: boolean;
  readonly parseInput: () => Record<string, unknown>;
}

const SERVICES: Readonly<Record<Route['service'], Operations>> = {
  ec2: ec2Operations,
  cloudwatch: cloudwatchOperations,
  logs: logsOperations,
};

const JSON_TARGETS: Readonly<Record<string, { service: 'cloudwatch' | 'logs'; contentType: string }>> = {
  GraniteServiceVersion20100801: { service: 'cloudwatch', contentType: 'application/x-amz-json-1.0' },
  Logs_20140328: { service: 'logs', contentType: 'application/x-amz-json-1.1' },
};

/** The service a SigV4 Authorization header is scoped to (`Credential=AKID/20240101/us-east-1/ec2/aws4_request`). */
export function signedService(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization ?? '')?.[1];
}

function routeJson(request: SimRequest, target: string): Route | SimResponse {
  const dot = target.lastIndexOf('.');
  const known = JSON_TARGETS[target.slice(0, Math.max(0, dot))];
  if (known === undefined || dot < 0) {
    const contentType = request.headers['content-type']?.startsWith('application/x-amz-json') ? request.headers['content-type'] : 'application/x-amz-json-1.1';
    return jsonResponse(400, contentType, renderJsonError('UnknownOperationException', `Unknown operation ${target}`), randomUUID());
  }
  return {
    service: known.service,
    wire: 'json',
    action: target.slice(dot + 1),
    contentType: known.contentType,
    isQueryCompatible: known.service === 'cloudwatch' && request.headers['x-amzn-query-mode'] === 'true',
    parseInput: () => parseJsonObject(request.body),
  };
}

function routeForm(request: SimRequest): Route {
  const isForm = request.method.toUpperCase() !== 'GET' && request.body.trim() !== '';
  const fields = { ...request.query, ...(isForm ? parseForm(request.body) : {}) };
  const version = fields.Version;
  const isCloudWatch = version === CLOUDWATCH_VERSION || (version === undefined && signedService(request.headers.authorization) === 'monitoring');
  const { Action: action = '', Version: _version, ...rest } = fields;
  return {
    service: isCloudWatch ? 'cloudwatch' : 'ec2',
    wire: isCloudWatch ? 'query' : 'ec2',
    action,
    contentType: XML_CONTENT_TYPE,
    isQueryCompatible: false,
    parseInput: () => unflattenQuery(rest),
  };
}

function jsonResponse(status: number, contentType: string, body: string, requestId: string, extra: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, ...extra }, body };
}

function xmlResponse(status: number, body: string, requestId: string): SimResponse {
  return { status, headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
}

function renderSuccess(route: Route, result: WireObject, requestId: string): SimResponse {
  if (route.wire === 'ec2') return xmlResponse(200, renderEc2Response(route.action, requestId, result), requestId);
  if (route.wire === 'query') return xmlResponse(200, renderQueryResponse(route.action, requestId, result), requestId);
  return jsonResponse(200, route.contentType, renderJson(result), requestId);
}

/** Internal faults keep their details out of the response (as AWS's do) but still answer in protocol. */
function internalError(route: Route): SimError {
  if (route.service === 'ec2') return new SimError('InternalError', 'An internal error has occurred', 500);
  if (route.service === 'cloudwatch') return new SimError('InternalServiceError', 'Internal service error.', 500);
  return new SimError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
}

function renderFailure(route: Route, error: SimError, requestId: string): SimResponse {
  if (route.wire === 'ec2') return xmlResponse(error.status, renderEc2Error(error.code, error.message, requestId), requestId);
  if (route.wire === 'query') return xmlResponse(error.status, renderQueryError(error.code, error.message, error.fault, requestId), requestId);
  if (route.service === 'logs') return jsonResponse(error.status, route.contentType, renderJsonError(error.code, error.message), requestId);
  const shape = CLOUDWATCH_ERROR_SHAPES[error.code] ?? error.code;
  const extra: Record<string, string> = route.isQueryCompatible ? { 'x-amzn-query-error': `${error.code};${error.fault}` } : {};
  return jsonResponse(error.status, route.contentType, renderJsonError(`com.amazonaws.cloudwatch#${shape}`, error.message), requestId, extra);
}

function unknownAction(route: Route): SimError {
  if (route.wire === 'json') return new SimError('UnknownOperationException', `Unknown operation ${route.action}`);
  if (route.action === '') return new SimError('MissingAction', 'The request must contain the parameter Action');
  if (route.wire === 'query') return new SimError('InvalidAction', `Could not find operation ${route.action} for version ${CLOUDWATCH_VERSION}`);
  return new SimError('InvalidAction', `The action ${route.action} is not valid for this web service.`);
}

function notify(options: SimHandlerOptions | undefined, route: Route): void {
  try {
    options?.onRequest?.({ service: route.service, action: route.action });
  } catch {
    // An observer's fault must not fail the request it observes.
  }
}

function record(world: SimWorld, route: Route, input: Readonly<Record<string, unknown>>, outcome: string): void {
  try {
    world.recordOperation(summarize(world.clock.now(), route.service, route.action, input, outcome));
  } catch {
    // The record is for tests; a fault in it must not fail the request.
  }
}

/** Builds the fleet's request handler over a world; used in-process by the SDK and by the HTTP server. */
/** GET here returns the fleet's operation record as JSON. */
export const OPERATIONS_PATH = '/_fleet/operations';

export function createSimHandler(world: SimWorld, options?: SimHandlerOptions): SimHandler {
  return async (request) => {
    const requestId = randomUUID();
    // The fleet's own record, as moto has /moto-api/: what arrived, so a test outside the process can prove what
    // was (and was not) sent.
    if (request.method === 'GET' && request.path === OPERATIONS_PATH) {
      return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(world.operations()) };
    }
    const target = request.headers['x-amz-target'];
    let route: Route | undefined;
    let input: Record<string, unknown> = {};
    try {
      const routed = target !== undefined && target !== '' ? routeJson(request, target) : routeForm(request);
      if (!('service' in routed)) return routed;
      route = routed;
      notify(options, route);
      input = route.parseInput();
      const name = `${route.service}:${route.action}`;
      if (options?.deny?.some((pattern) => wildcardMatch(pattern, name)) === true) throw deniedError(world, route.service, route.action, input);
      const operation = findOperation(SERVICES[route.service], route.action);
      if (operation === undefined) throw unknownAction(route);
      // Alarms change state as fleet time passes; catching up on every request lets their actions (ec2:recover)
      // show in whatever the caller looks at next.
      world.alarms.list();
      const response = renderSuccess(route, operation(world, input), requestId);
      record(world, route, input, 'ok');
      return response;
    } catch (error) {
      if (route === undefined) {
        return xmlResponse(500, renderEc2Error('InternalError', 'An internal error has occurred', requestId), requestId);
      }
      const failure = isSimError(error) ? error : internalError(route);
      record(world, route, input, failure.code);
      return renderFailure(route, failure, requestId);
    }
  };
}
