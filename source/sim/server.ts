// The fleet's HTTP face: a node:http server on loopback that turns each request into a SimRequest for the
// handler. The AWS CLI and any SDK can point --endpoint-url at it.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SimHandler, SimRequest } from './types.js';

export interface SimServer {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** Refuse bodies past this size: no AWS request the fleet serves comes near it. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Converts a node request into the handler's SimRequest (lower-cased headers, parsed query string). */
export async function toSimRequest(request: IncomingMessage): Promise<SimRequest> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = value;
  return { method: request.method ?? 'GET', path: url.pathname, query, headers, body: await readBody(request) };
}

async function serve(handler: SimHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  try {
    const result = await handler(await toSimRequest(request));
    const body = Buffer.from(result.body, 'utf8');
    response.writeHead(result.status, { ...result.headers, 'content-length': String(body.length) });
    response.end(body);
  } catch {
    // The handler never rejects; this covers a broken socket or an oversized body.
    if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
    response.end('Internal server error');
  }
}

/** Starts the fleet's HTTP server on 127.0.0.1 (port 0: any free port); rejects with the listen error. */
export async function startSimServer(handler: SimHandler, options: { port: number; host?: string }): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void serve(handler, request, response);
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
