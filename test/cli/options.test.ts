import { describe, expect, it } from 'vitest';
import {
  parseEndpointUrl,
  parseInteger,
  parsePositive,
  parseRegion,
  parseScenario,
  UsageError,
} from '../../source/cli/options.js';

describe('command-line value parsing', () => {
  it.each([
    ['15', 15],
    [' 7 ', 7],
    ['1', 1],
    ['3600', 3600],
  ])('parseInteger accepts %j', (raw, value) => {
    expect(parseInteger(raw, '--refresh', 1, 3600)).toBe(value);
  });

  it.each([
    ['-1', /between 1 and 3600, got -1/],
    ['0', /between 1 and 3600/],
    ['1.5', /whole number/],
    ['abc', /whole number, got 'abc'/],
    ['', /whole number/],
  ])('parseInteger rejects %j with one line', (raw, message) => {
    expect(() => parseInteger(raw, '--refresh', 1, 3600)).toThrow(message);
    expect(() => parseInteger(raw, '--refresh', 1, 3600)).toThrow(UsageError);
  });

  it('parsePositive takes fractions and rejects zero, negatives and junk', () => {
    expect(parsePositive('0.5', '--speed', 100)).toBe(0.5);
    expect(parsePositive('60', '--speed', 100)).toBe(60);
    expect(() => parsePositive('0', '--speed', 100)).toThrow(/greater than 0/);
    expect(() => parsePositive('-3', '--speed', 100)).toThrow(/greater than 0/);
    expect(() => parsePositive('fast', '--speed', 100)).toThrow(/must be a number/);
    expect(() => parsePositive('1000', '--speed', 100)).toThrow(/at most 100/);
  });

  it('parseEndpointUrl wants http(s) with a host and drops a trailing slash', () => {
    expect(parseEndpointUrl('http://127.0.0.1:4566/')).toBe('http://127.0.0.1:4566');
    expect(parseEndpointUrl('https://ec2.us-east-1.amazonaws.com')).toBe('https://ec2.us-east-1.amazonaws.com');
    expect(() => parseEndpointUrl('localhost:4566')).toThrow(/http:\/\/ or https:\/\//);
    expect(() => parseEndpointUrl('not a url')).toThrow(/must be a URL/);
    expect(() => parseEndpointUrl('ftp://x')).toThrow(UsageError);
  });

  it('parseScenario names the valid choices', () => {
    expect(parseScenario('oom', ['oom', 'healthy'])).toBe('oom');
    expect(() => parseScenario('meltdown', ['oom', 'healthy'])).toThrow("unknown scenario 'meltdown'; choose one of: oom, healthy");
  });

  it('parseRegion accepts region names only', () => {
    expect(parseRegion('us-east-1')).toBe('us-east-1');
    expect(parseRegion('us-gov-west-1')).toBe('us-gov-west-1');
    expect(() => parseRegion('useast1')).toThrow(/AWS region/);
  });
});
