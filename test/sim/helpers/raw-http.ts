// HTTP to the fleet's server below fetch: any Host, raw bytes, slow or broken clients. Loopback only.
import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/** One request with exactly these headers (Host included) to 127.0.0.1:port. */
export function send(port: number, options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'POST', path: options.path ?? '/', headers: { host: `127.0.0.1:${port}`, ...options.headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Writes raw bytes (in `parts`, `gapMs` apart) and returns everything the server sends back until it closes or
 * `timeoutMs` passes; '' when it sent nothing.
 */
export function sendRaw(port: number, parts: readonly (string | Buffer)[], options: { gapMs?: number; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const timer = setTimeout(done, options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', done);
    socket.on('connect', () => {
      void (async () => {
        for (const part of parts) {
          if (socket.destroyed) return;
          socket.write(part);
          if ((options.gapMs ?? 0) > 0) await new Promise((r) => setTimeout(r, options.gapMs));
        }
      })();
    });
  });
}

/** The AWS error code in an EC2/awsQuery XML body or a JSON body; undefined when the body is neither. */
export function awsErrorCode(body: string): string | undefined {
  const xml = /<Error>(?:<Type>[^<]*<\/Type>)?<Code>([^<]+)<\/Code><Message>[^<]*<\/Message><\/Error>/.exec(body)?.[1];
  if (xml !== undefined) return xml;
  try {
    const parsed = JSON.parse(body) as { __type?: unknown };
    return typeof parsed.__type === 'string' ? parsed.__type : undefined;
  } catch {
    return undefined;
  }
}
