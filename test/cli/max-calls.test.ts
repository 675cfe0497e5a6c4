import { describe, expect, it } from 'vitest';
import { resolveDemoConfig } from '../../source/cli/config.js';
import { UsageError } from '../../source/cli/options.js';

describe('--max-calls-per-minute', () => {
  it('is absent unless given, a whole number of at least 1 when given', () => {
    expect(resolveDemoConfig({ demo: true }).maxCallsPerMinute).toBeUndefined();
    expect(resolveDemoConfig({ demo: true, maxCallsPerMinute: '120' }).maxCallsPerMinute).toBe(120);
    expect(() => resolveDemoConfig({ demo: true, maxCallsPerMinute: '0' })).toThrow(new UsageError('--max-calls-per-minute must be between 1 and 100000, got 0'));
    expect(() => resolveDemoConfig({ demo: true, maxCallsPerMinute: '1.5' })).toThrow(UsageError);
  });
});
