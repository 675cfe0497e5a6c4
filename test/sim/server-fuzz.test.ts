// Issue 10: a bounded fuzz of the fleet's HTTP server, only on 127.0.0.1. Seeded (the same requests every run),
// bounded in count (~500 requests) and time (client timeouts, no waiting on the server's pace). It asserts what a
// server must keep true: it stays up, every answer is an AWS-shaped error or a success, never a 5xx, and its
// memory stays bounded (a generous bound on heap and RSS growth, and on the operation record it serves).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { OPERATION_LOG_CAPACITY } from '../../source/sim/operations.js';
import { MAX_BODY_BYTES, startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { T0 } from './helpers/fleet.js';
import { awsErrorCode, send, sendRaw } from './helpers/raw-http.js';
import type { RawAnswer } from './helpers/raw-http.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MB = 1024 * 1024;

/** mulberry32: a small seeded generator, so a failure replays. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(20261204);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const int = (n: number): number => Math.floor(random() * n);

const ACTIONS = ['DescribeInstances', 'DescribeInstanceStatus', 'StopInstances', 'ModifyInstanceAttribute', 'DescribeInstanceAttribute', 'GetMetricData',
  'GetMetricStatistics', 'ListMetrics', 'PutMetricAlarm', 'DescribeAlarms', 'RunInstances', '', 'toString', '__proto__', 'A'.repeat(3000)];
const NAMES = ['InstanceId.1', 'InstanceId.2', 'Filter.1.Name', 'Filter.1.Value.1', 'MaxResults', 'NextToken', 'DryRun', 'Attribute', 'Value',
  'Dimensions.member.1.Name', 'MetricDataQueries.member.1.Id', 'MetricDataQueries.member.1.MetricStat.Period', 'StartTime', 'EndTime', 'Period',
  'Statistics.member.1', '__proto__.x', 'constructor', 'Bogus', 'Filter.01.Value.999999999999', 'a..b', '.', '...', 'InstanceId.-1', 'X'.repeat(2000)];
const VALUES = ['', ML_SERVER_ID, 'i-00000000000000001', '1e309', '-1', '0', 'true', 'NaN', '*a*a*a*a*a*a*a*a*a*a*b', '2024-13-45T99:99:99Z', 'instanceType',
  'c5.xlarge', '<x>&"\'', '\u0000\u0001', 'ü✓😀', 'p99', 'SUM(METRICS())'];
const RAW_ESCAPES = ['%', '%z', '%zz', '%ff', '%C3%28', '%ED%A0%80', '%E2%9C', '+', '%2B', '&&', '=='];
const TARGETS = ['GraniteServiceVersion20100801.GetMetricData', 'GraniteServiceVersion20100801.ListMetrics', 'GraniteServiceVersion20100801.PutDashboard',
  'Logs_20140328.FilterLogEvents', 'Logs_20140328.DescribeLogGroups', 'Logs_20140328.', 'X.Y', '.', 'NoDot'];

function encoded(text: string): string {
  return encodeURIComponent(text) + (random() < 0.15 ? pick(RAW_ESCAPES) : '');
}

function randomForm(): string {
  const fields = [`Action=${encoded(pick(ACTIONS))}`];
  if (random() < 0.8) fields.push(`Version=${pick(['2016-11-15', '2010-08-01', 'x'])}`);
  for (let i = int(12); i > 0; i--) fields.push(`${encoded(pick(NAMES))}=${encoded(pick(VALUES))}`);
  return fields.join('&');
}

function randomJson(depth: number): unknown {
  const kind = int(depth > 4 ? 4 : 7);
  if (kind === 0) return pick(VALUES);
  if (kind === 1) return random() * 1e12 - 5e11;
  if (kind === 2) return pick([true, false, null]);
  if (kind === 3) return int(3) === 0 ? 'x'.repeat(int(5000)) : pick(VALUES);
  if (kind === 4) return Array.from({ length: int(5) }, () => randomJson(depth + 1));
  const keys = ['logGroupName', 'filterPattern', 'limit', 'startTime', 'nextToken', 'MetricDataQueries', 'StartTime', 'EndTime', 'Namespace', '__proto__', 'constructor'];
  return Object.fromEntries(Array.from({ length: int(6) }, () => [pick(keys), randomJson(depth + 1)]));
}

function randomRequest(port: number): Promise<RawAnswer> {
  const kind = int(6);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  if (kind === 0) return send(port, { method: 'GET', path: `/?${randomForm()}` });
  if (kind === 1) {
    const target = pick(TARGETS);
    const body = random() < 0.2 ? pick(['', '{', 'null', '[]', '"x"', '{"a":}', '\uFFFF']) : JSON.stringify(randomJson(0));
    return send(port, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...(random() < 0.5 ? { 'x-amzn-query-mode': 'true' } : {}) }, body });
  }
  if (kind === 2) {
    // Bytes that are not UTF-8 (and a NUL or two) in a form body.
    const bytes = Buffer.concat([Buffer.from('Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag:Name&Filter.1.Value.1='), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x00, 0xed, 0xa0, 0x80])]);
    return send(port, { headers: form, body: bytes });
  }
  if (kind === 3) return send(port, { method: pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST']), path: pick(['/', '/x/y?z', '/_fleet/operations', '//', '/%zz']), headers: form, body: randomForm() });
  return send(port, { headers: form, body: randomForm() });
}

let server: SimServer;
const world = createWorld({ scenario: 'oom', seed: 1, fleetSize: 0, clock: { now: () => T0 } });

beforeAll(async () => {
  server = await startSimServer(createSimHandler(world), { port: 0, headersTimeoutMs: 1000 });
});
afterAll(async () => {
  await server.close();
});

/** Runs `count` requests from `make`, `width` at a time; returns the faults found (answers are not kept). */
async function flood(count: number, width: number, make: () => Promise<RawAnswer>): Promise<string[]> {
  const faults: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        next += 1;
        const problem = fault(await make());
        if (problem !== undefined) faults.push(problem);
      }
    }),
  );
  return faults;
}

