import { describe, expect, it } from 'vitest';
import { changesSince, keyFacts } from '../../source/triage/changes-since.js';
import { triage } from '../../source/triage/engine.js';
import type { Evidence } from '../../source/triage/evidence.js';
import { missing } from '../../source/triage/evidence.js';
import type { TriageRun } from '../../source/triage/run.js';
import { makeStatus } from '../helpers/fake-model.js';
import { at, healthy, scenario, series } from './evidence-fixtures.js';

const runOf = (evidence: Evidence): TriageRun => ({ evidence, result: triage(evidence), timeline: [] });

/** The same instance an hour later: healthy, memory flat at 55 %, no kill in the logs. */
function hourLater(base: Evidence = healthy()): Evidence {
  return { ...base, gatheredAt: at('04:00:00'), window: { from: at('03:00:00'), to: at('04:00:00') }, metrics: { ...base.metrics, mem: series(() => 55, 60) } };
}

describe('changesSince', () => {
  it('says memory now and then, that no kill came after the earlier run, and the status checks', () => {
    const before = runOf(scenario('oom'));
    const line = changesSince(before, runOf(hourLater()));
    expect(line).toMatch(/^since \d\d:\d\d: healthy \(was oom\); memory 55 % \(was \d+ %\), CPU 18 %, disk 41 %, no new kill; status checks ok$/);
  });

  it('counts a kill after the earlier run as new, and one before it as old', () => {
    const oom = scenario('oom');
    const before = runOf({ ...oom, gatheredAt: at('02:50:00') });
    expect(changesSince(before, runOf(oom))).toContain('no new kill');
    const earlier = runOf({ ...oom, gatheredAt: at('02:30:00') });
    expect(changesSince(earlier, runOf(oom))).toContain('1 new OOM kill');
  });

  it('says a status check that broke since, and says nothing of what was not read', () => {
    const broken: Evidence = { ...hourLater(), status: { ...makeStatus(healthy().instance), instance: { status: 'impaired', details: [] } } };
    expect(changesSince(runOf(healthy()), runOf(broken))).toContain('status checks impaired (was ok)');
    const unread: Evidence = { ...hourLater(), consoleOutput: missing('denied', 'denied'), logs: missing('denied', 'denied'), status: missing('denied', 'denied') };
    const line = changesSince(runOf(healthy()), runOf(unread));
    expect(line).not.toContain('kill');
    expect(line).not.toContain('status checks');
    expect(keyFacts(runOf(unread)).kills).toBeUndefined();
  });

  it('names a cause that stays and a confidence that moved', () => {
    const oom = runOf(scenario('oom'));
    const line = changesSince(oom, oom);
    expect(line).toContain('still oom');
    expect(line).not.toContain('confidence');
  });
});
