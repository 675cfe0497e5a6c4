// The Markdown incident report: what happened, why, the evidence with times, what to do, what was not looked at,
// and the timeline of the investigation — the write-up an on-call engineer would paste into the incident ticket.
import type { Evidence, MetricKey } from './evidence.js';
import { hostCheckItem, missingReason, valueOf } from './evidence.js';
import { HOST_CHECKS } from '../domain/host-checks.js';
import { factLines, hostFacts } from './host-facts.js';
import { targetNote } from '../domain/target.js';
import { bytes, fence, hm, hms, pct, seriesPeak, utc } from './format.js';
import { scanEvidence } from './rules-logs.js';
import { journalSection, journalTimeline, type JournalEntry } from './journal.js';
import type { RestoredFrom, SinceFix, TriageRun } from './run.js';
import { notesSection, noteTimeline, type NoteRecord } from './notes.js';

/** What a session adds to a run's report: the notes, the runs before it (restored from a session file), what changed. */
export interface SessionPart {
  readonly notes?: readonly NoteRecord[];
  /** Earlier runs of the instance, oldest first; `from`: the session file it was restored from. */
  readonly earlier?: readonly { readonly run: TriageRun; readonly from?: RestoredFrom }[];
  /** What changed since the restored run ("since 03:12: memory 55 % (was 97 %)…"). */
  readonly changes?: string;
}

/** Markdown table cells: a pipe or newline would break the row. */
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const PEAKS: readonly [MetricKey, string, (v: number) => string][] = [
  ['cpuMax', 'CPU (max)', pct], ['cpuAvg', 'CPU (average)', pct], ['mem', 'Memory (mem_used_percent)', pct], ['disk', 'Disk (disk_used_percent)', pct],
  ['netIn', 'NetworkIn (per period)', bytes], ['netOut', 'NetworkOut (per period)', bytes],
  ['statusFailedSystem', 'StatusCheckFailed_System', String], ['statusFailedInstance', 'StatusCheckFailed_Instance', String],
];

function peaksSection(e: Evidence): string[] {
  const rows = PEAKS.flatMap(([key, label, fmt]) => {
    const s = valueOf(e.metrics[key]);
    const peak = seriesPeak(s);
    // A flat series has no moment worth naming: its "peak" is just the first datapoint.
    const isFlat = s !== undefined && s.values.every((v) => v === s.values[0]);
    return peak === undefined ? [] : [`| ${label} | ${fmt(peak.value)} | ${isFlat ? 'flat' : hm(peak.at)} |`];
  });
  const credits = valueOf(e.metrics.cpuCreditBalance);
  const low = credits === undefined ? undefined : Math.min(...credits.values);
  if (low !== undefined && Number.isFinite(low)) rows.push(`| CPUCreditBalance (lowest) | ${Math.round(low * 10) / 10} | |`);
  return rows.length === 0 ? ['No metrics were read.'] : ['| Metric | Peak | At |', '|---|---|---|', ...rows];
}

