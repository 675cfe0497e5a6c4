// Which service and wire protocol a request speaks, and how a result or an error is rendered in it.
// Routing never throws: a form that cannot be parsed still gets a route (from its headers), whose input
// reader throws the parse error, so the refusal is answered in the caller's protocol.
import { CLOUDWATCH_VERSION, renderQueryError, renderQueryResponse } from './protocol/aws-query.js';
import { XML_CONTENT_TYPE, renderEc2Error, renderEc2Response } from './protocol/ec2-query.js';
import { isSimError } from './protocol/errors.js';
import type { SimError } from './protocol/errors.js';
import { parseJsonObject, renderJson, renderJsonError } from './protocol/json.js';
import { parseForm, unflattenQuery } from './protocol/query-form.js';
import { CLOUDWATCH_ERROR_SHAPES } from './services/cloudwatch.js';
import type { WireObject } from './services/operation.js';
import type { SimRequest, SimResponse, SimService } from './types.js';

type Wire = 'ec2' | 'query' | 'json';

/** A routed request: its service, protocol, action and a reader of its input. */
export interface Route {
  readonly service: SimService;
  readonly wire: Wire;
  readonly action: string;
  /** JSON only: the protocol's content type, 1.0 for CloudWatch and 1.1 for Logs and SSM. */
  readonly contentType: string;
  /** CloudWatch JSON in awsQueryCompatible mode: errors also carry the query code in a header. */
  readonly isQueryCompatible: boolean;
  /** The input tree; throws the SimError of a request that could not be parsed. */
  readonly parseInput: () => Record<string, unknown>;
}

const JSON_TARGETS: Readonly<Record<string, { service: 'cloudwatch' | 'logs' | 'ssm'; contentType: string }>> = {
  GraniteServiceVersion20100801: { service: 'cloudwatch', contentType: 'application/x-amz-json-1.0' },
  Logs_20140328: { service: 'logs', contentType: 'application/x-amz-json-1.1' },
  AmazonSSM: { service: 'ssm', contentType: 'application/x-amz-json-1.1' },
};

/** The service a SigV4 Authorization header is scoped to (`Credential=AKID/20240101/us-east-1/ec2/aws4_request`). */
export function signedService(authorization: string | undefined): string | undefined {
  return /Credential=[^/,\s]{1,128}\/\d{8}\/[^/]{1,64}\/([^/]{1,64})\/aws4_request/.exec(authorization ?? '')?.[1];
}

/** Routes an X-Amz-Target request; an unknown target is answered at once. */
export function routeJson(request: SimRequest, target: string, requestId: string): Route | SimResponse {
  const dot = target.lastIndexOf('.');
  const known = JSON_TARGETS[target.slice(0, Math.max(0, dot))];
  if (known === undefined || dot < 0) {
    const contentType = request.headers['content-type']?.startsWith('application/x-amz-json') ? request.headers['content-type'] : 'application/x-amz-json-1.1';
    return jsonResponse(400, contentType, renderJsonError('UnknownOperationException', `Unknown operation ${target.slice(0, 128)}`), requestId);
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

/** The fields of a Query request: its URL's, then its form body's (a form body wins a clash). */
function formFields(request: SimRequest): Record<string, string> {
  const isForm = request.method.toUpperCase() !== 'GET' && request.body.trim() !== '';
  // The limits on the merged fields are checked when the input is built (unflattenQuery).
  return Object.assign(Object.create(null) as Record<string, string>, request.query, isForm ? parseForm(request.body) : {});
}

/** Routes a Query request (EC2 or CloudWatch awsQuery) by its Version, else by its signature's scope. */
export function routeForm(request: SimRequest): Route {
  let fields: Record<string, string>;
  let failure: SimError | undefined;
  try {
    fields = formFields(request);
  } catch (error) {
    if (!isSimError(error)) throw error;
    fields = {};
    failure = error;
  }
  const { Action: action = '', Version: version, ...rest } = fields;
  const isCloudWatch = version === CLOUDWATCH_VERSION || (version === undefined && signedService(request.headers.authorization) === 'monitoring');
  return {
    service: isCloudWatch ? 'cloudwatch' : 'ec2',
    wire: isCloudWatch ? 'query' : 'ec2',
    action,
    contentType: XML_CONTENT_TYPE,
    isQueryCompatible: false,
    parseInput: () => {
      if (failure !== undefined) throw failure;
      return unflattenQuery(rest);
    },
  };
}

/**
 * The route a request would take, from its headers and URL alone (the body may be unread or unreadable):
 * for refusals made before the request is parsed, so they are still answered in the caller's protocol.
 */
export function routeByHeaders(request: Pick<SimRequest, 'headers' | 'query'>): Route {
  const target = request.headers['x-amz-target'] ?? '';
  const known = JSON_TARGETS[target.slice(0, Math.max(0, target.lastIndexOf('.')))];
  const noInput = (): Record<string, unknown> => ({});
  if (target !== '') {
    const service = known?.service ?? 'logs';
    const contentType = known?.contentType ?? 'application/x-amz-json-1.1';
    return { service, wire: 'json', action: '', contentType, isQueryCompatible: request.headers['x-amzn-query-mode'] === 'true', parseInput: noInput };
  }
  const isCloudWatch = request.query.Version === CLOUDWATCH_VERSION || signedService(request.headers.authorization) === 'monitoring';
  const base = { action: request.query.Action ?? '', contentType: XML_CONTENT_TYPE, isQueryCompatible: false, parseInput: noInput };
  return isCloudWatch ? { ...base, service: 'cloudwatch', wire: 'query' } : { ...base, service: 'ec2', wire: 'ec2' };
}

function jsonResponse(status: number, contentType: string, body: string, requestId: string, extra: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId, ...extra }, body };
}

/** An XML response with the fleet's content type. */
export function xmlResponse(status: number, body: string, requestId: string): SimResponse {
  return { status, headers: { 'content-type': XML_CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
}

/** Renders an operation's result in the route's protocol. */
export function renderSuccess(route: Route, result: WireObject, requestId: string): SimResponse {
  if (route.wire === 'ec2') return xmlResponse(200, renderEc2Response(route.action, requestId, result), requestId);
  if (route.wire === 'query') return xmlResponse(200, renderQueryResponse(route.action, requestId, result), requestId);
  return jsonResponse(200, route.contentType, renderJson(result), requestId);
}

/** Renders a SimError in the route's protocol (EC2 XML, awsQuery XML, JSON 1.0 with query codes, JSON 1.1: Logs, SSM). */
export function renderFailure(route: Route, error: SimError, requestId: string): SimResponse {
  if (route.wire === 'ec2') return xmlResponse(error.status, renderEc2Error(error.code, error.message, requestId), requestId);
  if (route.wire === 'query') return xmlResponse(error.status, renderQueryError(error.code, error.message, error.fault, requestId), requestId);
  if (route.service === 'logs' || route.service === 'ssm') return jsonResponse(error.status, route.contentType, renderJsonError(error.code, error.message), requestId);
  const shape = CLOUDWATCH_ERROR_SHAPES[error.code] ?? error.code;
  const extra: Record<string, string> = route.isQueryCompatible ? { 'x-amzn-query-error': `${error.code};${error.fault}` } : {};
  return jsonResponse(error.status, route.contentType, renderJsonError(`com.amazonaws.cloudwatch#${shape}`, error.message), requestId, extra);
}
