// `check --diagnostics`: the host checks' evidence as text and JSON, raw and compact (each check's status and its
// sections' first lines). Pure. The parsed lines (triage/) take the place of the raw ones when they land.
import { HOST_CHECKS, splitSections } from '../domain/host-checks.js';
import type { HostCheckOutput } from '../domain/host-checks.js';
import type { Evidence } from '../triage/evidence.js';
import { missingReason, valueOf } from '../triage/evidence.js';

/** Lines of a section kept in the text (the JSON keeps them all). */
export const SECTION_LINES = 6;

/** The host checks' heading and lines for `check`; '' when diagnostics were not allowed (nothing was gathered). */
export function renderHostText(host: Evidence['host']): string {
  if (host === undefined) return '';
  const out = ['', 'Host checks (SSM Run Command, AWS-RunShellScript, read-only):'];
  const whole = missingReason(host);
  if (whole !== undefined) return `${[...out, `  not run: ${whole.message}`].join('\n')}\n`;
  const value = valueOf(host);
  if (value === undefined) return '';
  const m = value.managed;
  out.push(`  ${m.instanceId}: SSM Agent ${m.agentVersion ?? '?'} ${m.pingStatus}${m.platformName === undefined ? '' : ` on ${m.platformName} ${m.platformVersion ?? ''}`.trimEnd()}`);
  for (const check of HOST_CHECKS) {
    const item = value.checks[check.id];
    const why = missingReason(item);
    const output = valueOf(item);
    if (why !== undefined || output === undefined) {
      // The reason names its check for the report's list; under the check's own title that is said already.
      out.push(`  ${check.title}: not run: ${(why?.message ?? 'not gathered').replace(`${check.id} check: `, '')}`);
      continue;
    }
    out.push(`  ${check.title}: ${output.status} (exit ${output.responseCode})`);
    out.push(...sectionLines(output, check.sections.map((s) => s.key)));
  }
  return `${out.join('\n')}\n`;
}

function sectionLines(output: HostCheckOutput, keys: readonly string[]): string[] {
  const sections = splitSections(output.stdout);
  return keys.flatMap((key) => {
    const text = sections[key];
    if (text === undefined) return [`    ${key}: (no output)`];
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const shown = lines.slice(0, SECTION_LINES).map((l) => `      ${l}`);
    const more = lines.length > SECTION_LINES ? [`      … ${lines.length - SECTION_LINES} more line(s)`] : [];
    return [`    ${key}:${lines.length === 0 ? ' (empty)' : ''}`, ...shown, ...more];
  });
}

/** The `hostChecks` member of `check --json` (only with --diagnostics). */
export function hostJson(host: Evidence['host']): unknown {
  if (host === undefined) return undefined;
  const whole = missingReason(host);
  if (whole !== undefined) return { ran: false, why: whole.message, kind: whole.kind };
  const value = valueOf(host);
  return {
    ran: true,
    managed: { instanceId: value?.managed.instanceId, pingStatus: value?.managed.pingStatus, agentVersion: value?.managed.agentVersion ?? null },
    checks: Object.fromEntries(HOST_CHECKS.map((c) => {
      const item = value?.checks[c.id];
      const why = missingReason(item);
      const output = valueOf(item);
      return [c.id, why !== undefined || output === undefined
        ? { ran: false, why: why?.message ?? 'not gathered' }
        : { ran: true, commandId: output.commandId, status: output.status, responseCode: output.responseCode, sections: splitSections(output.stdout), stderr: output.stderr }];
    })),
  };
}
