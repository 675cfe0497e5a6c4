// The output of `ec2-triage check`: a stable JSON document (--json) and the same facts as plain text.
//
// JSON schema, version 1 (fields are only ever added; existing ones keep their meaning):
// {
//   "schemaVersion": 1,
//   "instanceId": "i-1234567890abcdef0",
//   "name": "pettracker-ml-server",          // Name tag, "" when none
//   "region": "us-east-1",
//   "healthy": false,                        // no warning or critical finding and the instance is running
//   "diagnosis": {
//     "cause": "oom",                        // CauseId: oom, system-check-failed, instance-check-failed, disk-full,
//                                            // cpu-credits, high-cpu, high-memory, ssh-blocked, no-public-ip,
//                                            // no-igw-route, nacl-blocks-ssh, key-pair-missing, ssh-open-to-world,
//                                            // wont-start, not-running, os-errors, scheduled-event, cpu-steal, ssh-host,
//                                            // healthy, inconclusive
//     "title": "Out of memory: …",
//     "chain": ["Traffic spike (…)", "Memory climbs (…)", …],   // root cause first
//     "confidence": "high" | "medium" | "low",
//     "confidenceWhy": "…"
//   },
//   "findings": [{ "id": "oom-kill", "severity": "critical"|"warning"|"info", "text": "…", "at": ISO-8601|null,
//                  "evidence": [{ "label": "…", "at": ISO-8601|null, "source": "…" }] }],
//   "recommendations": [{ "id": "resize", "title": "…", "why": "…", "where": "aws"|"host", "disruptive": true,
//                         "commands": ["aws ec2 stop-instances …"], "notes": ["…"] }],
//   "notChecked": [{ "what": "…", "why": "…", "action": "ec2:DescribeInstanceStatus"|null, "kind": "denied"|… }],
//   "checkedAt": ISO-8601,
//   "target": { "region": "us-east-1", "profile": "prod"|null, "endpointUrl": "http://…"|null,   // what every command names
//               "note": "Training fleet: …"|null },
//   "runbook": { "id": "cant-ssh", "title": "…", "brokenAt": "sg-port-22"|null,      // present when one applies
//                "steps": [{ "id": "…", "title": "…", "apiCall": "ec2:DescribeSecurityGroups", "state": "ok"|…,
//                            "result": "…", "fix": ["…"]|null }] },
//   "host": { "ran": true|false, "why": "…"|null,                   // present when the run included the host checks
//             "agent": "SSM Agent 3.3.1142.0 Online on Amazon Linux 2023"|null,
//             "checks": [{ "id": "memory"|"cpu"|"disk"|"ssh", "title": "Memory", "at": ISO-8601|null,
//                          "facts": ["available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB", …],
//                          "commands": ["free -m", …], "notRun": "…"|null,
//                          "commandId": "…"|null, "status": "Success"|"Failed"|…|null, "exitCode": 0|null,
//                          "output": { "free": "…", … }|null }] }            // each section's raw output
// }
import type { TriageResult } from './engine.js';
import type { Evidence } from './evidence.js';
import { hostCheckItem, missingReason, valueOf } from './evidence.js';
import { HOST_CHECKS, splitSections } from '../domain/host-checks.js';
import type { HostCheckOutput, ManagedInstance } from '../domain/host-checks.js';
import { factLines, hostFacts } from './host-facts.js';
import { STEP_TITLES } from './steps.js';
import type { RunbookResult } from './runbooks/types.js';
import { utc } from './format.js';
import { targetNote } from '../domain/target.js';

export interface CheckJson {
  readonly schemaVersion: 1;
  readonly instanceId: string;
  readonly name: string;
  readonly region: string;
  readonly healthy: boolean;
  readonly diagnosis: { readonly cause: string; readonly title: string; readonly chain: readonly string[]; readonly confidence: string; readonly confidenceWhy: string };
  readonly findings: readonly {
    readonly id: string | null; readonly severity: string; readonly text: string; readonly at: string | null;
    readonly evidence: readonly { readonly label: string; readonly at: string | null; readonly source: string }[];
  }[];
  readonly recommendations: readonly { readonly id: string; readonly title: string; readonly why: string; readonly where: 'aws' | 'host'; readonly disruptive: boolean; readonly commands: readonly string[]; readonly notes: readonly string[] }[];
  readonly notChecked: readonly { readonly what: string; readonly why: string; readonly action: string | null; readonly kind: string }[];
  readonly checkedAt: string;
  readonly target: { readonly region: string; readonly profile: string | null; readonly endpointUrl: string | null; readonly note: string | null };
  readonly runbook?: {
    readonly id: string; readonly title: string; readonly brokenAt: string | null;
    readonly steps: readonly { readonly id: string; readonly title: string; readonly apiCall: string; readonly state: string; readonly result: string; readonly fix: readonly string[] | null }[];
  };
  readonly host?: {
    readonly ran: boolean; readonly why: string | null; readonly agent: string | null;
    readonly checks: readonly {
      readonly id: string; readonly title: string; readonly at: string | null; readonly facts: readonly string[]; readonly commands: readonly string[]; readonly notRun: string | null;
      readonly commandId: string | null; readonly status: string | null; readonly exitCode: number | null; readonly output: Readonly<Record<string, string>> | null;
    }[];
  };
}

