// Issue 10: Query parsing is linear and bounded; a request past a limit is an AWS error, never a heap exhausted.
import { describe, expect, it } from 'vitest';
import { SimError } from '../../source/sim/protocol/errors.js';
import { QUERY_LIMITS, checkQueryLimits, parseForm, unflattenQuery } from '../../source/sim/protocol/query-form.js';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof SimError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'ok';
}

describe('parseForm', () => {
  it('decodes + and %-escapes, keeps empty values and bare keys, skips empty pairs', () => {
    expect(parseForm('A=b+c%2A&&Empty=&Bare&%C3%BC=%E2%9C%93')).toEqual({ A: 'b c*', Empty: '', Bare: '', ü: '✓' });
  });

  it.each([
    ['a bad %-escape', 'Action=DescribeInstances&Filter.1.Name=%zz'],
    ['a truncated %-escape', 'Action=%E2%9C'],
    ['bytes that are not UTF-8', 'Action=%ff%fe'],
    ['a lone surrogate', 'Action=%ED%A0%80'],
  ])('refuses %s with 400 MalformedQueryString', (_name, body) => {
    expect(codeOf(() => parseForm(body))).toBe('400 MalformedQueryString');
  });

  it('refuses more fields than the limit with 400 InvalidQueryParameter, and accepts exactly the limit', () => {
    const limits = { maxParameters: 50, maxDepth: 16 };
    const fields = (n: number): string => Array.from({ length: n }, (_, i) => `P${i}=x`).join('&');
    expect(Object.keys(parseForm(fields(50), limits))).toHaveLength(50);
    expect(codeOf(() => parseForm(fields(51), limits))).toBe('400 InvalidQueryParameter');
  });

  it('keeps __proto__ as an ordinary field of a prototype-less record', () => {
    const fields = parseForm('__proto__=x&constructor=y');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('unflattenQuery limits', () => {
  it('accepts the deepest parameter the fleet reads (9 segments) and refuses one past maxDepth', () => {
    const deepest = 'MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name';
    expect(unflattenQuery({ [deepest]: 'InstanceId' })).toEqual({
      MetricDataQueries: [{ MetricStat: { Metric: { Dimensions: [{ Name: 'InstanceId' }] } } }],
    });
    const tooDeep = `Filter${'.1'.repeat(QUERY_LIMITS.maxDepth)}`;
    expect(codeOf(() => unflattenQuery({ [tooDeep]: 'x' }))).toBe('400 InvalidQueryParameter');
    expect(codeOf(() => unflattenQuery({ [`Filter${'.1'.repeat(QUERY_LIMITS.maxDepth - 1)}`]: 'x' }))).toBe('ok');
  });

  it('refuses the issue\'s 100,000-segment parameter from its name alone, naming only its start', () => {
    const key = `Filter${'.1'.repeat(100_000)}`;
    let error: unknown;
    try {
      unflattenQuery(parseForm(`Action=DescribeInstances&${key}=x`));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SimError);
    expect((error as SimError).code).toBe('InvalidQueryParameter');
    expect((error as SimError).message.length).toBeLessThan(300);
  });

  it('counts the URL and body fields together', () => {
    const many = Object.fromEntries(Array.from({ length: QUERY_LIMITS.maxParameters + 1 }, (_, i) => [`P${i}`, 'x']));
    expect(codeOf(() => checkQueryLimits(many))).toBe('400 InvalidQueryParameter');
  });

  it('builds wide requests at the limit: 20,000 InstanceId.N into one list in index order', () => {
    const fields = Object.fromEntries(Array.from({ length: QUERY_LIMITS.maxParameters }, (_, i) => [`InstanceId.${i + 1}`, `i-${i}`]));
    const tree = unflattenQuery(fields);
    expect(tree.InstanceId).toHaveLength(QUERY_LIMITS.maxParameters);
    expect((tree.InstanceId as string[])[19_999]).toBe('i-19999');
  });
});
