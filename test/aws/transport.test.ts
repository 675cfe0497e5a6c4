// The failure paths a user on a bastion notices, through the real SDK clients against 127.0.0.1 endpoints: an
// endpoint that never answers, a web server instead of AWS, an answer that does not parse, a proxy in the way, a
// private CA, and credentials replaced on disk mid-session.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAwsError } from '../../source/domain/aws-error.js';
import { createAwsApi } from '../../source/aws/index.js';
import { isNoProxy, networkEnvProblem, proxyFor } from '../../source/aws/proxy.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { startSimServer } from '../../source/sim/server.js';
import type { SimServer } from '../../source/sim/server.js';
import { createWorld } from '../../source/sim/world.js';
import { AUTH_FAILURE, cannedServer, connectProxy, gate, signedKey, silentServer } from '../helpers/endpoints.js';
import type { Running } from '../helpers/endpoints.js';

const KEYS = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' };
const ENV = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'AWS_CA_BUNDLE', 'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE', 'AWS_ENDPOINT_URL'];
let saved: Record<string, string | undefined> = {};
const running: { close(): Promise<void> }[] = [];
const started = <T extends { close(): Promise<void> }>(thing: T): T => {
  running.push(thing);
  return thing;
};

beforeEach(() => {
  saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  for (const k of ENV) delete process.env[k];
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function fleet(): Promise<SimServer> {
  const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock: { now: () => Date.now() } });
  return started(await startSimServer(createSimHandler(world), { port: 0 }));
}

/** The AwsError line a call fails with. */
async function failureLine(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeDefined();
  return describeAwsError((error as { error: Parameters<typeof describeAwsError>[0] }).error);
}

describe('never hang', () => {
  it('an endpoint that accepts and never answers fails the call after the request timeout, not never', async () => {
    const silent: Running = started(await silentServer());
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: silent.url, credentials: KEYS, timeouts: { connectSeconds: 1, requestSeconds: 1 } });
    const t0 = Date.now();
    expect(await failureLine(api.listInstances())).toBe(`no answer from 127.0.0.1:${silent.port} in 1 s`);
    // One attempt: a timeout is not retried by the SDK (3 attempts would be 3 s and more); slack for a busy machine.
    expect(Date.now() - t0).toBeLessThan(1_000 + 1_500);
  });

  it('a web server at --endpoint-url: "the endpoint answered 404"', async () => {
    const web = started(await cannedServer(404, 'text/html', '<html>Not Found</html>'));
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: web.url, credentials: KEYS, maxAttempts: 1 });
    expect(await failureLine(api.listInstances())).toBe('the endpoint answered 404: is it an AWS-compatible endpoint?');
  });

  it('an answer that does not parse: one line naming the service and operation, no SDK text', async () => {
    const junk = started(await cannedServer(200, 'text/xml', '<DescribeInstancesResponse><reservationSet><item>'));
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: junk.url, credentials: KEYS, maxAttempts: 1 });
    expect(await failureLine(api.listInstances())).toBe('malformed answer from ec2 (DescribeInstances); retrying');
  });

  it('a name that does not resolve says what to do', async () => {
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: 'https://ec2.no-such-host.invalid', credentials: KEYS, maxAttempts: 1 });
    expect(await failureLine(api.listInstances())).toBe(
      'cannot resolve ec2.no-such-host.invalid: no network or DNS from this host (proxy? HTTPS_PROXY is honoured)',
    );
  });
});

describe('proxies, as the AWS CLI reads them', () => {
  it.each([
    ['ec2.us-east-1.amazonaws.com', '443', '.amazonaws.com', true],
    ['ec2.us-east-1.amazonaws.com', '443', 'amazonaws.com', true],
    ['ec2.us-east-1.amazonaws.com', '443', 'example.com,*', true],
    ['127.0.0.1', '4566', 'localhost, 127.0.0.1', true],
    ['127.0.0.1', '4566', '127.0.0.1:5000', false],
    ['notamazonaws.com', '443', 'amazonaws.com', false],
  ])('NO_PROXY: %s:%s with %j → bypass %s', (host, port, list, expected) => {
    expect(isNoProxy(host, port, { NO_PROXY: list })).toBe(expected);
  });

  it('https goes through HTTPS_PROXY, http through HTTP_PROXY, a bare host:port is an http:// proxy', () => {
    expect(proxyFor(new URL('https://ec2.us-east-1.amazonaws.com'), { https_proxy: 'proxy.corp:3128' })?.href).toBe('http://proxy.corp:3128/');
    expect(proxyFor(new URL('http://127.0.0.1:4566'), { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxyFor(new URL('http://127.0.0.1:4566'), { HTTP_PROXY: 'http://p:1' })?.host).toBe('p:1');
  });

  it('HTTP_PROXY tunnels the calls (CONNECT) and NO_PROXY skips it', async () => {
    const endpoint = await fleet();
    const proxy = started(await connectProxy());
    process.env.HTTP_PROXY = proxy.url;
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: endpoint.url, credentials: KEYS, maxAttempts: 1 });
    expect((await api.listInstances()).length).toBeGreaterThan(0);
    expect(proxy.tunnels).toContain(`127.0.0.1:${endpoint.port}`);
    const before = proxy.tunnels.length;
    process.env.NO_PROXY = '127.0.0.1';
    const direct = createAwsApi({ region: 'us-east-1', endpointUrl: endpoint.url, credentials: KEYS, maxAttempts: 1 });
    expect((await direct.listInstances()).length).toBeGreaterThan(0);
    expect(proxy.tunnels).toHaveLength(before);
  });

  it('a proxy that is not there is named', async () => {
    const endpoint = await fleet();
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    const api = createAwsApi({ region: 'us-east-1', endpointUrl: endpoint.url, credentials: KEYS, maxAttempts: 1 });
    expect(await failureLine(api.listInstances())).toMatch(/^cannot reach proxy http:\/\/127\.0\.0\.1:9: ECONNREFUSED: check HTTPS_PROXY \/ NO_PROXY$/);
  });
});

