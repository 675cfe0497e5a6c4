// check's host-check text: each check's status and its sections' first lines, and why one did not run.
import { describe, expect, it } from 'vitest';
import { hostJson, renderHostText, SECTION_LINES } from '../../source/cli/host-output.js';
import { missing } from '../../source/triage/evidence.js';
import type { HostEvidence } from '../../source/triage/evidence.js';

const at = new Date('2024-01-15T02:50:00Z');
const managed = { instanceId: 'i-1', pingStatus: 'Online', lastPingAt: undefined, agentVersion: '3.3.1142.0', platformName: 'Amazon Linux', platformVersion: '2023' };
const many = Array.from({ length: SECTION_LINES + 3 }, (_, i) => `line ${i + 1}`).join('\n');

const host: HostEvidence = {
  managed,
  checks: {
    memory: { id: 'memory', commandId: 'c1', status: 'Success', responseCode: 0, stdout: `### free\nMem: 7812 7580\n### top-mem\n${many}\n### oom\n`, stderr: '', at },
    cpu: missing('error', 'cpu check: the command ran out of time on the instance (TimedOut): it may be overloaded; t runs it again, or connect with c', 'ssm:SendCommand'),
    disk: missing('denied', 'access denied: you lack ssm:SendCommand', 'ssm:SendCommand'),
  },
};

describe('check --diagnostics output', () => {
  it('prints status, sections (cut to a few lines), and reasons without repeating the check', () => {
    const text = renderHostText(host);
    expect(text).toContain('Host checks (SSM Run Command, AWS-RunShellScript, read-only):');
    expect(text).toContain('  i-1: SSM Agent 3.3.1142.0 Online on Amazon Linux 2023');
    expect(text).toContain('  Memory: Success (exit 0)\n    free:\n      Mem: 7812 7580\n    top-mem:\n      line 1');
    expect(text).toContain(`      line ${SECTION_LINES}\n      … 3 more line(s)\n    oom: (empty)`);
    expect(text).toContain('  CPU: not run: the command ran out of time on the instance (TimedOut)');
    expect(text).toContain('  Disk: not run: access denied: you lack ssm:SendCommand');
    expect(text).toContain('  SSH: not run: not gathered');
  });

  it('the whole thing not run says why; not gathered prints nothing', () => {
    expect(renderHostText(missing('not-applicable', 'not managed by SSM, so no host checks: x'))).toContain('  not run: not managed by SSM, so no host checks: x');
    expect(renderHostText(undefined)).toBe('');
  });

  it('--json keeps every line of every section', () => {
    const json = hostJson(host) as { checks: { memory: { sections: Record<string, string> }; cpu: { ran: boolean } } };
    expect(json.checks.memory.sections['top-mem']?.split('\n')).toHaveLength(SECTION_LINES + 3);
    expect(json.checks.cpu.ran).toBe(false);
  });
});
