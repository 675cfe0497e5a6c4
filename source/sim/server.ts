// The fleet's HTTP face: a node:http server on loopback that turns each request into a SimRequest for the
// handler. The AWS CLI and any SDK can point --endpoint-url at it. What a server gets besides them (oversized or
// malformed requests, slow clients, web pages, rebinding DNS names) is refused with an AWS-shaped error.
import { STATUS_CODES, createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { allowedHostNames, checkCaller } from './caller-guard.js';
import { renderRequestError } from './handler.js';
import { SimError, isSimError } from './protocol/errors.js';
import { parseForm } from './protocol/query-form.js';
import { headersTooLarge, invalidHttpRequest, requestTimeout, requestTooLarge } from './protocol/request-errors.js';
import type { SimHandler, SimRequest, SimResponse } from './types.js';

export interface SimServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface SimServerOptions {
  readonly port: number;
  readonly host?: string;
  /** Largest request body accepted (default 1 MiB, CloudWatch's own request limit). */
  readonly maxBodyBytes?: number;
  /** Time for a client to send its headers (default 10 s) and its whole request (default 30 s). */
  readonly headersTimeoutMs?: number;
  readonly requestTimeoutMs?: number;
}

/** Refuse bodies past this size: no AWS request the fleet serves comes near it. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the body; past `limit` the rest is drained (so the caller gets the answer, not a reset) and refused. */
async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  if (size > limit) throw requestTooLarge(limit);
  return Buffer.concat(chunks).toString('utf8');
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

interface Served {
  readonly hosts: readonly string[];
  readonly maxBodyBytes: number;
}

/** Converts a node request (its headers lower-cased) into the handler's SimRequest; throws a SimError to refuse it. */
export async function toSimRequest(request: IncomingMessage, headers: Readonly<Record<string, string>>, options: Served): Promise<SimRequest> {
  const refusal = checkCaller(headers, options.hosts);
  if (refusal !== undefined) throw refusal;
  const target = request.url ?? '/';
  const mark = target.indexOf('?');
  // The path as sent: `//` or `/%zz` are paths the fleet does not serve, not reasons to fail.
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = mark < 0 ? {} : parseForm(target.slice(mark + 1));
  return { method: request.method ?? 'GET', path, query, headers, body: await readBody(request, options.maxBodyBytes) };
}

function send(response: ServerResponse, result: SimResponse): void {
  const body = Buffer.from(result.body, 'utf8');
  response.writeHead(result.status, { ...result.headers, 'content-length': String(body.length) });
  response.end(body);
}

async function serve(handler: SimHandler, request: IncomingMessage, response: ServerResponse, options: Served): Promise<void> {
  const headers = lowerCaseHeaders(request);
  try {
    send(response, await handler(await toSimRequest(request, headers, options)));
  } catch (error) {
    // The handler never rejects: this is a refusal made here, or a broken socket.
    const failure = isSimError(error) ? error : new SimError('InternalError', 'An internal error has occurred', 500);
    if (response.headersSent || response.destroyed) return;
    send(response, renderRequestError({ headers, query: {} }, failure));
  }
}

/** A raw HTTP response for a client whose request never became one (bad HTTP, headers too large or too slow). */
function rawErrorResponse(error: SimError): string {
  const { status, headers, body } = renderRequestError({ headers: {}, query: {} }, error);
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join('\r\n')}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

function clientErrorOf(error: NodeJS.ErrnoException): SimError {
  if (error.code === 'HPE_HEADER_OVERFLOW') return headersTooLarge();
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return requestTimeout();
  return invalidHttpRequest();
}

/** Starts the fleet's HTTP server on 127.0.0.1 (port 0: any free port); rejects with the listen error. */
export async function startSimServer(handler: SimHandler, options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  const served: Served = { hosts: allowedHostNames(host), maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES };
  const headersTimeout = options.headersTimeoutMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, options.requestTimeoutMs ?? 30_000),
      // How often slow clients are looked for: the timeouts above hold within this.
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
    (request, response) => {
      void serve(handler, request, response, served);
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(clientErrorOf(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    port,
    url: `http://${urlHost}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive clients (the CLI, the SDK) would otherwise hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}