describe('AWS_CA_BUNDLE', () => {
  /** An https endpoint for localhost with a self-signed certificate, answering an empty DescribeInstances. */
  async function privateCaEndpoint(): Promise<{ url: string; caFile: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-ca-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost'], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    started({ close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) });
    return { url: `https://localhost:${(server.address() as AddressInfo).port}`, caFile: join(dir, 'cert.pem') };
  }

  it('an untrusted certificate says to set AWS_CA_BUNDLE; with it set the call succeeds, through a proxy too', async () => {
    const { url, caFile } = await privateCaEndpoint();
    const untrusted = createAwsApi({ region: 'us-east-1', endpointUrl: url, credentials: KEYS, maxAttempts: 1 });
    expect(await failureLine(untrusted.listInstances())).toMatch(/^the TLS certificate of localhost:\d+ is not trusted \(.+\): set AWS_CA_BUNDLE/);
    process.env.AWS_CA_BUNDLE = caFile;
    expect(await createAwsApi({ region: 'us-east-1', endpointUrl: url, credentials: KEYS, maxAttempts: 1 }).listInstances()).toEqual([]);
    const proxy = started(await connectProxy());
    process.env.HTTPS_PROXY = proxy.url;
    expect(await createAwsApi({ region: 'us-east-1', endpointUrl: url, credentials: KEYS, maxAttempts: 1 }).listInstances()).toEqual([]);
    expect(proxy.tunnels).toEqual([`localhost:${new URL(url).port}`]);
  });
});

describe('fresh credentials', () => {
  it('a credentials file rewritten mid-session is used without a restart (after a refusal, and on r)', async () => {
    const endpoint = await fleet();
    const seen: string[] = [];
    let refused = 'AKIAOLD';
    const front = started(await gate(endpoint.url, (request) => {
      const key = signedKey(request.headers) ?? '';
      seen.push(key);
      return key === refused ? AUTH_FAILURE : 'forward';
    }));
    const dir = mkdtempSync(join(tmpdir(), 'ec2-triage-creds-'));
    const file = join(dir, 'credentials');
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    const write = (key: string): void => writeFileSync(file, `[ops]\naws_access_key_id = ${key}\naws_secret_access_key = s\n`);
    write('AKIAOLD');
    const api = createAwsApi({ region: 'us-east-1', profile: 'ops', endpointUrl: front.url, maxAttempts: 1 });
    expect(await failureLine(api.listInstances())).toBe(
      'credentials expired or refused: renew profile ops (aws sso login / aws configure), then r',
    );
    // The refusal made the client read the file again (and retry once): still the old key, so still refused.
    expect(seen).toEqual(['AKIAOLD', 'AKIAOLD']);
    write('AKIANEW');
    expect((await api.listInstances()).length).toBeGreaterThan(0);
    expect(seen.slice(2)).toEqual(['AKIAOLD', 'AKIANEW']);
    // `r` reads the chain again before refreshing: a key rotated while nothing failed is used at once.
    write('AKIANEWER');
    refused = 'none';
    api.renewCredentials?.();
    await api.listInstances();
    expect(seen.at(-1)).toBe('AKIANEWER');
  });
});

describe('proxy and CA variables checked at start', () => {
  it('names an unreadable AWS_CA_BUNDLE and a proxy that is not a URL; says nothing when all is well', () => {
    expect(networkEnvProblem({ AWS_CA_BUNDLE: '/no/such/ca.pem' })).toBe('AWS_CA_BUNDLE /no/such/ca.pem: cannot read it (ENOENT)');
    expect(networkEnvProblem({ HTTPS_PROXY: 'http://[bad' })).toMatch(/^HTTPS_PROXY is not a proxy URL such as http:\/\/proxy\.corp:3128/);
    expect(networkEnvProblem({ HTTPS_PROXY: 'socks5://p:1080' })).toMatch(/unsupported proxy socks5:/);
    expect(networkEnvProblem({ HTTPS_PROXY: 'proxy.corp:3128', NO_PROXY: '127.0.0.1' })).toBeUndefined();
  });
});