/** The incident report for one triage run, as Markdown. */
/** The incident report; `actions` (the journal of this instance) adds what was done, also in the timeline. */
export function renderReport(run: TriageRun, actions: readonly JournalEntry[] = [], after?: { readonly run: TriageRun; readonly since: SinceFix }, session: SessionPart = {}): string {
  const { evidence: e, result } = run;
  const d = result.diagnosis;
  const name = e.instance.name === '' ? e.instance.id : e.instance.name;
  const out: string[] = [];
  out.push(`# Incident report: ${name} (${e.instance.id})`, '');
  out.push(`- **Region / AZ:** ${e.target.region} / ${e.instance.az}`, `- **Type / state:** ${e.instance.type}, ${e.instance.state}`);
  out.push(`- **Window:** ${utc(e.window.from)} → ${utc(e.window.to)}`, `- **Checked at:** ${utc(e.gatheredAt)}`, `- **Runbook run:** ${run.runbook === undefined ? 'none' : `${run.runbook.title} (\`${run.runbook.id}\`)`}`, '');
  out.push('## Summary', '', d.healthy ? `${d.title}.` : `**${d.title}.**${d.chain.length > 0 ? ` What happened: ${d.chain.join(' → ')}.` : ''}`, '');
  out.push('## Diagnosis', '', `- **Root cause:** ${d.title}`, `- **Confidence:** ${d.confidence} — ${d.confidenceWhy}`);
  if (d.chain.length > 0) out.push('', '**Causal chain**', '', ...d.chain.map((c, i) => `${i + 1}. ${c}`));
  if (d.otherFindings.filter((f) => f.severity !== 'info').length > 0) out.push('', '**Also found**', '', ...d.otherFindings.filter((f) => f.severity !== 'info').map((f) => `- [${f.severity}] ${f.text}`));
  out.push('');

  const refs = result.findings.flatMap((f) => (f.evidence ?? []).map((r) => ({ ...r, severity: f.severity })));
  out.push('## Evidence', '');
  if (refs.length === 0) out.push('No findings: every rule passed on the evidence read.');
  else {
    const sorted = [...refs].sort((a, b) => (a.at?.getTime() ?? Infinity) - (b.at?.getTime() ?? Infinity));
    out.push('| Time (UTC) | Source | What |', '|---|---|---|', ...sorted.map((r) => `| ${r.at === undefined ? '—' : hms(r.at).replace(' UTC', '')} | ${cell(r.source)} | ${cell(r.label)} |`));
  }
  out.push('', '## Metric peaks', '', ...peaksSection(e), '');

  const lines = scanEvidence(e);
  out.push('## Log excerpts', '');
  if (lines.length === 0) out.push('No known-bad lines (OOM, panic, file system, disk, sshd, cloud-init, NIC, lockup) in the console output or logs read.');
  else {
    const bySource = new Map<string, string[]>();
    for (const l of lines) bySource.set(l.source, [...(bySource.get(l.source) ?? []), l.match.line.trimEnd()]);
    for (const [source, text] of bySource) out.push(`**${source}**`, '', fence(text.slice(-10).join('\n')), '');
  }

  out.push(...hostSection(e));
  out.push('', '## Recommended actions', '');
  if (result.recommendations.length === 0) out.push('Nothing to do.');
  const note = targetNote(e.target);
  if (note !== undefined && result.recommendations.some((r) => r.where === 'aws')) out.push(`> ${note}`, '');
  result.recommendations.forEach((r, i) => {
    out.push(`### ${i + 1}. ${r.title}${r.isDisruptive ? ' (disruptive)' : ''}`, '', `${r.why}. ${r.where === 'host' ? 'Run on the instance:' : 'Run with the AWS CLI:'}`, '');
    if (r.notes !== undefined && r.notes.length > 0) out.push(...r.notes.map((n) => `> ${n}`), '');
    out.push(fence(r.commands.join('\n'), 'sh'), '');
  });

  out.push('## Not checked', '');
  out.push(...(d.notChecked.length === 0 ? ['Everything was checked.'] : d.notChecked.map((n) => `- **${n.what}:** ${n.why}${n.action === undefined ? '' : ` (\`${n.action}\`)`}`)), '');

  if (run.runbook !== undefined) {
    out.push(`## Runbook: ${run.runbook.title}`, '', '| Step | Call | State | Result |', '|---|---|---|---|');
    out.push(...run.runbook.steps.map((s) => `| ${cell(s.title)} | ${s.apiCall} | ${s.state} | ${cell(s.result)} |`), '');
  }
  out.push(...journalSection(actions));
  if (after !== undefined) out.push(...afterSection(after.run, after.since));
  out.push(...earlierSection(session), ...notesSection(session.notes ?? []));
  const extra = [...journalTimeline(actions), ...noteTimeline(session.notes ?? [])];
  const timeline = extra.length === 0 ? run.timeline : [...run.timeline, ...extra].sort((a, b) => a.at.getTime() - b.at.getTime());
  out.push('## Timeline', '');
  out.push(...(timeline.length === 0 ? ['No timeline recorded.'] : ['| Time (UTC) | Kind | What |', '|---|---|---|', ...timeline.map((t) => `| ${hms(t.at).replace(' UTC', '')} | ${t.kind} | ${cell(t.text)}${t.detail === undefined ? '' : ` — ${cell(t.detail)}`} |`)]));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** Lines of a section's output quoted in the report: enough for ps, df and the firewall, never a flood. */
const QUOTED_LINES = 20;

/**
 * The host checks as run: each check's facts, then each command verbatim from the table with what it printed. Only
 * when the run included them; not run is said with why.
 */
function hostSection(e: Evidence): string[] {
  if (e.host === undefined) return [];
  const whole = missingReason(e.host);
  if (whole !== undefined) return ['## Host checks', '', `Not run: ${whole.message}.`, ''];
  const facts = hostFacts(e);
  const out = ['## Host checks', '', 'Read-only commands run on the instance through SSM Run Command (AWS-RunShellScript).', ''];
  for (const check of HOST_CHECKS) {
    const item = hostCheckItem(e, check.id);
    const read = facts[check.id];
    if (read === undefined) {
      out.push(`### ${check.title}`, '', `Not run: ${missingReason(item)?.message ?? 'not gathered'}.`, '');
      continue;
    }
    out.push(`### ${check.title} (read at ${hms(read.at)})`, '', ...factLines(facts, check.id).map((l) => `- ${l}`), '');
    const quoted = check.sections.map((s) => {
      const lines = (read.sections[s.key] ?? '(section missing from the output)').replace(/\s+$/, '').split('\n');
      const shown = lines.length > QUOTED_LINES ? [...lines.slice(0, QUOTED_LINES), `… ${lines.length - QUOTED_LINES} more line(s)`] : lines;
      const printed = shown.filter((l, i) => l !== '' || i > 0);
      return [`$ ${s.command}`, ...(printed.length === 0 ? ['(no output)'] : printed)].join('\n');
    });
    out.push(fence(quoted.join('\n'), 'console'), '');
  }
  return out;
}

/** The runs before this one that came from a session file (--resume), and what changed since. */
function earlierSection(session: SessionPart): string[] {
  const earlier = session.earlier ?? [];
  if (earlier.length === 0 && session.changes === undefined) return [];
  const out = ['## Earlier runs', ''];
  for (const { run, from } of earlier) {
    const d = run.result.diagnosis;
    const source = from === undefined ? '' : ` (from ${from.path}, saved ${utc(new Date(from.savedAt))})`;
    out.push(`- **${utc(run.evidence.gatheredAt)}:** ${d.title} — confidence ${d.confidence}${source}`);
  }
  if (session.changes !== undefined) out.push('', `**Re-triaged:** ${session.changes}.`);
  return [...out, ''];
}

/** "After the fix": the verification run, which looked only at what happened since the fix. */
function afterSection(run: TriageRun, since: SinceFix): string[] {
  const d = run.result.diagnosis;
  const healthy = d.healthy ? 'healthy' : 'still not healthy';
  return [
    '## After the fix',
    '',
    `Checked at ${utc(run.evidence.gatheredAt)}, looking only since "${since.what}" (${utc(new Date(since.at))}): **${healthy}**.`,
    '',
    `- **Diagnosis:** ${d.title}`,
    `- **Confidence:** ${d.confidence} — ${d.confidenceWhy}`,
    `- **Type / state:** ${run.evidence.instance.type}, ${run.evidence.instance.state}`,
    '',
  ];
}
