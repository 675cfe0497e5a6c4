// `b`: the runbooks by name, each with when it applies, the applicable one preselected; choosing one runs it.
import { afterEach, describe, expect, test } from 'vitest';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import type { ChecklistRun } from '../../source/triage/run.js';
import { applicableRunbook, initialRunbookIndex, RUNBOOK_IDS, runbookPickerLines } from '../../source/ui/dialogs/runbook-picker.js';
import { createFakeModel, impaired, makeFleet, makeInstance, makeStatus, T0 } from '../helpers/fake-model.js';
import { displayWidth, frame, KEYS, press, pressAll, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const web = makeInstance(1, { name: 'web-1' });
const stopped = makeInstance(2, { name: 'batch-2', state: 'stopped' });

/** A finished run of `instance` whose diagnosis is `cause`. */
const diagnosed = (instance: typeof web, cause: string, title: string): ChecklistRun =>
  ({ instanceId: instance.id, instanceName: instance.name, steps: [], findings: [], conclusion: undefined, startedAt: T0, finishedAt: T0, engine: { result: { diagnosis: { cause, title } } } }) as unknown as ChecklistRun;

describe('which runbook applies', () => {
  test.each([
    ['the last triage: OOM → high memory', web, undefined, diagnosed(web, 'oom', 'Out of memory'), 'high-memory', 'triage: Out of memory'],
    ['the last triage: SSH blocked → can\'t SSH', web, undefined, diagnosed(web, 'ssh-blocked', 'Port 22 closed'), 'cant-ssh', 'triage: Port 22 closed'],
    ['an impaired status check', web, makeStatus(web, { system: impaired() }), undefined, 'status-check-failed', 'a status check is impaired'],
    ['a stopped instance', stopped, undefined, undefined, 'wont-start', 'the instance is stopped'],
  ] as const)('%s', (_, instance, status, run, id, why) => {
    expect(applicableRunbook(instance, status, run)).toEqual({ id, why });
    expect(RUNBOOK_IDS[initialRunbookIndex(applicableRunbook(instance, status, run))]).toBe(id);
  });

  test('another instance\'s triage says nothing about this one; nothing applies to a healthy instance', () => {
    expect(applicableRunbook(web, makeStatus(web), diagnosed(stopped, 'oom', 'Out of memory'))).toBeUndefined();
    expect(initialRunbookIndex(undefined)).toBe(0);
  });

  test('every runbook is listed by name with its one line from its definition, none wider than the dialog', () => {
    const { lines, entryLines } = runbookPickerLines(web, { id: 'disk-full', why: 'triage: Disk full' }, 'cant-ssh', 5, 60);
    const text = lines.map((l) => l.text).join('\n');
    for (const [i, id] of RUNBOOK_IDS.entries()) {
      expect(lines[entryLines[i] ?? -1]?.text).toContain(`${i + 1}. ${RUNBOOKS[id].title}`);
      expect(text.replace(/\s+/g, ' ')).toContain(RUNBOOKS[id].whenItApplies.replace(/\s+/g, ' '));
    }
    expect(lines[entryLines[5] ?? -1]?.text).toMatch(/^› 6\. Disk full — applies: triage: Disk full/);
    expect(text).toMatch(/2\. Can't SSH — last run/);
    for (const line of lines) expect(displayWidth(line.text)).toBeLessThanOrEqual(60);
  });
});

describe('the runbook picker in the app', () => {
  test('80×24: b opens it on the applicable runbook, ↓ and Enter run the chosen one on the selected instance', async () => {
    const fake = createFakeModel({ instances: [stopped, web] });
    const app = await renderApp(fake.model, { columns: 80, rows: 24 });
    cleanup = app.unmount;
    await press(app.stdin, 'b');
    const text = frame(app.lastFrame);
    expect(text).toContain('Runbooks: pick one to run');
    expect(text).toMatch(/› 3\. Won't start — applies: the instance is stopped/);
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    await pressAll(app.stdin, [KEYS.down, KEYS.down, KEYS.enter]);
    expect(fake.calls.triaged.at(-1)?.id).toBe(stopped.id);
    expect(fake.calls.triageOptions.at(-1)).toEqual({ runbook: 'high-memory' });
    expect(frame(app.lastFrame)).not.toContain('Runbooks: pick one to run');
    expect(frame(app.lastFrame)).toContain('Running the High memory runbook on batch-2');
  });

  test('a number runs that runbook; Esc closes without running anything', async () => {
    const fake = createFakeModel({ instances: [web] });
    fake.fleet.set(makeFleet([web]));
    const app = await renderApp(fake.model, { columns: 120, rows: 40 });
    cleanup = app.unmount;
    await press(app.stdin, 'b');
    expect(frame(app.lastFrame)).toContain('None is known to apply yet: t triages the instance');
    await press(app.stdin, KEYS.escape);
    expect(fake.calls.triaged).toHaveLength(0);
    expect(frame(app.lastFrame)).not.toContain('Runbooks: pick one to run');
    await pressAll(app.stdin, ['b', '2']);
    expect(fake.calls.triageOptions).toEqual([{ runbook: 'cant-ssh' }]);
  });
});
