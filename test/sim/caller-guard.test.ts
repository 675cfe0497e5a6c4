// Issue 10: the fleet's server answers requests addressed to it on loopback, not web pages or rebinding DNS names.
import { describe, expect, it } from 'vitest';
import { allowedHostNames, checkCaller } from '../../source/sim/caller-guard.js';

const names = allowedHostNames('127.0.0.1');
const verdict = (headers: Record<string, string>): string => checkCaller(headers, names)?.code ?? 'ok';

describe('checkCaller', () => {
  it.each([
    ['127.0.0.1:4566', 'ok'],
    ['127.0.0.1', 'ok'],
    ['localhost:4566', 'ok'],
    ['LOCALHOST', 'ok'],
    ['evil.example:4566', 'InvalidHostHeader'],
    ['127.0.0.1.evil.example', 'InvalidHostHeader'],
    ['localhost.evil.example:80', 'InvalidHostHeader'],
    ['127.0.0.1:4566@evil', 'InvalidHostHeader'],
    ['127.0.0.1:', 'InvalidHostHeader'],
    ['', 'InvalidHostHeader'],
  ])('Host %j → %s', (host, expected) => {
    expect(verdict(host === '' ? {} : { host })).toBe(expected);
  });

  it.each([
    ['http://127.0.0.1:4566', 'ok'],
    ['http://localhost', 'ok'],
    ['http://evil.example', 'AccessDenied'],
    ['https://127.0.0.1:4566', 'AccessDenied'],
    ['null', 'AccessDenied'],
    ['http://127.0.0.1:4566/path', 'AccessDenied'],
  ])('Origin %j → %s', (origin, expected) => {
    expect(verdict({ host: '127.0.0.1:4566', origin })).toBe(expected);
  });

  it('answers to the address it listens on, bracketed for IPv6', () => {
    expect(allowedHostNames('::1')).toContain('[::1]');
    expect(checkCaller({ host: '[::1]:4566' }, allowedHostNames('::1'))).toBeUndefined();
    expect(checkCaller({ host: '[::1]:4566' }, names)?.code).toBe('InvalidHostHeader');
  });
});
