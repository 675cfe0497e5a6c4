import { describe, expect, it } from 'vitest';
import type { BudgetSnapshot, PollerEntry } from '../../source/model/budget.js';
import { budgetFooterText, budgetLines, formatUsd } from '../../source/ui/budget-lines.js';
import { statusText } from '../../source/ui/components/footer.js';
import { cpuScopeText } from '../../source/ui/panes/instance-list/instance-list.js';

const AT = 1_000_000;
const entry = (over: Partial<PollerEntry> & Pick<PollerEntry, 'name'>): PollerEntry => ({
  state: 'normal', intervalMs: 15_000, baseIntervalMs: 15_000, priority: 1, metricsPerRefresh: 0, ...over,
});
const snapshot = (over: Partial<BudgetSnapshot> = {}): BudgetSnapshot => ({
  at: AT,
  recent: { ec2: Array.from({ length: 30 }, () => AT - 1_000), cloudwatch: [AT - 70_000, ...Array.from({ length: 10 }, () => AT - 5_000)], logs: [AT - 2_000, AT - 3_000], ssm: [] },
  throttles: 3,
  pollers: [
    entry({ name: 'charts', priority: 0, intervalMs: 60_000, baseIntervalMs: 60_000, metricsPerRefresh: 6 }),
    entry({ name: 'instances' }),
    entry({ name: 'CPU column', priority: 2, intervalMs: 300_000, baseIntervalMs: 300_000, metricsPerRefresh: 2_400 }),
  ],
  maxCallsPerMinute: undefined,
  ...over,
});

describe('the budget in words', () => {
  it('the footer part: calls of the last minute and the estimated cost per hour', () => {
    // 6×60 + 2,400×12 = 29,160 metrics an hour at $0.01 per 1,000
    expect(budgetFooterText(snapshot())).toBe('42 calls/min · ~$0.29/h');
  });

  it('a throttled poller takes the footer part, with how many more are slowed', () => {
    const throttled = snapshot({ pollers: [entry({ name: 'instances', state: 'throttled', intervalMs: 30_000 }), entry({ name: 'alarms', state: 'waiting for budget', intervalMs: 20_000 })] });
    expect(budgetFooterText(throttled)).toBe('instances every 30 s: throttled (+1)');
  });

  it('the full view: calls by service, throttles, each poller, the estimate with its price and date', () => {
    const lines = budgetLines(snapshot({ maxCallsPerMinute: 100 }));
    expect(lines[0]).toBe('Calls in the last minute: 42 (cap 100/min)');
    expect(lines[1]).toBe('  ec2 30 · cloudwatch 10 · logs 2 · ssm 0');
    expect(lines[2]).toBe('Throttled answers: 3');
    expect(lines).toContain('  charts every 60 s · 6 metrics each');
    expect(lines).toContain('  instances every 15 s');
    expect(lines).toContain('  CPU column every 5 min · 2,400 metrics each');
    expect(lines.at(-2)).toBe('CloudWatch estimate: ~$0.29/h for ~29,160 metrics requested per hour');
    expect(lines.at(-1)).toMatch(/^ {2}at \$0\.01 per 1,000 metrics \(GetMetricData, us-east-1, pricing page as of \d{4}-\d{2}-\d{2}\); an estimate, not your bill$/);
    // a later `now` lets the minute slide
    expect(budgetLines(snapshot(), AT + 58_500)[0]).toBe('Calls in the last minute: 30 (no cap: --max-calls-per-minute)');
  });

  it('formats small and large estimates', () => {
    expect([0, 0.0036, 0.29, 12.1].map(formatUsd)).toEqual(['$0', '$0.004', '$0.29', '$12.10']);
  });

  it('the footer shows the budget part only when the key hints keep room', () => {
    expect(statusText('refreshed 3s ago', snapshot(), 120)).toBe('42 calls/min · ~$0.29/h · refreshed 3s ago');
    expect(statusText('refreshed 3s ago', snapshot(), 60)).toBe('refreshed 3s ago');
    expect(statusText('refreshed 3s ago', undefined, 120)).toBe('refreshed 3s ago');
  });

  it("the list header says when a large fleet's CPU column covers only some rows", () => {
    expect(cpuScopeText({ asked: 24, total: 10_009 })).toBe('  CPU for 24 of 10,009 shown');
    expect(cpuScopeText(undefined)).toBe('');
  });
});
