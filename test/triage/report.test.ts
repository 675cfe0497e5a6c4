import { describe, expect, it } from 'vitest';
import { checkExitCode, renderCheckText, toCheckJson } from '../../source/triage/check-output.js';
import { triage } from '../../source/triage/engine.js';
import { renderReport } from '../../source/triage/report.js';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import { awsCommand, raw, shellQuote } from '../../source/triage/shell.js';
import { buildTimeline, roundDurationMs } from '../../source/triage/timeline.js';
import type { CallRecord } from '../../source/triage/timeline.js';
import { at, deniedStatus, noAgent, scenario } from './evidence-fixtures.js';

const calls: CallRecord[] = [
  { operation: 'ec2:DescribeInstances', startedAt: at('03:00:00'), durationMs: 92, outcome: 'ok' },
  { operation: 'ec2:DescribeInstanceStatus', startedAt: at('03:00:00'), durationMs: 61, outcome: 'ok' },
  { operation: 'cloudwatch:GetMetricData', startedAt: at('03:00:00'), durationMs: 240, outcome: 'ok', summary: '11 series' },
  { operation: 'logs:FilterLogEvents', startedAt: at('03:00:00'), durationMs: 130, outcome: 'error', error: { kind: 'throttled', message: 'Rate exceeded' } },
];

const runOf = (e = scenario('oom')) => {
  const result = triage(e);
  return { evidence: e, result, timeline: buildTimeline({ calls, findings: result.findings, fallback: e.gatheredAt }), runbook: RUNBOOKS['high-memory'].run(e) };
};

describe('renderReport', () => {
  const md = renderReport(runOf());

  it('has every section, in order', () => {
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual([
      '# Incident report: pettracker-ml-server (i-1234567890abcdef0)', '## Summary', '## Diagnosis', '## Evidence', '## Metric peaks', '## Log excerpts',
      '## Recommended actions', '### 1. Resize c5.large → c5.xlarge (disruptive)', '### 2. Alarm on memory above 85%', '### 3. See what uses the memory',
      '## Not checked', '## Runbook: High memory', '## Timeline',
    ]);
  });

  it('tells the chain, the evidence with times, the peaks and the fenced log lines and commands', () => {
    expect(md).toContain('**Out of memory: OOM killer killed python3 (pid 1234) at 02:45:12 UTC.** What happened: Traffic spike (NetworkIn 3.3× median from 02:30 UTC) → Memory climbs');
    expect(md).toContain('1. Traffic spike (NetworkIn 3.3× median from 02:30 UTC)\n2. Memory climbs (mem_used_percent 97.6% at 02:44 UTC)');
    expect(md).toContain('| 02:44:00 | CloudWatch CWAgent mem_used_percent | mem_used_percent 97.6% at 02:44 UTC |');
    expect(md).toContain('| Memory (mem_used_percent) | 97.6% | 02:44 UTC |');
    expect(md).toContain('**log /pettracker/ec2/system**\n\n```\nJan 15 02:45:12 ip-172-31-45-67 kernel: Out of memory: Kill process 1234 (python3)');
    expect(md).toContain('```sh\naws ec2 stop-instances --instance-ids i-1234567890abcdef0 --region us-east-1\naws ec2 wait instance-stopped');
    expect(md).toContain('| 03:00:00 | call | logs:FilterLogEvents 130 ms throttled by AWS (request rate exceeded) |');
    expect(md).toContain('Everything was checked.');
    expect(md).not.toMatch(/\n{3}/);
  });

  it('lists what was not checked with the IAM action, and says when nothing was found', () => {
    const clean = renderReport(runOf(deniedStatus()));
    expect(clean).toContain('- **Status checks and scheduled events:** access denied: you lack ec2:DescribeInstanceStatus (`ec2:DescribeInstanceStatus`)');
    expect(clean).toContain('No findings: every rule passed');
    expect(clean).toContain('Nothing to do.');
  });

  it('a log line with backticks cannot close its fence', () => {
    const e = scenario('disk-full');
    const logs = [{ group: '/app', events: [{ timestamp: at('02:53:00'), message: '2024-01-15 02:53:00 ERROR ```x``` No space left on device', logStream: e.instance.id, eventId: undefined }] }];
    expect(renderReport(runOf({ ...e, logs }))).toContain('````\n2024-01-15 02:53:00 ERROR ```x``` No space left on device\n````');
  });
});

