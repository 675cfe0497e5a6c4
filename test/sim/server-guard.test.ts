// Issue 10, "The training fleet as a server": what a server on a shared machine gets besides the SDK and the CLI.
// Each refusal is an AWS-shaped error in the caller's protocol, and the fleet keeps serving afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { MAX_BODY_BYTES, startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { T0 } from './helpers/fleet.js';
import { awsErrorCode, send, sendRaw } from './helpers/raw-http.js';

const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => T0 } });
let server: SimServer;
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const stop = `Action=StopInstances&Version=2016-11-15&InstanceId.1=${ML_SERVER_ID}`;
const writes = (): number => world.operations().filter((o) => o.isMutating && o.outcome === 'ok').length;

beforeAll(async () => {
  server = await startSimServer(createSimHandler(world), { port: 0, headersTimeoutMs: 1000 });
});
afterAll(async () => {
  await server.close();
});

describe('who the server answers', () => {
  it('refuses a write sent as GET (an <img> tag) with 405 MethodNotAllowed and stops nothing', async () => {
    const res = await send(server.port, { method: 'GET', path: `/?${stop}` });
    expect([res.status, awsErrorCode(res.body)]).toEqual([405, 'MethodNotAllowed']);
    expect(world.instance(ML_SERVER_ID)?.state).toBe('running');
    expect(writes()).toBe(0);
  });

  it('still serves reads as GET, as the Query protocol allows', async () => {
    const res = await send(server.port, { method: 'GET', path: '/?Action=DescribeInstances&Version=2016-11-15' });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) with 400 InvalidHostHeader, the record included', async () => {
    for (const path of ['/_fleet/operations', `/?Action=DescribeInstances&Version=2016-11-15`]) {
      const res = await send(server.port, { method: 'GET', path, headers: { host: `rebound.evil.example:${server.port}` } });
      expect([res.status, awsErrorCode(res.body)]).toEqual([400, 'InvalidHostHeader']);
    }
    expect((await send(server.port, { method: 'GET', path: '/_fleet/operations', headers: { host: `localhost:${server.port}` } })).status).toBe(200);
  });

  it('refuses a request from a web page (a foreign Origin) with 403 AccessDenied, in the caller\'s protocol', async () => {
    const page = await send(server.port, { headers: { ...form, origin: 'http://evil.example' }, body: stop });
    expect([page.status, awsErrorCode(page.body)]).toEqual([403, 'AccessDenied']);
    const json = await send(server.port, {
      headers: { origin: 'http://evil.example', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      body: '{}',
    });
    expect([json.status, awsErrorCode(json.body)]).toEqual([403, 'AccessDenied']);
    expect(writes()).toBe(0);
    const own = await send(server.port, { headers: { ...form, origin: `http://127.0.0.1:${server.port}` }, body: 'Action=DescribeInstances&Version=2016-11-15' });
    expect(own.status).toBe(200);
  });
});

describe('limits', () => {
  it('answers the issue\'s 100,000-segment request with 400 InvalidQueryParameter', async () => {
    const res = await send(server.port, { headers: form, body: `Action=DescribeInstances&Version=2016-11-15&Filter${'.1'.repeat(100_000)}=x` });
    expect([res.status, awsErrorCode(res.body)]).toEqual([400, 'InvalidQueryParameter']);
  });

  it('answers a body past the limit with 413 RequestEntityTooLarge after draining it', async () => {
    const res = await send(server.port, { headers: form, body: `Action=DescribeInstances&Version=2016-11-15&X=${'a'.repeat(MAX_BODY_BYTES)}` });
    expect([res.status, awsErrorCode(res.body)]).toEqual([413, 'RequestEntityTooLarge']);
  });

  it('answers a CloudWatch JSON request past a limit in JSON', async () => {
    const res = await send(server.port, {
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.ListMetrics', 'x-amzn-query-mode': 'true' },
      body: `{"Namespace":"${'a'.repeat(MAX_BODY_BYTES)}"}`,
    });
    expect(res.status).toBe(413);
    expect(res.headers['x-amzn-query-error']).toBe('RequestEntityTooLarge;Sender');
    expect(awsErrorCode(res.body)).toBe('com.amazonaws.cloudwatch#RequestEntityTooLarge');
  });

  it('answers headers past Node\'s limit with 400 and an AWS body, not an empty 431', async () => {
    const answer = await sendRaw(server.port, [`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`]);
    expect(answer).toMatch(/^HTTP\/1.1 400 /);
    expect(awsErrorCode(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toBe('RequestHeaderSectionTooLarge');
  });

  it('answers bytes that are not HTTP with 400 InvalidRequest', async () => {
    const answer = await sendRaw(server.port, ['\u0000\u0001 not http at all\r\n\r\n']);
    expect(answer).toMatch(/^HTTP\/1.1 400 /);
    expect(awsErrorCode(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toBe('InvalidRequest');
  });

  it('answers headers that never finish with 400 RequestTimeout once headersTimeout passes', async () => {
    const answer = await sendRaw(server.port, ['POST / HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n', 'X-Slow: 1\r\n'], { gapMs: 200, timeoutMs: 5000 });
    expect(answer).toMatch(/^HTTP\/1.1 400 /);
    expect(awsErrorCode(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toBe('RequestTimeout');
  });

  it('answers a URL query past the limits in AWS shape', async () => {
    const res = await send(server.port, { method: 'GET', path: `/?Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=%zz` });
    expect([res.status, awsErrorCode(res.body)]).toEqual([400, 'MalformedQueryString']);
  });

  it('keeps serving the SDK-shaped requests afterwards', async () => {
    const res = await send(server.port, { headers: form, body: `Action=DescribeInstanceStatus&Version=2016-11-15&InstanceId.1=${ML_SERVER_ID}` });
    expect(res.status).toBe(200);
  });
});
