// `ec2-triage check` as a script or alert hook calls it: no TTY, JSON out, exit code by outcome.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckJson } from '../../source/triage/check-output.js';
import { CLI } from '../helpers/pty.js';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(args: readonly string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000, env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

async function checkJson(args: readonly string[]): Promise<{ code: number; json: CheckJson }> {
  const out = await run(['check', ...args, '--json']);
  expect(out.stderr).toBe('');
  return { code: out.code, json: JSON.parse(out.stdout) as CheckJson };
}

describe('check --demo: every scenario, by name, as JSON', () => {
  it.each([
    ['oom', 'oom', 'resize', 'high-memory'],
    ['system-check-failed', 'system-check-failed', undefined, 'status-check-failed'],
    ['instance-check-failed', 'instance-check-failed', undefined, 'status-check-failed'],
    ['disk-full', 'disk-full', undefined, 'disk-full'],
    ['cpu-credits', 'cpu-credits', undefined, 'high-cpu'],
    ['ssh-blocked', 'ssh-blocked', undefined, 'cant-ssh'],
    ['no-public-ip', 'no-public-ip', undefined, 'cant-ssh'],
    ['wont-start', 'wont-start', undefined, 'wont-start'],
  ] as const)('%s → cause %s, exit 1', async (scenario, cause, recommendation, runbook) => {
    const { code, json } = await checkJson(['pettracker-ml-server', '--demo', '--scenario', scenario]);
    expect(json.diagnosis.cause).toBe(cause);
    expect(json.healthy).toBe(false);
    expect(json.instanceId).toBe('i-1234567890abcdef0');
    expect(json.recommendations.length).toBeGreaterThan(0);
    if (recommendation !== undefined) expect(json.recommendations.map((r) => r.id)).toContain(recommendation);
    expect(json.runbook?.id).toBe(runbook);
    expect(code).toBe(1);
  });

  it('healthy → exit 0 with no warning findings', async () => {
    const { code, json } = await checkJson(['i-1234567890abcdef0', '--demo', '--scenario', 'healthy']);
    expect(json.healthy).toBe(true);
    expect(json.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(code).toBe(0);
  });

  it('--scenario all puts each incident on its own instance', async () => {
    const { json } = await checkJson(['scenario-ssh-blocked', '--demo', '--scenario', 'all']);
    expect(json.diagnosis.cause).toBe('ssh-blocked');
    expect(json.recommendations.flatMap((r) => r.commands).join('\n')).toMatch(/authorize-security-group-ingress .*--port 22/);
  });
});

describe('check: text, runbooks and the report', () => {
  it('prints the diagnosis, the chain and the exact resize commands as text', async () => {
    const out = await run(['check', 'pettracker-ml-server', '--demo']);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^PROBLEM: Out of memory: OOM killer killed python3 \(pid 1234\) at \d\d:\d\d:\d\d UTC$/m);
    expect(out.stdout).toMatch(/Memory climbs .* → OOM killer triggered/);
    expect(out.stdout).toContain('aws ec2 modify-instance-attribute --instance-id i-1234567890abcdef0 --instance-type c5.xlarge --region us-east-1');
  });

  it('--runbook cant-ssh runs that runbook and stops at the first broken link', async () => {
    const { json } = await checkJson(['pettracker-ml-server', '--demo', '--scenario', 'ssh-blocked', '--runbook', 'cant-ssh']);
    expect(json.runbook?.id).toBe('cant-ssh');
    expect(json.runbook?.brokenAt).not.toBeNull();
    expect(json.runbook?.steps[0]?.apiCall).toBe('ec2:DescribeSecurityGroups');
  });

  it('--report writes the Markdown incident report', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ec2-triage-report-')), 'incident.md');
    const out = await run(['check', 'pettracker-ml-server', '--demo', '--report', path]);
    expect(out.code).toBe(1);
    const report = readFileSync(path, 'utf8');
    expect(report).toMatch(/^# /);
    expect(report).toMatch(/OOM killer killed python3/);
    expect(report).toMatch(/```sh\n[\s\S]*aws ec2 stop-instances/);
  });
});

describe('check: usage and access errors exit 2 with one line', () => {
  it.each([
    [['i-0badc0ffee0000000', '--demo'], /no instance i-0badc0ffee0000000 in us-east-1/],
    [['no-such-name', '--demo'], /no instance named 'no-such-name'/],
    [['pettracker-ml-server', '--demo', '--runbook', 'reboot-everything'], /unknown runbook 'reboot-everything'; choose one of: /],
    [['pettracker-ml-server', '--demo', '--at', 'yesterday'], /--at must be an ISO-8601 time/],
    [[], /missing required argument 'instance'/],
  ])('%j', async (args, pattern) => {
    const out = await run(['check', ...args]);
    expect(out.code).toBe(2);
    const lines = out.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  });
});

describe('check --at: the window it names', () => {
  it('inside the incident: the OOM kill and its chain; outside any data (the README\'s 2024 example): could not determine, exit 2', async () => {
    // The demo opens at the page, five minutes after the story's start: a minute ago the kill had happened.
    const inside = await checkJson(['pettracker-ml-server', '--demo', '--at', new Date(Date.now() - 60_000).toISOString()]);
    expect(inside.json.diagnosis.cause).toBe('oom');
    expect(inside.code).toBe(1);
    const outside = await checkJson(['pettracker-ml-server', '--demo', '--at', '2024-01-15T03:00:00Z']);
    expect(outside.json.healthy).toBe(false);
    expect(outside.json.diagnosis.cause).toBe('inconclusive');
    expect(outside.json.diagnosis.title).toMatch(/^Could not determine: CPU average .*no cpuAvg datapoints in the window/);
    expect(outside.code).toBe(2);
    const text = await run(['check', 'pettracker-ml-server', '--demo', '--at', '2024-01-15T03:00:00Z']);
    expect(text.stdout).toMatch(/^UNKNOWN: Could not determine/m);
    expect(text.stdout).not.toContain('HEALTHY');
  });
});

describe('check --diagnostics (the built CLI, no TTY)', () => {
  it('runs the four host checks on the OOM instance and prints them before it exits', async () => {
    const out = await run(['check', '--demo', '--diagnostics', 'pettracker-ml-server']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(1);
    const host = out.stdout.slice(out.stdout.indexOf('Host checks (SSM Run Command, AWS-RunShellScript, read-only):'));
    expect(host).toMatch(/Memory: Success \(exit 0\)\n {4}free:\n.*total.*available\n {6}Mem:/);
    expect(host).toMatch(/top-mem:[\s\S]*python3/);
    for (const title of ['CPU', 'Disk', 'SSH']) expect(host).toContain(`${title}: Success (exit 0)`);
  });

  it('without the flag prints no host checks', async () => {
    const out = await run(['check', '--demo', 'pettracker-ml-server']);
    expect(out.stdout).not.toContain('Host checks');
  });
});