describe('check output', () => {
  it('the JSON document for the OOM scenario', () => {
    const e = scenario('oom');
    const json = toCheckJson(e, triage(e));
    expect(json).toMatchObject({ schemaVersion: 1, instanceId: 'i-1234567890abcdef0', name: 'pettracker-ml-server', region: 'us-east-1', healthy: false, checkedAt: '2024-01-15T03:00:00.000Z' });
    expect(json.diagnosis).toMatchObject({ cause: 'oom', confidence: 'high' });
    expect(json.findings[0]).toMatchObject({ id: 'oom-kill', severity: 'critical', at: '2024-01-15T02:45:12.000Z' });
    expect(json.recommendations[0]).toMatchObject({ id: 'resize', disruptive: true });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(checkExitCode(json)).toBe(1);
  });

  it.each([
    ['healthy', 0], ['no agent (info only)', 0], ['denied status (could not determine)', 2], ['oom', 1], ['wont-start', 1],
  ] as const)('exit code: %s → %i', (name, code) => {
    const e = name === 'healthy' ? scenario('healthy') : name === 'no agent (info only)' ? noAgent() : name === 'denied status (could not determine)' ? deniedStatus() : scenario(name);
    expect(checkExitCode(toCheckJson(e, triage(e)))).toBe(code);
  });

  it('the human text', () => {
    const e = scenario('system-check-failed');
    const text = renderCheckText(toCheckJson(e, triage(e)));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'pettracker-ml-server (i-1234567890abcdef0) · us-east-1 · 2024-01-15 03:00:00 UTC',
      'PROBLEM: System status check failed: the AWS host under the instance has a problem',
      '  AWS host problem (hardware, power or network) → System status check failed since 02:31 UTC → Instance unreachable → Service down',
    ]);
    expect(text).toContain('Stop and start the instance (not reboot) (disruptive):\n  # The instance stops: downtime of a few minutes; the public IP changes unless it is an Elastic IP.\n  # Instance-store data is lost');
  });
});

describe('timeline', () => {
  it('orders calls before findings at the same time and the round takes its slowest call', () => {
    const t = buildTimeline({ calls, findings: triage(scenario('oom')).findings, fallback: at('03:00:00') });
    expect(t[0]).toMatchObject({ kind: 'finding', text: expect.stringMatching(/^\[info\] Traffic spike/) });
    expect(t.filter((x) => x.kind === 'call').map((x) => x.text)[0]).toBe('ec2:DescribeInstances 92 ms ok');
    expect(roundDurationMs(calls)).toBe(240);
  });
});

describe('shellQuote', () => {
  it.each([
    ['i-1234567890abcdef0', 'i-1234567890abcdef0'], ['Name=InstanceId,Value=i-1', 'Name=InstanceId,Value=i-1'], ['my server', "'my server'"],
    ["it's", "'it'\\''s'"], ['<your-ip>/32', "'<your-ip>/32'"], ['$(rm -rf /)', "'$(rm -rf /)'"], ['', "''"],
  ])('%s → %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it('quotes a hostile Name tag in the alarm name, keeps raw substitutions', () => {
    const e = scenario('oom');
    const { recommendations } = triage({ ...e, instance: { ...e.instance, name: "ml 'prod'; rm" } });
    expect(recommendations[1]?.commands[0]).toContain("--alarm-name 'ml '\\''prod'\\''; rm-memory'");
    expect(awsCommand({ region: 'eu-west-1' }, 'ec2', 'associate-address', ['--allocation-id', raw('"$ALLOC_ID"')])).toBe('aws ec2 associate-address --allocation-id "$ALLOC_ID" --region eu-west-1');
  });

  it('names the whole target: region, profile, endpoint — pasted, it goes where the app looked', () => {
    const target = { region: 'eu-west-1', profile: 'prod team', endpointUrl: 'http://127.0.0.1:5000' };
    expect(awsCommand(target, 'ec2', 'reboot-instances', ['--instance-ids', 'i-1'])).toBe("aws ec2 reboot-instances --instance-ids i-1 --region eu-west-1 --profile 'prod team' --endpoint-url http://127.0.0.1:5000");
    const e = scenario('oom');
    const commands = triage({ ...e, target }).recommendations.filter((r) => r.where === 'aws').flatMap((r) => r.commands);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toContain("--region eu-west-1 --profile 'prod team' --endpoint-url http://127.0.0.1:5000");
  });
});
