// A delaying HTTP proxy on 127.0.0.1 in front of an AWS-compatible endpoint (the `sim` server, moto): every request
// waits `latencyMs` before it is forwarded, as if the endpoint were a round-trip away, and is recorded (action,
// start, answer, body) so a test or the bench can count rounds of calls on the wire.
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { actionOf } from './call-rounds.js';
import type { TimedCall } from './call-rounds.js';

/** A recorded request: its timing plus the body it carried (to see filters on the wire). */
export interface ProxiedCall extends TimedCall {
  readonly body: string;
}

export interface DelayProxy {
  readonly url: string;
  /** Every request answered so far, in the order the answers came. */
  readonly calls: ProxiedCall[];
  close(): Promise<void>;
}

const headerRecord = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(', ') : v]])));

/** Starts the proxy in front of `target` (http://127.0.0.1:PORT); it listens on loopback only. */
export function startDelayProxy(target: string, latencyMs: number): Promise<DelayProxy> {
  const upstream = new URL(target);
  const calls: ProxiedCall[] = [];
  const server = createServer((req, res) => {
    const start = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      setTimeout(() => {
        const out = httpRequest(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
          (answer) => {
            const parts: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => parts.push(chunk));
            answer.on('end', () => {
              const text = body.toString('utf8');
              const [path = '', query = ''] = (req.url ?? '').split('?');
              const action = actionOf({ body: text, headers: headerRecord(req.headers), path, query: Object.fromEntries(new URLSearchParams(query)) });
              calls.push({ action, start, end: performance.now(), body: text });
              res.writeHead(answer.statusCode ?? 502, answer.headers);
              res.end(Buffer.concat(parts));
            });
          },
        );
        out.on('error', (error) => {
          res.writeHead(502);
          res.end(error.message);
        });
        out.end(body);
      }, latencyMs);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}`,
        calls,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
