// --diagnostics in the TUI: the header says so; t shows the host checks verbatim before the first host-check run;
// Enter runs them with the triage (and for the rest of the session), Esc triages without them.
import { afterEach, describe, expect, test } from 'vitest';
import { HOST_CHECKS } from '../../source/domain/host-checks.js';
import { hostChecksPreviewLines } from '../../source/ui/dialogs/host-checks-preview.js';
import { createFakeModel, makeInstance } from '../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

async function open(hasDiagnostics: boolean) {
  const instance = makeInstance(1);
  const fake = createFakeModel({ instances: [instance], hasDiagnostics });
  const app = await renderApp(fake.model, { columns: 160, rows: 60 });
  cleanup = app.unmount;
  return { fake, app, instance };
}

describe('host checks preview', () => {
  test('every check and every command is in the preview, verbatim, with the instance and how it runs', () => {
    const instance = makeInstance(1);
    const text = hostChecksPreviewLines(instance, 400).map((l) => l.text).join('\n');
    expect(text).toContain(`On ${instance.name} (${instance.id}): read-only; run through SSM Run Command AWS-RunShellScript.`);
    for (const check of HOST_CHECKS) {
      expect(text).toContain(`${check.title} check`);
      for (const section of check.sections) {
        expect(text).toContain(section.what);
        expect(text).toContain(`$ ${section.command}`);
      }
    }
    // Narrow: a long command is broken over rows, never cut.
    const rows = hostChecksPreviewLines(instance, 60).filter((l) => l.tone === 'command').map((l) => l.text);
    // Each command starts with its prompt; its continuation rows line up under it, with no prompt of their own.
    expect(rows.filter((r) => r.startsWith('    $ '))).toHaveLength(HOST_CHECKS.flatMap((c) => c.sections).length);
    expect(rows.every((r) => r.startsWith('    $ ') || r.startsWith('      '))).toBe(true);
    expect(rows.every((r) => r.length <= 60)).toBe(true);
    const narrow = rows.map((r) => r.slice(6)).join('');
    for (const check of HOST_CHECKS) for (const section of check.sections) expect(narrow.replace(/\s/g, '')).toContain(section.command.replace(/\s/g, ''));
  });

  test('the header says diagnostics on only with --diagnostics', async () => {
    const on = await open(true);
    expect(frame(on.app.lastFrame)).toContain('diagnostics on');
    cleanup?.();
    const off = await open(false);
    expect(frame(off.app.lastFrame)).not.toContain('diagnostics on');
  });

  test('t opens the preview first; Enter runs the triage with the host checks, and later runs ask no more', async () => {
    const { fake, app } = await open(true);
    await press(app.stdin, 't');
    const text = flat(frame(app.lastFrame));
    expect(text).toContain('Host checks: run these on the instance?');
    expect(text).toContain('read-only; run through SSM Run Command AWS-RunShellScript');
    expect(text).toContain('$ free -m');
    expect(fake.calls.triaged).toHaveLength(0);
    await press(app.stdin, KEYS.enter);
    expect(fake.calls.triageWithHostChecks).toEqual([true]);
    expect(flat(frame(app.lastFrame))).not.toContain('Host checks: run these on the instance?');
    await press(app.stdin, 't');
    expect(fake.calls.triageWithHostChecks).toEqual([true, true]);
    expect(flat(frame(app.lastFrame))).not.toContain('Host checks: run these on the instance?');
  });

  test('Esc triages without the host checks, and the next t asks again', async () => {
    const { fake, app } = await open(true);
    await press(app.stdin, 't');
    await press(app.stdin, KEYS.escape);
    expect(fake.calls.triageWithHostChecks).toEqual([false]);
    expect(flat(frame(app.lastFrame))).toContain('Triage without host checks: nothing was sent to the instance');
    await press(app.stdin, 't');
    expect(flat(frame(app.lastFrame))).toContain('Host checks: run these on the instance?');
  });

  test('without --diagnostics t triages at once, no preview', async () => {
    const { fake, app } = await open(false);
    await press(app.stdin, 't');
    expect(fake.calls.triageWithHostChecks).toEqual([false]);
    expect(flat(frame(app.lastFrame))).not.toContain('Host checks');
  });
});
