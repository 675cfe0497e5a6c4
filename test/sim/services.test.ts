import { describe, expect, it } from 'vitest';
import { signedService } from '../../source/sim/handler.js';
import { SimError } from '../../source/sim/protocol/errors.js';
import { cloudwatchOperations } from '../../source/sim/services/cloudwatch.js';
import { ec2Operations } from '../../source/sim/services/ec2.js';
import { readTimestamp, wildcardMatch } from '../../source/sim/services/input.js';
import { compileLogFilter } from '../../source/sim/services/log-filter.js';
import { NOW, createFakeWorld } from './helpers/fake-world.js';

const fail = (message: string): SimError => new SimError('Bad', message);

describe('log filter patterns', () => {
  const cases: [pattern: string, message: string, expected: boolean][] = [
    ['', 'anything', true],
    ['ERROR', 'ERROR disk full', true],
    ['ERROR', 'error disk full', false],
    ['ERROR disk', 'disk ERROR', true],
    ['ERROR disk', 'ERROR only', false],
    ['"disk full"', 'ERROR disk full', true],
    ['"disk full"', 'full disk', false],
    ['?ERROR ?WARN', 'WARN low', true],
    ['?ERROR ?WARN', 'INFO ok', false],
    ['ERROR -retry', 'ERROR retry 3', false],
    ['ERROR -retry', 'ERROR fatal', true],
    ['"-x"', 'a -x b', true],
  ];
  it.each(cases)('%j on %j → %s', (pattern, message, expected) => {
    expect(compileLogFilter(pattern)(message)).toBe(expected);
  });

  it('rejects JSON and space-delimited patterns, and unbalanced quotes', () => {
    for (const pattern of ['{ $.a = 1 }', '[ip, user]', '"open']) {
      expect(() => compileLogFilter(pattern)).toThrow(SimError);
    }
  });
});

describe('input readers', () => {
  it('matches EC2 wildcards literally otherwise', () => {
    expect(wildcardMatch('web-*', 'web-12')).toBe(true);
    expect(wildcardMatch('web-?', 'web-12')).toBe(false);
    expect(wildcardMatch('a.b', 'axb')).toBe(false);
    expect(wildcardMatch('(x)+', '(x)+')).toBe(true);
  });

  it('reads timestamps as epoch seconds, numeric text or ISO 8601', () => {
    expect(readTimestamp(1_717_243_200, 'T', fail)).toBe(1_717_243_200_000);
    expect(readTimestamp(1_717_243_200.5, 'T', fail)).toBe(1_717_243_200_500);
    expect(readTimestamp('1717243200', 'T', fail)).toBe(1_717_243_200_000);
    expect(readTimestamp('2024-06-01T12:00:00Z', 'T', fail)).toBe(1_717_243_200_000);
    expect(readTimestamp(undefined, 'T', fail)).toBeUndefined();
    expect(() => readTimestamp('yesterday', 'T', fail)).toThrow(SimError);
  });

  it('reads the SigV4 credential scope', () => {
    expect(signedService('AWS4-HMAC-SHA256 Credential=AKID/20240601/us-east-1/monitoring/aws4_request, SignedHeaders=host')).toBe('monitoring');
    expect(signedService(undefined)).toBeUndefined();
  });
});

describe('operations on the fake world', () => {
  const world = createFakeWorld();
  const code = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      return (error as SimError).code;
    }
    return 'no error';
  };

  it('validates EC2 input as EC2 does', () => {
    const describe = ec2Operations.DescribeInstances;
    expect(describe).toBeDefined();
    if (describe === undefined) return;
    expect(code(() => describe(world, { InstanceId: ['i-1'] }))).toBe('InvalidInstanceID.Malformed');
    expect(code(() => describe(world, { MaxResults: '1001' }))).toBe('InvalidParameterValue');
    expect(code(() => describe(world, { MaxResults: 'five' }))).toBe('InvalidParameterValue');
    expect(code(() => describe(world, { InstanceId: ['i-00000000000000001', 'i-00000000000000099', 'i-000000000000000aa'] }))).toBe('InvalidInstanceID.NotFound');
    expect(code(() => ec2Operations.GetConsoleOutput?.(world, {}))).toBe('MissingParameter');
  });

  it('validates CloudWatch input as CloudWatch does', () => {
    const stats = cloudwatchOperations.GetMetricStatistics;
    if (stats === undefined) throw new Error('missing GetMetricStatistics');
    const base = { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', StartTime: (NOW - 3_600_000) / 1000, EndTime: NOW / 1000, Period: 300 };
    expect(code(() => stats(world, base))).toBe('MissingParameter');
    expect(code(() => stats(world, { ...base, Statistics: ['p99'] }))).toBe('InvalidParameterValue');
    expect(code(() => stats(world, { ...base, Statistics: ['Average'], ExtendedStatistics: ['p99'] }))).toBe('InvalidParameterValue');
    expect(code(() => stats(world, { ...base, Statistics: ['Average'], Period: 0 }))).toBe('InvalidParameterValue');
    expect(code(() => stats(world, { ...base, Statistics: ['Average'], Period: 1 }))).toBe('InvalidParameterCombination');
  });
});

describe('wildcardMatch against hostile patterns', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['?', '', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['*.example', 'web.example', true],
    ['web-??', 'web-12', true],
    ['**a**', 'bab', true],
    ['ec2:*', 'ec2:StopInstances', true],
    ['ec2:Stop*', 'cloudwatch:StopX', false],
  ])('%j on %j → %s', (pattern, text, expected) => {
    expect(wildcardMatch(pattern, text)).toBe(expected);
  });

  it('answers a backtracking pattern (`*a` × 5,000 then b) on a long name without stalling', () => {
    // A regular expression built from this pattern would not finish; the matcher is pattern × text at worst.
    expect(wildcardMatch(`${'*a'.repeat(5000)}b`, 'a'.repeat(2000))).toBe(false);
  });
});
