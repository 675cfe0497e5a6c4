// The SDK's `requestHandler` slot filled by the training fleet's InProcessHandler: requests are signed and serialised
// by the real SDK exactly as for AWS, then answered in-process — no socket, no port, the same bytes as the wire.
import { Readable } from 'node:stream';
import { HttpResponse } from '@smithy/core/protocols';
import type { HttpRequest } from '@smithy/core/protocols';
import type { HttpHandlerOptions } from '@smithy/types';
import type { InProcessHandler, InProcessRequest } from '../domain/in-process-http.js';

/** Endpoint the clients are pointed at when talking to the fleet; never resolved, never dialled. */
export const SIM_ENDPOINT = 'http://training-fleet.local';

/** Static credentials for the fleet, so no credential chain (files, SSO, IMDS) is consulted. */
export const SIM_CREDENTIALS = { accessKeyId: 'AKIATRAININGFLEET', secretAccessKey: 'training-fleet-secret' } as const;

/** The subset of the SDK's HttpHandler contract the clients call. */
export interface SimRequestHandler {
  handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
  destroy(): void;
}

/** The SDK passes either a DOM AbortSignal or its older AbortSignal-like object (`aborted` + `onabort` only). */
type AbortSignalLike = NonNullable<HttpHandlerOptions['abortSignal']>;

function abortError(): Error {
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

/** Request bodies arrive as a string, bytes (the JSON protocols' Uint8Array subclass) or a stream. */
async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** Flattens the SDK's query (values may be arrays or null) to the single-valued map the fleet reads. */
function flatQuery(query: HttpRequest['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
    else out[key] = '';
  }
  return out;
}

/** Resolves with `work` unless the signal aborts first; the fleet's work itself is not interruptible. */
function raceAbort<T>(work: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (signal === undefined) return work;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError());
    const isDom = 'addEventListener' in signal && typeof signal.addEventListener === 'function';
    if (isDom) (signal as AbortSignal).addEventListener('abort', onAbort, { once: true });
    else signal.onabort = onAbort;
    const cleanup = (): void => {
      if (isDom) (signal as AbortSignal).removeEventListener('abort', onAbort);
      else signal.onabort = null;
    };
    work.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Adapts an InProcessHandler to the SDK's HttpHandler (`requestHandler` client option). */
/** Lets timers and stdin run: an in-process "request" would otherwise never leave the microtask queue. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function simRequestHandler(handler: InProcessHandler): SimRequestHandler {
  return {
    // The SDK may call these on any HttpHandler; an in-process handler has no config or sockets to manage.
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
    async handle(request, options) {
      const signal = options?.abortSignal;
      const work = (async () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
        const simRequest: InProcessRequest = {
          method: request.method,
          path: request.path,
          query: flatQuery(request.query),
          headers,
          body: await bodyText(request.body),
        };
        // Like a socket round trip, give the event loop a turn before and after the fleet answers, so a
        // 10,000-instance refresh (many pages) never holds keypresses for the whole refresh, only one page.
        await yieldToEventLoop();
        const answer = await handler(simRequest);
        await yieldToEventLoop();
        return answer;
      })();
      const result = await raceAbort(work, signal);
      return {
        response: new HttpResponse({
          statusCode: result.status,
          headers: { ...result.headers },
          body: Readable.from([Buffer.from(result.body, 'utf8')]),
        }),
      };
    },
  };
}
