// `ec2-triage report SESSION_FILE`: the incident report from a session file alone (no AWS, no credentials): each
// instance's last run told with the incident before a fix, earlier runs, the actions and the notes.
import { reportFileName } from '../model/app-model.js';
import { savedMessage } from '../model/saved-file.js';
import { sessionReport } from '../model/session-report.js';
import { writeReport } from './report-file.js';
import { parseOutputPath, UsageError } from './options.js';
import { readSessionFile, restoredHistory } from './session-file.js';
import { resolve } from 'node:path';

/** The session's report as Markdown: one part per instance with a finished run, in the order they were triaged. */
export function sessionFileReport(path: string): { readonly markdown: string; readonly name: string } {
  const content = readSessionFile(path);
  const history = restoredHistory(content, path);
  const runs = [...history.values()].flatMap((r) => (r.last?.engine === undefined ? [] : [r.last])).sort((a, b) => a.startedAt - b.startedAt);
  const first = runs[0];
  if (first === undefined) throw new UsageError(`${path} has no finished triage run to report (press t in the session first)`);
  const parts = runs.map((run) => sessionReport(run, { journal: content.journal, notes: content.notes, runs: history.get(run.instanceId) }));
  return { markdown: parts.join('\n---\n\n'), name: reportFileName(runs.length === 1 ? first.instanceId : 'session', content.savedAt) };
}

/** Writes the report; prints where. */
export async function runReport(file: string, reportPath: string | undefined): Promise<number> {
  const { markdown, name } = sessionFileReport(resolve(file));
  const saved = await writeReport(markdown, name, reportPath === undefined ? undefined : parseOutputPath(reportPath, '--report'));
  process.stdout.write(`${savedMessage('Report', saved)}\n`);
  return 0;
}