/** What is wrong with an answer, or undefined: a success or an AWS-shaped error, never a 5xx. */
function fault(answer: RawAnswer): string | undefined {
  if (answer.status >= 500) return `${answer.status} ${answer.body.slice(0, 200)}`;
  if (answer.status !== 200 && awsErrorCode(answer.body) === undefined) return `${answer.status} not AWS-shaped: ${answer.body.slice(0, 200)}`;
  return undefined;
}

const heap = (): { heap: number; rss: number } => {
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
};

describe('the fleet server under a bounded fuzz', () => {
  it('stays up, answers in AWS shape, and keeps its memory and its record bounded', async () => {
    const port = server.port;
    await send(port, { method: 'GET', path: '/?Action=DescribeInstances&Version=2016-11-15' });
    const before = heap();

    const faults = await flood(400, 6, () => randomRequest(port));

    // The hostile set: huge and deep parameters, oversized bodies and headers, deep JSON, garbage HTTP.
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const hostile = [
      () => send(port, { headers: form, body: `Action=DescribeInstances&Version=2016-11-15&Filter${'.1'.repeat(100_000)}=x` }),
      () => send(port, { headers: form, body: Array.from({ length: 25_000 }, (_, i) => `P${i}=x`).join('&') }),
      () => send(port, { headers: form, body: `Action=DescribeInstances&X=${'a'.repeat(MAX_BODY_BYTES + MB / 2)}` }),
      () => send(port, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, body: '['.repeat(500_000) }),
      () => send(port, { headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' }, body: `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}` }),
    ];
    for (const make of hostile) faults.push(...(await flood(1, 1, make)));
    // Sixty requests naming 5,000 instance ids each: the record keeps 100 of each, and not the request bodies.
    const ids = Array.from({ length: 5000 }, (_, i) => `InstanceId.${i + 1}=i-${String(i).padStart(17, '0')}`).join('&');
    faults.push(...(await flood(60, 3, () => send(port, { headers: form, body: `Action=DescribeInstances&Version=2016-11-15&${ids}` }))));
    expect(faults).toEqual([]);

    const raw = [
      await sendRaw(port, [`GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`]),
      await sendRaw(port, ['\u0000\u0001garbage\r\n\r\n']),
      await sendRaw(port, ['POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nAction=x\r\n0\r\n\r\n']),
      await sendRaw(port, ['POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nAction']),
    ];
    for (const answer of raw) expect(answer).toMatch(/^HTTP\/1.1 400 [^\r]*\r\n[\s\S]*<Code>[A-Za-z]+<\/Code>/);

    // Slow clients trickle headers past headersTimeout while others are served.
    const slow = Array.from({ length: 4 }, () => sendRaw(port, ['POST / HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n', 'X-A: 1\r\n', 'X-B: 2\r\n', 'X-C: 3\r\n'], { gapMs: 400, timeoutMs: 6000 }));
    const during = await send(port, { method: 'GET', path: '/?Action=DescribeInstances&Version=2016-11-15' });
    expect(during.status).toBe(200);
    for (const answer of await Promise.all(slow)) expect(answer).toMatch(/^HTTP\/1.1 400 [\s\S]*<Code>RequestTimeout<\/Code>/);

    // Still up, still the same fleet.
    const status = await send(port, { headers: form, body: `Action=DescribeInstanceStatus&Version=2016-11-15&InstanceId.1=${ML_SERVER_ID}` });
    expect(status.status).toBe(200);
    const record = await send(port, { method: 'GET', path: '/_fleet/operations' });
    const operations = JSON.parse(record.body) as { instanceIds: string[] }[];
    expect(operations.length).toBeLessThanOrEqual(2 * OPERATION_LOG_CAPACITY);
    expect(Math.max(...operations.map((o) => o.instanceIds.length))).toBeLessThanOrEqual(100);
    expect(record.body.length).toBeLessThan(4 * MB);

    const after = heap();
    // Measured 2.5 MB of heap and ~25 MB of RSS growth; keeping the request bodies (sliced strings) was 40 MB.
    expect((after.heap - before.heap) / MB).toBeLessThan(12);
    expect((after.rss - before.rss) / MB).toBeLessThan(256);
  }, 120_000);
});
