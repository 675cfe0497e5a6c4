// Steps several e2e files take the same way: select an instance by name, confirm a stop-and-start by typing.
import { KEYS, type PtySession } from '../helpers/pty.js';

/** Filters the list to `name` and waits until it is the selected instance. */
export async function selectByName(s: PtySession, name: string): Promise<void> {
  await s.waitFor((t) => t.includes(name), 20_000);
  s.press(`/${name}`);
  s.press(KEYS.enter);
  await s.waitFor((t) => new RegExp(`Status\\s+${name}`).test(t) && t.includes('1 of'));
}

/** From the list, before any triage: the menu's stop-and-start, DryRun allowed, `typed` (the id or Name) typed, Enter runs it. */
export async function confirmStopStart(s: PtySession, typed: string): Promise<void> {
  s.press('a');
  // Before any triage the menu lists the app's own actions, Stop and start last.
  await s.waitFor((t) => t.includes('6. Stop and start'));
  s.press('6');
  await s.waitFor((t) => t.includes('✔ DryRun: you may call'), 15_000);
  // The exact text is the consent: it focuses Run, and Enter runs.
  s.press(typed);
  await s.waitFor((t) => t.includes('[> Run <]'));
  s.press(KEYS.enter);
}
