// Keeps the running app's session on disk (session-file.ts does the file): what is news to the file, the writer,
// and the line printed on the way out with the command that resumes it.
import { resolve as resolvePath } from 'node:path';
import type { SessionFileState } from '../model/session-types.js';
import type { AppModel } from '../model/types.js';
import type { TuiConfig } from './config.js';
import { journalDir } from './journal-file.js';
import { createSessionWriter, runsOf, secretsOf, sessionFileName, sessionTarget } from './session-file.js';

/** The way back to a session: where it is kept and the command that reopens it. */
export function handOverLine(file: SessionFileState): string {
  const quoted = /^[\w./@:+-]+$/.test(file.path) ? file.path : `'${file.path.replace(/'/g, "'\\''")}'`;
  return `ec2-triage: session kept in ${file.path}${file.failure === undefined ? '' : ` (${file.failure})`}; to resume: ec2-triage --resume ${quoted}`;
}

/**
 * Keeps the session file: written ~500 ms after a change of the notes, the runs or the journal; the model's
 * session store is told where it is. Nothing is written before there is something to keep.
 */
export function keepSession(model: AppModel, config: TuiConfig, session: { readonly who: string; readonly startedAt: number; readonly now: () => number }) {
  const seed = config.kind === 'demo' ? config.fleet.seed : undefined;
  const target = sessionTarget(model.target, seed);
  const path = config.resume?.path ?? (config.sessionFile === undefined ? undefined : resolvePath(config.sessionFile));
  // A file named on the command line (or reopened) is where the session goes: said from the start.
  if (path !== undefined) model.session.setFile({ path });
  const writer = createSessionWriter({
    ...(path === undefined ? {} : { path }),
    secrets: secretsOf(model.target),
    dir: journalDir(),
    name: sessionFileName(session.startedAt, process.pid),
    now: session.now,
    onState: (state) => model.session.setFile(state),
    read: () => {
      const { notes } = model.session.getSnapshot();
      const history = model.runs.getSnapshot();
      const { journal } = model.actions.getSnapshot();
      if (notes.length === 0 && history.size === 0 && journal.length === 0 && config.resume === undefined) return undefined;
      return { version: 1, target, who: session.who, startedAt: session.startedAt, notes, runs: runsOf(history), journal };
    },
  });
  // Only what the file keeps is news: a step of an action in flight, a new frame of the view are not.
  let seen = { notes: model.session.getSnapshot().notes, runs: model.runs.getSnapshot(), journal: model.actions.getSnapshot().journal };
  const onChange = (): void => {
    const next = { notes: model.session.getSnapshot().notes, runs: model.runs.getSnapshot(), journal: model.actions.getSnapshot().journal };
    if (next.notes === seen.notes && next.runs === seen.runs && next.journal === seen.journal) return;
    seen = next;
    writer.schedule();
  };
  const unsubscribe = [model.session.subscribe(onChange), model.runs.subscribe(onChange), model.actions.subscribe(onChange)];
  return {
    writer,
    path,
    stop() {
      writer.stop();
      for (const u of unsubscribe) u();
    },
  };
}
