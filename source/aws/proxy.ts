// HTTPS_PROXY / HTTP_PROXY / NO_PROXY and AWS_CA_BUNDLE, as the AWS CLI honours them. The JS SDK v3 reads none of
// them itself (its guide says to bring an agent), and bastions often reach AWS only through a proxy, so the agents
// the SDK's NodeHttpHandler uses are built here: a CONNECT tunnel through the proxy, TLS to AWS inside it.
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import type { AgentOptions, ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';

type Env = Readonly<Record<string, string | undefined>>;

const first = (env: Env, ...names: string[]): string | undefined => {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
};

/** True when NO_PROXY (or no_proxy) exempts `host[:port]`: `*`, exact names, domain suffixes (`.corp` or `corp`). */
export function isNoProxy(host: string, port: string, env: Env): boolean {
  const list = first(env, 'NO_PROXY', 'no_proxy');
  if (list === undefined) return false;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  return list.split(/[\s,]+/).some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '') return false;
    if (entry === '*') return true;
    const [entryHost = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
    if (entryPort !== undefined && entryPort !== port) return false;
    const bare = entryHost.replace(/^\*?\./, '');
    return name === bare || name.endsWith(`.${bare}`);
  });
}

/** The proxy URL for a request to `target` (https → HTTPS_PROXY, http → HTTP_PROXY), or undefined to go direct. */
export function proxyFor(target: URL, env: Env): URL | undefined {
  const isHttps = target.protocol === 'https:';
  const port = target.port !== '' ? target.port : isHttps ? '443' : '80';
  if (isNoProxy(target.hostname, port, env)) return undefined;
  const raw = isHttps ? first(env, 'HTTPS_PROXY', 'https_proxy') : first(env, 'HTTP_PROXY', 'http_proxy');
  if (raw === undefined) return undefined;
  // Like curl and the AWS CLI, a proxy given without a scheme is an http:// proxy.
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`unsupported proxy ${url.protocol}// in ${isHttps ? 'HTTPS_PROXY' : 'HTTP_PROXY'}`);
  return url;
}

/** The CA certificates of AWS_CA_BUNDLE (read once at start), or undefined for Node's own trust store. */
export function caBundle(env: Env): Buffer | undefined {
  const path = first(env, 'AWS_CA_BUNDLE');
  return path === undefined ? undefined : readFileSync(path);
}

/** Raised when the proxy does not open the tunnel; `code` lets errors.ts say it in words. */
export class ProxyError extends Error {
  readonly code = 'EPROXY';

  constructor(
    message: string,
    readonly proxy: string,
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

const describeProxy = (proxy: URL): string => `${proxy.protocol}//${proxy.host}`;

/** Opens a CONNECT tunnel to host:port through the proxy; resolves with the raw socket inside it. */
function openTunnel(proxy: URL, host: string, port: number, ca: Buffer | undefined): Promise<Duplex> {
  const auth = proxy.username === '' ? {} : {
    'proxy-authorization': `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`,
  };
  const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const request = (proxy.protocol === 'https:' ? httpsRequest : httpRequest)({
    host: proxy.hostname,
    port: proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port),
    method: 'CONNECT',
    path: authority,
    headers: { host: authority, ...auth },
    agent: false,
    ...(ca === undefined ? {} : { ca }),
  });
  return new Promise((resolve, reject) => {
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(new ProxyError(`proxy ${describeProxy(proxy)} answered ${response.statusCode ?? '?'} to CONNECT ${authority}`, describeProxy(proxy)));
    });
    request.once('error', (error: NodeJS.ErrnoException) => {
      reject(new ProxyError(`cannot reach proxy ${describeProxy(proxy)}: ${error.code ?? error.message}`, describeProxy(proxy)));
    });
    request.end();
  });
}

type Callback = (error: Error | null, socket: Duplex) => void;

/** Makes an agent pick per connection: straight to the host, or a CONNECT tunnel through the env's proxy. */
function routed<A extends HttpAgent>(agent: A, isSecure: boolean, env: Env, ca: Buffer | undefined): A {
  const direct = agent.createConnection.bind(agent);
  agent.createConnection = (args: ClientRequestArgs, callback?: Callback) => {
    const host = args.hostname ?? args.host ?? 'localhost';
    const port = Number(args.port ?? (isSecure ? 443 : 80));
    const proxy = proxyFor(new URL(`${isSecure ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`), env);
    if (proxy === undefined) return direct(args, callback);
    openTunnel(proxy, host, port, ca).then(
      (raw) => {
        if (!isSecure) return callback?.(null, raw);
        const tls = tlsConnect({ socket: raw, servername: host, ...(ca === undefined ? {} : { ca }) });
        tls.once('secureConnect', () => callback?.(null, tls));
        tls.once('error', (error) => callback?.(error, tls));
        return undefined;
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    // Node's Agent takes the socket later through the callback (its documented async form).
    return undefined;
  };
  return agent;
}

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** The agents the SDK's request handler should use for this environment; empty (the SDK's own) when nothing is set. */
export function agentsFor(env: Env): { readonly httpAgent?: HttpAgent; readonly httpsAgent?: HttpsAgent } {
  const ca = caBundle(env);
  const hasProxy = first(env, ...PROXY_VARS) !== undefined;
  if (!hasProxy && ca === undefined) return {};
  const options: AgentOptions = { keepAlive: true, maxSockets: 50 };
  return {
    httpsAgent: routed(new HttpsAgent({ ...options, ...(ca === undefined ? {} : { ca }) }), true, env, ca),
    ...(hasProxy ? { httpAgent: routed(new HttpAgent(options), false, env, ca) } : {}),
  };
}

/** One line when AWS_CA_BUNDLE cannot be read or a proxy variable is not a URL; checked at start. */
export function networkEnvProblem(env: Env): string | undefined {
  try {
    caBundle(env);
  } catch (error) {
    return `AWS_CA_BUNDLE ${first(env, 'AWS_CA_BUNDLE') ?? ''}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
  for (const target of ['https://aws.invalid', 'http://aws.invalid']) {
    try {
      proxyFor(new URL(target), env);
    } catch (error) {
      const name = target.startsWith('https') ? 'HTTPS_PROXY' : 'HTTP_PROXY';
      return `${name} is not a proxy URL such as http://proxy.corp:3128 (${(error as Error).message})`;
    }
  }
  return undefined;
}
