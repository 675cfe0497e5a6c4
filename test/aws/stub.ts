// A scripted SimHandler for aws/ unit tests: the real SDK clients serialise and parse, the stub answers.
import type { SimHandler, SimRequest, SimResponse } from '../../source/sim/types.js';

export interface Recorded {
  readonly action: string;
  readonly fields: Record<string, string>;
  readonly json: Record<string, unknown> | undefined;
  readonly request: SimRequest;
}

/** The operation a request names: X-Amz-Target for JSON protocols, Action= for the EC2 query protocol. */
export function record(request: SimRequest): Recorded {
  const target = request.headers['x-amz-target'];
  if (target !== undefined) {
    return { action: target.slice(target.lastIndexOf('.') + 1), fields: {}, json: JSON.parse(request.body || '{}') as Record<string, unknown>, request };
  }
  const fields = Object.fromEntries(new URLSearchParams(request.body));
  return { action: fields.Action ?? '', fields, json: undefined, request };
}

/** A SimHandler that records every request and answers with `answer`. */
export function stubHandler(answer: (r: Recorded) => SimResponse | Promise<SimResponse>): { handler: SimHandler; calls: Recorded[] } {
  const calls: Recorded[] = [];
  return {
    calls,
    handler: async (request) => {
      const r = record(request);
      calls.push(r);
      return answer(r);
    },
  };
}

/** An EC2 query-protocol success body. */
export function ec2Xml(action: string, inner: string): SimResponse {
  return {
    status: 200,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${action}Response>`,
  };
}

/** An EC2 query-protocol error. */
export function ec2Error(code: string, message: string, status = 400): SimResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`,
  };
}

/** A JSON-protocol success body (CloudWatch 1.0, Logs 1.1). */
export function json(body: unknown, version: '1.0' | '1.1'): SimResponse {
  return { status: 200, headers: { 'content-type': `application/x-amz-json-${version}` }, body: JSON.stringify(body) };
}
