// The training fleet's single entry point: decides which service and wire protocol a request speaks, runs
// the operation against the world, and renders the result or error exactly as that protocol expects.
// Never throws: every fault becomes a protocol-shaped error response.
import { randomUUID } from 'node:crypto';
import { CLOUDWATCH_VERSION } from './protocol/aws-query.js';
import { renderEc2Error } from './protocol/ec2-query.js';
import { SimError, isSimError } from './protocol/errors.js';
import { writeNeedsPost } from './protocol/request-errors.js';
import { cloudwatchOperations } from './services/cloudwatch.js';
import { ec2Operations } from './services/ec2.js';
import { checkEc2Parameters } from './services/ec2-parameters.js';
import { logsOperations } from './services/logs.js';
import { ssmOperations } from './services/ssm.js';
import { findOperation } from './services/operation.js';
import { wildcardMatch } from './services/input.js';
import { deniedError, summarize } from './handler-record.js';
import { renderFailure, renderSuccess, routeByHeaders, routeForm, routeJson, xmlResponse } from './handler-route.js';
import type { Route } from './handler-route.js';
import { callerIdentityAnswer } from './services/sts.js';
import { isMutating } from './operations.js';
import type { Operations } from './services/operation.js';
import type { SimHandler, SimRequest, SimResponse, SimWorld } from './types.js';

export { signedService } from './handler-route.js';

export interface SimHandlerOptions {
  /** Told of every routed request (service 'ec2' | 'cloudwatch' | 'logs' | 'ssm'); errors it throws are ignored. */
  onRequest?(op: { service: string; action: string }): void;
  /**
   * Actions the caller is not allowed, as `service:Action` ('ec2:StopInstances', 'cloudwatch:PutMetricAlarm',
   * wildcards allowed: 'ec2:*'): every call, DryRun or not, gets 403 UnauthorizedOperation (EC2) or AccessDenied.
   */
  deny?: readonly string[];
}

const SERVICES: Readonly<Record<Route['service'], Operations>> = {
  ec2: ec2Operations,
  cloudwatch: cloudwatchOperations,
  logs: logsOperations,
  ssm: ssmOperations,
};

/** Internal faults keep their details out of the response (as AWS's do) but still answer in protocol. */
function internalError(route: Route): SimError {
  if (route.service === 'ec2') return new SimError('InternalError', 'An internal error has occurred', 500);
  if (route.service === 'cloudwatch') return new SimError('InternalServiceError', 'Internal service error.', 500);
  if (route.service === 'ssm') return new SimError('InternalServerError', 'An internal server error occurred.', 500);
  return new SimError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
}

function unknownAction(route: Route): SimError {
  const action = route.action.slice(0, 128);
  if (route.wire === 'json') return new SimError('UnknownOperationException', `Unknown operation ${action}`);
  if (route.action === '') return new SimError('MissingAction', 'The request must contain the parameter Action');
  if (route.wire === 'query') return new SimError('InvalidAction', `Could not find operation ${action} for version ${CLOUDWATCH_VERSION}`);
  return new SimError('InvalidAction', `The action ${action} is not valid for this web service.`);
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

/**
 * Renders a refusal made before the request reached the handler (its body too large, a foreign Host) in the
 * protocol its headers and URL say it speaks.
 */
export function renderRequestError(request: Pick<SimRequest, 'headers' | 'query'>, error: SimError): SimResponse {
  return renderFailure(routeByHeaders(request), error, randomUUID());
}

/** GET here returns the fleet's operation record as JSON. */
export const OPERATIONS_PATH = '/_fleet/operations';

/** Checks that need the route but not the operation: the method of a write, and the caller's permissions. */
function checkRoute(world: SimWorld, request: SimRequest, route: Route, input: Readonly<Record<string, unknown>>, options: SimHandlerOptions | undefined): void {
  // A GET can come from an <img> tag on any web page; AWS's SDKs and CLI send every call as POST.
  if (request.method.toUpperCase() !== 'POST' && isMutating(route.service, route.action)) throw writeNeedsPost(route.action);
  const name = `${route.service}:${route.action}`;
  if (options?.deny?.some((pattern) => wildcardMatch(pattern, name)) === true) throw deniedError(world, route.service, route.action, input);
}

/** Builds the fleet's request handler over a world; used in-process by the SDK and by the HTTP server. */
export function createSimHandler(world: SimWorld, options?: SimHandlerOptions): SimHandler {
  const handle = answer(world, options);
  // Every answer carries the fleet's own time in Date, as AWS's carry theirs: a client can tell how far a fast
  // fleet's clock runs ahead of its own and look at the fleet's "now", not its own.
  return async (request) => {
    const response = await handle(request);
    return { ...response, headers: { ...response.headers, date: new Date(world.clock.now()).toUTCString() } };
  };
}

function answer(world: SimWorld, options: SimHandlerOptions | undefined): SimHandler {
  return async (request) => {
    const requestId = randomUUID();
    // The fleet's own record, as moto has /moto-api/: what arrived, so a test outside the process can prove what
    // was (and was not) sent.
    if (request.method === 'GET' && request.path === OPERATIONS_PATH) {
      return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: JSON.stringify(world.operations()) };
    }
    const identity = callerIdentityAnswer(request, world.accountId, requestId);
    if (identity !== undefined) return identity;
    const target = request.headers['x-amz-target'];
    let route: Route | undefined;
    let input: Record<string, unknown> = {};
    try {
      const routed = target !== undefined && target !== '' ? routeJson(request, target, requestId) : routeForm(request);
      if (!('service' in routed)) return routed;
      route = routed;
      notify(options, route);
      input = route.parseInput();
      checkRoute(world, request, route, input, options);
      const operation = findOperation(SERVICES[route.service], route.action);
      if (operation === undefined) throw unknownAction(route);
      if (route.wire === 'ec2') checkEc2Parameters(route.action, input);
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
