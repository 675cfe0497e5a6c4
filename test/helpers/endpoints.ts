// Misbehaving endpoints on 127.0.0.1 for the failure paths a user notices: one that accepts and never answers,
// one that answers whatever it is told, a CONNECT proxy that records what it tunnelled, and a gate in front of an
// endpoint that can swallow or refuse chosen requests.
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { connect, createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';

export interface Running {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

async function listen(server: Server | TcpServer, sockets: Set<Socket>): Promise<Running> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Accepts connections and reads requests, and never answers. */
export function silentServer(): Promise<Running> {
  return listen(createTcpServer(() => undefined), new Set());
}

/** Answers every request with `status`, `contentType` and `body`. */
export function cannedServer(status: number, contentType: string, body: string): Promise<Running> {
  return listen(
    createServer((_request, response) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(body);
    }),
    new Set(),
  );
}

export interface ConnectProxy extends Running {
  /** The CONNECT targets it tunnelled (host:port), in order. */
  readonly tunnels: string[];
}

/** A forward proxy that only speaks CONNECT, as corporate proxies in front of AWS do. */
export async function connectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((_request, response) => {
    response.writeHead(405);
    response.end();
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const [host = '', port = '443'] = target.split(/:(?=\d+$)/);
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return { ...(await listen(server, sockets)), tunnels };
}

/** What the gate does with one request: forward it, swallow it (never answer), or answer it itself. */
export type GateDecision = 'forward' | 'swallow' | { readonly status: number; readonly contentType: string; readonly body: string };

export interface GateRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A reverse proxy in front of `target` that asks `decide` about every request. */
export function gate(target: string, decide: (request: GateRequest) => GateDecision): Promise<Running> {
  const upstream = new URL(target);
  return listen(
    createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const decision = decide({ method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body: body.toString('utf8') });
        if (decision === 'swallow') return;
        if (decision !== 'forward') {
          response.writeHead(decision.status, { 'content-type': decision.contentType });
          response.end(decision.body);
          return;
        }
        const forwarded = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
          (answer) => {
            response.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(response);
          },
        );
        forwarded.on('error', () => response.destroy());
        forwarded.end(body);
      });
    }),
    new Set(),
  );
}

/** EC2's answer to a key it does not accept. */
export const AUTH_FAILURE = {
  status: 401,
  contentType: 'text/xml',
  body: '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>AuthFailure</Code><Message>AWS was not able to validate the provided access credentials</Message></Error></Errors><RequestID>gate</RequestID></Response>',
} as const;

/** The access key id a SigV4 Authorization header was signed with. */
export function signedKey(headers: IncomingMessage['headers']): string | undefined {
  return /Credential=([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1];
}

/** A TCP port free on 127.0.0.1 right now (for a server a test starts as a child process). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
