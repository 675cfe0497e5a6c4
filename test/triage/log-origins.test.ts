// A finding from a log line carries that line's address (built once, where rules-logs.ts builds the finding),
// and the Logs step keeps it per line for the triage pane's Enter.
import { describe, expect, test } from 'vitest';
import { triage } from '../../source/triage/engine.js';
import { pickLogGroups, pickLogGroupsWithReason, LOG_GROUPS_TAG } from '../../source/triage/log-sources.js';
import { stepsOf } from '../../source/triage/steps.js';
import { buildTimeline } from '../../source/triage/timeline.js';
import { ID, scenario } from './evidence-fixtures.js';

describe('log origins on findings', () => {
  test('the OOM finding quotes log group events with their group, stream, time and text', () => {
    const result = triage(scenario('oom'));
    const oom = result.findings.find((f) => f.id === 'oom-kill');
    const origins = (oom?.evidence ?? []).map((r) => r.origin);
    expect(origins.length).toBeGreaterThan(0);
    for (const [i, o] of origins.entries()) {
      expect(o?.kind).toBe('group');
      if (o?.kind !== 'group') continue;
      expect(o.group).toBe('/pettracker/ec2/system');
      expect(o.stream).toBe(ID);
      expect(o.line).toBe(oom?.evidence?.[i]?.label);
      expect(o.timestamp.toISOString()).toBe('2024-01-15T02:45:12.000Z');
    }
  });

  test('console matches carry their line number; the Logs step links its result and quoted lines', () => {
    const evidence = scenario('instance-check-failed');
    const result = triage(evidence);
    const consoleRefs = result.findings.flatMap((f) => f.evidence ?? []).filter((r) => r.origin?.kind === 'console');
    expect(consoleRefs.length).toBeGreaterThan(0);
    const text = evidence.consoleOutput !== undefined && 'text' in evidence.consoleOutput ? evidence.consoleOutput.text.split('\n') : [];
    for (const r of consoleRefs) {
      if (r.origin?.kind !== 'console') continue;
      expect(text[r.origin.lineNumber - 1]).toBe(r.origin.line);
    }
    const oomEvidence = scenario('oom');
    const oomResult = triage(oomEvidence);
    const run = { evidence: oomEvidence, result: oomResult, timeline: buildTimeline({ calls: [], findings: oomResult.findings, fallback: oomEvidence.gatheredAt }) };
    const logs = stepsOf(run).steps.find((s) => s.id === 'logs');
    expect(logs?.resultOrigin?.line).toMatch(/Kill(ed)? process 1234/);
    expect(logs?.detailOrigins?.length).toBe(logs?.details.length);
    // Each linked detail is the quoted line itself.
    logs?.details.forEach((d, i) => {
      const o = logs.detailOrigins?.[i];
      if (o !== undefined && d.startsWith('Jan ')) expect(o.line.trim()).toBe(d);
    });
  });

  test('the group rule says how it picked each group; pickLogGroups is the same rule', () => {
    const inst = scenario('oom').instance;
    const groups = ['/pettracker/ml-server', '/other/x'].map((name) => ({ name, creationTime: undefined, storedBytes: undefined, retentionInDays: undefined }));
    expect(pickLogGroupsWithReason(inst, groups).map((p) => [p.group.name, p.how])).toEqual([['/pettracker/ml-server', `Name tag "pettracker" in the group name; streams named after ${ID}`]]);
    const tagged = { ...inst, tags: { ...inst.tags, [LOG_GROUPS_TAG]: '/other/x' } };
    expect(pickLogGroupsWithReason(tagged, groups).map((p) => p.how)).toEqual([`tag ${LOG_GROUPS_TAG}`]);
    expect(pickLogGroups(tagged, groups).map((g) => g.name)).toEqual(['/other/x']);
  });
});
