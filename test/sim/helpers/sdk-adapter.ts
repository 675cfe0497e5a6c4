// An SDK v3 request handler that answers in-process from a SimHandler: no socket, same bytes as the wire.
import { Readable } from 'node:stream';
import { HttpResponse } from '@smithy/core/protocols';
import type { HttpRequest } from '@smithy/core/protocols';
import type { SimHandler } from '../../../source/sim/types.js';

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Decode bytes directly: the SDK's JSON body is a Uint8Array subclass that warns when used as a string.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export interface SimRequestHandler {
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/** Builds a `requestHandler` for EC2Client/CloudWatchClient/CloudWatchLogsClient that calls `handler`. */
export function simRequestHandler(handler: SimHandler): SimRequestHandler {
  return {
    // The SDK may call these on any HttpHandler; an in-process handler has no config or sockets.
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
    async handle(request) {
      const query: Record<string, string> = {};
      for (const [key, value] of Object.entries(request.query ?? {})) {
        if (typeof value === 'string') query[key] = value;
        else if (Array.isArray(value) && value[0] !== undefined) query[key] = value[0];
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
      const result = await handler({ method: request.method, path: request.path, query, headers, body: await bodyText(request.body) });
      return {
        response: new HttpResponse({ statusCode: result.status, headers: { ...result.headers }, body: Readable.from([Buffer.from(result.body, 'utf8')]) }),
      };
    },
  };
}