/** The host checks as `check` prints them: each check's facts and commands, or why it did not run. */
function hostJson(evidence: Evidence): Pick<CheckJson, 'host'> {
  if (evidence.host === undefined) return {};
  const whole = missingReason(evidence.host);
  if (whole !== undefined) return { host: { ran: false, why: whole.message, agent: null, checks: [] } };
  const facts = hostFacts(evidence);
  const checks = HOST_CHECKS.map((c) => {
    const read = facts[c.id];
    const output = valueOf(hostCheckItem(evidence, c.id)) as HostCheckOutput | undefined;
    return {
      id: c.id, title: c.title, at: iso(read?.at), facts: factLines(facts, c.id), commands: c.sections.map((s) => s.command),
      notRun: read === undefined ? (missingReason(hostCheckItem(evidence, c.id))?.message ?? 'not gathered') : null,
      commandId: output?.commandId ?? null, status: output?.status ?? null, exitCode: output?.responseCode ?? null,
      output: output === undefined ? null : splitSections(output.stdout),
    };
  });
  return { host: { ran: true, why: null, agent: agentLine(valueOf(evidence.host)?.managed), checks } };
}

/** 'SSM Agent 3.3.1142.0 Online on Amazon Linux 2023': who answered the host checks. */
function agentLine(m: ManagedInstance | undefined): string | null {
  if (m === undefined) return null;
  const platform = m.platformName === undefined ? '' : ` on ${m.platformName} ${m.platformVersion ?? ''}`.trimEnd();
  return `SSM Agent ${m.agentVersion ?? '(version unknown)'} ${m.pingStatus}${platform}`;
}

const iso = (d: Date | undefined): string | null => (d === undefined ? null : d.toISOString());

/** The `check --json` document for one triage result. */
export function toCheckJson(evidence: Evidence, result: TriageResult, runbook?: RunbookResult): CheckJson {
  const d = result.diagnosis;
  const book = runbook === undefined ? {} : {
    runbook: {
      id: runbook.id, title: runbook.title, brokenAt: runbook.brokenAt ?? null,
      steps: runbook.steps.map((s) => ({ id: s.id, title: s.title, apiCall: s.apiCall, state: s.state, result: s.result, fix: s.fix ?? null })),
    },
  };
  return {
    schemaVersion: 1,
    instanceId: evidence.instance.id,
    name: evidence.instance.name,
    region: evidence.target.region,
    healthy: d.healthy,
    diagnosis: { cause: d.cause, title: d.title, chain: d.chain, confidence: d.confidence, confidenceWhy: d.confidenceWhy },
    findings: result.findings.map((f) => ({ id: f.id ?? null, severity: f.severity, text: f.text, at: iso(f.at), evidence: (f.evidence ?? []).map((r) => ({ label: r.label, at: iso(r.at), source: r.source })) })),
    recommendations: result.recommendations.map((r) => ({ id: r.id, title: r.title, why: r.why, where: r.where, disruptive: r.isDisruptive, commands: r.commands, notes: r.notes ?? [] })),
    notChecked: d.notChecked.map((n) => ({ what: n.what, why: n.why, action: n.action ?? null, kind: n.kind })),
    checkedAt: evidence.gatheredAt.toISOString(),
    target: { region: evidence.target.region, profile: evidence.target.profile ?? null, endpointUrl: evidence.target.endpointUrl ?? null, note: targetNote(evidence.target) ?? null },
    ...book,
    ...hostJson(evidence),
  };
}

/** The human text of `check`: diagnosis, chain, findings, commands, not checked. */
export function renderCheckText(check: CheckJson): string {
  const out: string[] = [];
  out.push(`${check.name === '' ? check.instanceId : `${check.name} (${check.instanceId})`} · ${check.region} · ${utc(new Date(check.checkedAt))}`);
  out.push(`${check.healthy ? 'HEALTHY' : check.diagnosis.cause === 'inconclusive' ? 'UNKNOWN' : 'PROBLEM'}: ${check.diagnosis.title}`);
  if (check.diagnosis.chain.length > 0) out.push(`  ${check.diagnosis.chain.join(' → ')}`);
  out.push(`  confidence ${check.diagnosis.confidence}: ${check.diagnosis.confidenceWhy}`);
  if (check.findings.length > 0) out.push('', 'Findings:', ...check.findings.map((f) => `  [${f.severity}] ${f.text}`));
  if (check.target.note !== null && check.recommendations.some((r) => r.where === 'aws')) out.push('', `# ${check.target.note}`);
  for (const r of check.recommendations) {
    out.push('', `${r.title}${r.disruptive ? ' (disruptive)' : ''}${r.where === 'host' ? ' — on the instance' : ''}:`, ...r.notes.map((n) => `  # ${n}`), ...r.commands.map((c) => `  ${c}`));
  }
  if (check.runbook !== undefined) {
    out.push('', `Runbook: ${check.runbook.title}`);
    for (const step of check.runbook.steps) {
      out.push(`  [${step.state}] ${step.title} (${step.apiCall}): ${step.result}`);
      if (step.fix !== null && step.id === check.runbook.brokenAt) out.push(...step.fix.map((f) => `    fix: ${f}`));
    }
  }
  if (check.host !== undefined) {
    out.push('', check.host.ran ? `${STEP_TITLES.host}:` : `Host checks: not run — ${check.host.why ?? ''}`);
    if (check.host.agent !== null) out.push(`  ${check.host.agent}`);
    for (const c of check.host.checks) out.push(...(c.notRun === null ? c.facts.map((f) => `  ${c.title}: ${f}`) : [`  ${c.title}: not run — ${c.notRun}`]));
  }
  if (check.notChecked.length > 0) out.push('', 'Not checked:', ...check.notChecked.map((n) => `  ${n.what}: ${n.why}`));
  return `${out.join('\n')}\n`;
}

/** Exit code of `check`: 0 healthy, 1 findings, 2 could not determine (deciding evidence could not be read). */
export function checkExitCode(check: Pick<CheckJson, 'healthy' | 'diagnosis'>): 0 | 1 | 2 {
  if (check.diagnosis.cause === 'inconclusive') return 2;
  return check.healthy ? 0 : 1;
}
