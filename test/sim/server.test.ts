import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSimServer } from '../../source/sim/server.js';
import type { SimHandler } from '../../source/sim/types.js';

const echo: SimHandler = async (request) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ method: request.method, path: request.path, query: request.query, target: request.headers['x-amz-target'], body: request.body }),
});

describe('startSimServer', () => {
  it('listens on a free port on 127.0.0.1 and hands the handler the request', async () => {
    const server = await startSimServer(echo, { port: 0 });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      const res = await fetch(`${server.url}/some/path?Action=X&a=b%20c`, { method: 'POST', headers: { 'X-Amz-Target': 'T.Op' }, body: 'ünï' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ method: 'POST', path: '/some/path', query: { Action: 'X', a: 'b c' }, target: 'T.Op', body: 'ünï' });
    } finally {
      await server.close();
    }
  });

  it('rejects with EADDRINUSE when the port is taken, and close() frees the port', async () => {
    const first = await startSimServer(echo, { port: 0 });
    await expect(startSimServer(echo, { port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    // A keep-alive connection must not hold close() open.
    await fetch(first.url, { headers: { connection: 'keep-alive' } });
    await first.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(first.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });

  it('answers 500 rather than crashing when a handler rejects', async () => {
    const server = await startSimServer(async () => { throw new Error('boom'); }, { port: 0 });
    try {
      expect((await fetch(server.url)).status).toBe(500);
    } finally {
      await server.close();
    }
  });
});
