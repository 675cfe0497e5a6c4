// The engine with the host checks: they confirm CloudWatch (confidence rises), stand in for missing agent metrics,
// name what fills the disk, clear the OS when the security group blocks SSH, say so when they disagree with
// CloudWatch — and when they could not run, every verdict is exactly what it is without them.
import { describe, expect, it } from 'vitest';
import { HOST_CHECKS } from '../../source/domain/host-checks.js';
import { triage } from '../../source/triage/engine.js';
import type { Evidence } from '../../source/triage/evidence.js';
import { missing, missingFromError, stateOfKey } from '../../source/triage/evidence.js';
import { renderReport } from '../../source/triage/report.js';
import { renderCheckText, toCheckJson } from '../../source/triage/check-output.js';
import { stepsOf } from '../../source/triage/steps.js';
import { RUNBOOKS } from '../../source/triage/runbooks/index.js';
import { healthy, noAgent, scenario, series } from './evidence-fixtures.js';
import type { ScenarioName } from './evidence-fixtures.js';
import { fixture, host, output, withHost } from './host-fixtures.js';

/** A host whose memory (46.5 % in use, as CloudWatch says), CPU, disk (20 %) and SSH are fine, with some checks replaced. */
const fineHost = (replace: Parameters<typeof host>[1] = {}) => host('ubuntu2404', { memory: free(7943, 4250), disk: fixture('al2023', 'disk'), ssh: fixture('al2023', 'ssh'), ...replace });
function free(total: number, available: number): string {
  return `### free\n               total        used        free      shared  buff/cache   available\nMem:     ${total}  ${total - available}  ${available}  0  0  ${available}\nSwap:  0  0  0\n### top-mem\n${fixture('al2023', 'memory').split('### top-mem\n')[1] ?? ''}`;
}
const run = (e: Evidence) => ({ evidence: e, result: triage(e), timeline: [] });

describe('memory: the host confirms the OOM diagnosis', () => {
  it('without the agent: confidence rises medium → high and the chain quotes python3 from the host', () => {
    const without = triage(noAgent(scenario('oom'))).diagnosis;
    const { diagnosis } = triage(withHost(noAgent(scenario('oom')), fineHost({ memory: fixture('al2023', 'memory') })));
    expect(without.confidence).toBe('medium');
    expect(diagnosis.cause).toBe('oom');
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.chain).toContain('On the host: available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB');
    expect(diagnosis.confidenceWhy).toBe('the kernel logged the OOM kill; the host confirms it: available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB');
    expect(diagnosis.links.find((l) => l.text.startsWith('On the host'))?.rests).toEqual(['hostMemory']);
  });

  it("the host's own kernel log showing the kill confirms it too", () => {
    const { diagnosis } = triage(withHost(noAgent(scenario('oom')), fineHost({ memory: fixture('al2', 'memory').replace(/^Mem:.*$/m, 'Mem:           3794         900        2700           0         194        2800') })));
    expect(diagnosis.confidence).toBe('high');
    expect(diagnosis.confidenceWhy).toMatch(/the host confirms it: its kernel log shows the kill$/);
  });

  it('with only the host kernel log (no log group, no console line): the OOM kill is still the diagnosis', () => {
    const e = scenario('oom');
    const { diagnosis } = triage(withHost({ ...noAgent(e), logs: missing('no-log-group', 'no log group') }, fineHost({ memory: fixture('al2', 'memory') })));
    expect(diagnosis.cause).toBe('oom');
    expect(diagnosis.title).toBe("Out of memory: The host's kernel log shows the OOM killer killed python3 (pid 1234) at 02:45:12 UTC, anon-rss 3.3 GiB");
    expect(diagnosis.chain).toContain('python3 (pid 1234) killed');
  });

  it('no agent and no kill: the host memory stands in for mem_used_percent (high memory, medium)', () => {
    const { diagnosis, findings } = triage(withHost(noAgent(), fineHost({ memory: fixture('al2023', 'memory') })));
    expect(findings.map((f) => f.id)).toContain('host-mem-low');
    expect(diagnosis).toMatchObject({ cause: 'high-memory', confidence: 'medium', title: 'High memory on the host: available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB' });
  });

  it('CloudWatch and the host agree on high memory: high', () => {
    const e = healthy();
    const { diagnosis } = triage(withHost({ ...e, metrics: { ...e.metrics, mem: series(() => 98, 60) } }, fineHost({ memory: fixture('al2023', 'memory') })));
    expect(diagnosis).toMatchObject({ cause: 'high-memory', confidence: 'high' });
  });

  it('the host says memory is fine while CloudWatch says 98 %: it says they disagree, and confidence drops', () => {
    const e = healthy();
    const { diagnosis, findings } = triage(withHost({ ...e, metrics: { ...e.metrics, mem: series(() => 98, 60) } }, fineHost({ memory: fixture('ubuntu2404', 'memory') })));
    const disagree = findings.find((f) => f.id === 'host-mem-disagrees');
    expect(disagree?.text).toBe('CloudWatch and the host disagree on memory: mem_used_percent 98% at 03:00 UTC, but free -m shows 9 % in use (available memory 7.1 GiB of 7.8 GiB) at 03:00 UTC');
    expect(diagnosis.cause).toBe('high-memory');
    expect(diagnosis.confidence).toBe('low');
    expect(diagnosis.confidenceWhy).toContain(`; but ${disagree?.text ?? '?'}`);
    expect(diagnosis.supporting.map((f) => f.id)).toContain('host-mem-disagrees');
  });

  it('after the kill CloudWatch shows 38 % and the host agrees: no disagreement, the OOM chain stays high', () => {
    const { diagnosis, findings } = triage(withHost(scenario('oom'), fineHost({ memory: free(7763, 4800) })));
    expect(findings.map((f) => f.id)).not.toContain('host-mem-disagrees');
    expect(diagnosis).toMatchObject({ cause: 'oom', confidence: 'high' });
  });
});

describe('disk: the host names what fills it', () => {
  it('disk-full + du: the chain names /var/log, and the host confirms CloudWatch', () => {
    const { diagnosis } = triage(withHost(scenario('disk-full'), fineHost({ disk: fixture('al2', 'disk') })));
    expect(diagnosis.cause).toBe('disk-full');
    expect(diagnosis.chain[1]).toBe('On the host: / 100 %: /var/log/ml-server 5.9 GiB; written in the last hour: /var/log/ml-server/debug.log');
    expect(diagnosis.confidenceWhy).toBe('disk_used_percent reached the top and the logs show ENOSPC; the host confirms it');
  });

  it('CloudWatch full but no ENOSPC in the logs read: medium; the host confirming it makes it high', () => {
    const e = { ...scenario('disk-full'), logs: missing('no-log-group', 'no log group') };
    expect(triage(e).diagnosis.confidence).toBe('medium');
    expect(triage(withHost(e, fineHost({ disk: fixture('al2', 'disk') }))).diagnosis).toMatchObject({ cause: 'disk-full', confidence: 'high', confidenceWhy: 'disk_used_percent is at the top; no ENOSPC in the logs read; the host confirms it' });
  });

  it('without the agent and without ENOSPC in the logs, df on the host alone makes the diagnosis (medium)', () => {
    const e = noAgent(healthy());
    const { diagnosis } = triage(withHost(e, fineHost({ disk: fixture('al2', 'disk') })));
    expect(diagnosis).toMatchObject({ cause: 'disk-full', confidence: 'medium' });
    expect(diagnosis.chain[0]).toBe('The root volume fills (on the host: / 100 %: /var/log/ml-server 5.9 GiB; written in the last hour: /var/log/ml-server/debug.log)');
  });

  it('Ubuntu: the snap loops at 100 % are not a full disk', () => {
    const { diagnosis, findings } = triage(withHost(noAgent(), fineHost({ disk: fixture('ubuntu2404', 'disk') })));
    expect(findings.find((f) => f.id === 'host-disk-ok')?.text).toBe('Disk space on the host: fullest file system /boot 10 %');
    expect(diagnosis.cause).toBe('healthy');
  });
});

describe('CPU: steal', () => {
  it('high CPU: the host names the process, and confidence rises low → medium', () => {
    const e = healthy();
    const hot: Evidence = { ...e, metrics: { ...e.metrics, cpuAvg: series(() => 96), cpuMax: series(() => 99) } };
    expect(triage(hot).diagnosis).toMatchObject({ cause: 'high-cpu', confidence: 'low' });
    const busy = fixture('al2', 'cpu').replace(/ 4 {2}0 .* 40\n 5 .* 38\n 4 .* 36\n 3 .* 38\n/, ' 4  0 0 1 1 1 0 0 0 8 812 1211 95 4 1 0 0\n 4  0 0 1 1 1 0 0 0 8 812 1211 95 4 1 0 0\n');
    const { diagnosis } = triage(withHost(hot, fineHost({ cpu: busy })));
    expect(diagnosis).toMatchObject({ cause: 'high-cpu', confidence: 'medium', confidenceWhy: 'CloudWatch shows the load and the host names the process' });
    expect(diagnosis.chain[0]).toMatch(/^On the host: CPU user 95 %, system 4 %, iowait 0 %, steal 0 %; java \(pid 4242\) uses 187 % CPU$/);
  });

  it('steal on a healthy-looking instance is a cause of its own (CloudWatch cannot see it)', () => {
    const { diagnosis, recommendations } = triage(withHost(healthy(), fineHost({ cpu: fixture('al2', 'cpu') })));
    expect(diagnosis).toMatchObject({ cause: 'cpu-steal', confidence: 'medium' });
    expect(diagnosis.chain[0]).toMatch(/^CPU steal 38 % on the host/);
    // The host already ran top/vmstat: it is not asked for again.
    expect(recommendations.map((r) => r.id)).toEqual(['stop-start']);
  });

  it('commands to run on the instance are offered only for what the host checks did not read', () => {
    const oom = noAgent(scenario('oom'));
    const ids = (e: Evidence) => triage(e).recommendations.map((r) => r.id);
    expect(ids(oom)).toContain('memory-host');
    expect(ids(withHost(oom, fineHost({ memory: fixture('al2023', 'memory') })))).not.toContain('memory-host');
    const timedOut = { ...output('memory', ''), status: 'TimedOut', responseCode: -1 };
    expect(ids(withHost(oom, fineHost({ memory: timedOut })))).toContain('memory-host');
    expect(ids(scenario('disk-full'))).toContain('disk-host');
    expect(ids(withHost(scenario('disk-full'), fineHost({ disk: fixture('al2', 'disk') })))).not.toContain('disk-host');
  });

  it('on a burstable instance out of credits the credits stay the cause; the steal supports it', () => {
    const { diagnosis } = triage(withHost(scenario('cpu-credits'), fineHost({ cpu: fixture('al2', 'cpu') })));
    expect(diagnosis.cause).toBe('cpu-credits');
    expect(diagnosis.supporting.map((f) => f.id)).toContain('host-steal');
  });
});

describe('SSH: the host and the network', () => {
  it('ssh-blocked with sshd active: the diagnosis stays the security group and the host clears the OS', () => {
    const { diagnosis } = triage(withHost(scenario('ssh-blocked'), fineHost()));
    expect(diagnosis.cause).toBe('ssh-blocked');
    expect(diagnosis.chain).toEqual([
      'inbound rules of sg-0a1b2c3d4e5f60001 (pettracker-ml-sg): no rule covers port 22',
      'SSH packets are dropped at the security group',
      'sshd active and listening: the host is fine, the block is in the network',
      'ssh times out',
    ]);
  });

  it('ssh-blocked and sshd down too: the security group is still the diagnosis, sshd is also found', () => {
    const { diagnosis } = triage(withHost(scenario('ssh-blocked'), fineHost({ ssh: fixture('ubuntu2204', 'ssh') })));
    expect(diagnosis.cause).toBe('ssh-blocked');
    expect(diagnosis.otherFindings.map((f) => f.id)).toContain('host-sshd-down');
  });

  it.each([
    ['sshd inactive (Ubuntu 22.04)', fixture('ubuntu2204', 'ssh'), 'SSH refused by the instance: sshd inactive on the host; nothing listens on port 22'],
    ['the host firewall drops 22', '### sshd\nactive\n### listen\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n### firewall\n-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j DROP\n', 'SSH refused by the instance: the host firewall drops port 22'],
    ['sshd listens on loopback only', '### sshd\nactive\n### listen\nLISTEN 0 128 127.0.0.1:22 0.0.0.0:*\n### firewall\nno host firewall rules\n', 'SSH refused by the instance: sshd active but listening on 127.0.0.1:22 only (loopback, not reachable from outside) on the host'],
  ])('network open, %s: the host is the cause', (_name, ssh, title) => {
    const { diagnosis, recommendations } = triage(withHost(healthy(), fineHost({ ssh })));
    expect(diagnosis).toMatchObject({ cause: 'ssh-host', confidence: 'high', title });
    expect(diagnosis.chain).toContain('The network path is open: the security groups allow port 22');
    expect(recommendations[0]?.commands).toEqual(['aws ssm start-session --target i-1234567890abcdef0 --region us-east-1']);
  });

  it('Ubuntu 24.04 socket activation: ssh.service inactive while port 22 listens is fine', () => {
    const { diagnosis, findings } = triage(withHost(healthy(), host('ubuntu2404')));
    expect(findings.find((f) => f.id === 'host-ssh-ok')?.text).toBe('sshd listening on 0.0.0.0:22, [::]:22; no host firewall rules: the host accepts SSH');
    expect(diagnosis.cause).toBe('healthy');
  });
});

describe('host evidence that could not be read changes no verdict', () => {
  const timedOut = { id: 'memory' as const, commandId: 'c', status: 'TimedOut', responseCode: -1, stdout: '', stderr: '', at: new Date('2024-01-15T03:00:00Z') };
  const unknowns: readonly [string, Evidence['host']][] = [
    ['not managed', missing('not-applicable', 'the instance is not managed by SSM (no agent registered)', 'ssm:DescribeInstanceInformation')],
    ['agent offline', missing('error', 'the SSM agent is offline (ConnectionLost since 02:40 UTC)', 'ssm:SendCommand')],
    ['denied', missingFromError({ kind: 'denied', action: 'ssm:SendCommand', message: 'not authorized' }, 'ssm:SendCommand')],
    ['not asked', missing('not-gathered', 'host checks need --diagnostics')],
    ['every check timed out', { managed: host('al2023').managed, checks: { memory: timedOut, cpu: { ...timedOut, id: 'cpu' }, disk: { ...timedOut, id: 'disk' }, ssh: { ...timedOut, id: 'ssh' } } }],
    ['no check ran', { managed: host('al2023').managed, checks: {} }],
  ];
  const names: ScenarioName[] = ['healthy', 'oom', 'system-check-failed', 'instance-check-failed', 'disk-full', 'cpu-credits', 'ssh-blocked', 'no-public-ip', 'wont-start'];
  const cases = names.flatMap((n) => unknowns.map(([label, h]) => [n, label, h] as const));

  it.each(cases)('%s, host %s: the same findings, diagnosis and recommendations as without the host', (name, _label, h) => {
    const without = triage(scenario(name));
    const e = withHost(scenario(name), h);
    expect(triage(e)).toEqual(without);
    for (const key of ['hostMemory', 'hostCpu', 'hostDisk', 'hostSsh'] as const) expect(stateOfKey(e, key)).toBe('unknown');
  });

  it('a check whose output lost its markers is unknown, with its status said', () => {
    const e = withHost(healthy(), host('al2023', { memory: output('memory', 'free: command not found') }));
    expect(stateOfKey(e, 'hostMemory')).toBe('unknown');
    expect(stateOfKey(e, 'hostDisk')).toBe('observed');
  });
});

describe('the checklist and the report', () => {
  it('no Host checks step when the run did not include them', () => {
    expect(stepsOf(run(scenario('oom'))).steps.map((s) => s.id)).toEqual(['status', 'metrics', 'logs', 'diagnosis']);
  });

  it('not run: said with why — info when not asked or not managed, unknown when refused, a warning when it failed', () => {
    const step = (h: Evidence['host']) => stepsOf(run(withHost(healthy(), h))).steps.find((s) => s.id === 'host');
    expect(step(missing('not-gathered', 'start with --diagnostics to run them'))).toMatchObject({ state: 'info', result: 'Not run: start with --diagnostics to run them' });
    expect(step(missing('not-applicable', 'the instance is not managed by SSM'))).toMatchObject({ state: 'info', result: 'Not run: the instance is not managed by SSM' });
    expect(step(missing('denied', 'ssm:SendCommand was refused'))).toMatchObject({ state: 'unknown' });
    expect(step(missing('error', 'SSM Agent offline (ConnectionLost)'))).toMatchObject({ state: 'warning' });
  });

  it('the OOM run: the step before the diagnosis shows the host finding and every fact', () => {
    const { steps } = stepsOf(run(withHost(noAgent(scenario('oom')), fineHost({ memory: fixture('al2023', 'memory') }))));
    expect(steps.map((s) => s.id)).toEqual(['status', 'metrics', 'logs', 'host', 'diagnosis']);
    expect(steps[3]).toMatchObject({ title: 'Host checks (on the instance, via SSM)', state: 'warning', result: 'Memory nearly exhausted on the host: available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB' });
    expect(steps[3]?.details).toContain('CPU: steal 0 %');
    expect(steps[3]?.details).toContain('SSH: sshd active');
  });

  it('one check timed out: the step keeps the other facts and says which check could not be read', () => {
    const timedOut = { ...output('disk', ''), status: 'TimedOut', responseCode: -1 };
    const step = stepsOf(run(withHost(healthy(), fineHost({ disk: timedOut })))).steps.find((s) => s.id === 'host');
    expect(step?.state).toBe('info');
    expect(step?.details.at(-1)).toBe('could not read host disk check: the disk check printed nothing readable (TimedOut)');
  });

  it('the report quotes the facts under their own heading, with each command from the table and its output', () => {
    const report = renderReport(run(withHost(scenario('disk-full'), fineHost({ disk: fixture('al2', 'disk') }))));
    const section = report.slice(report.indexOf('## Host checks'), report.indexOf('## Recommended actions'));
    expect(section).toContain('### Disk (read at 03:00:00 UTC)');
    expect(section).toContain('- / 100 %: /var/log/ml-server 5.9 GiB (20 KiB free of 8 GiB)');
    for (const s of HOST_CHECKS.find((c) => c.id === 'disk')?.sections ?? []) expect(section).toContain(`$ ${s.command}`);
    expect(section).toContain('/dev/nvme0n1p1  8.0G  8.0G   20K 100% /');
    const df = HOST_CHECKS.find((c) => c.id === 'disk')?.sections.find((x) => x.key === 'df')?.command ?? '?';
    expect(report).toContain(`| host: ${df} | /dev/nvme0n1p1 / 100 % |`);
    const oom = HOST_CHECKS.find((c) => c.id === 'memory')?.sections.find((x) => x.key === 'oom')?.command ?? '?';
    expect(section).toContain(`$ ${oom}\n(no output)`);
  });

  it('the report says when the host checks did not run, and has no such section when they were not part of the run', () => {
    expect(renderReport(run(withHost(healthy(), missing('not-applicable', 'the instance is not managed by SSM'))))).toContain('## Host checks\n\nNot run: the instance is not managed by SSM.');
    expect(renderReport(run(healthy()))).not.toContain('## Host checks');
  });

  it('check --diagnostics prints the host facts (JSON and text); without the host checks the document has no host field', () => {
    const e = withHost(noAgent(scenario('oom')), fineHost({ memory: fixture('al2023', 'memory'), cpu: { ...output('cpu', ''), status: 'TimedOut', responseCode: -1 } }));
    const json = toCheckJson(e, triage(e));
    expect(json.host?.checks.map((c) => [c.id, c.notRun])).toEqual([['memory', null], ['cpu', 'the cpu check printed nothing readable (TimedOut)'], ['disk', null], ['ssh', null]]);
    expect(json.host?.checks[0]?.commands).toEqual(HOST_CHECKS[0]?.sections.map((s) => s.command));
    const text = renderCheckText(json);
    // The heading, who answered (the agent), then the facts.
    expect(text).toMatch(/Host checks \(on the instance, via SSM\):\n {2}SSM Agent .+\n {2}Memory: available memory 120 MiB of 7\.6 GiB; python3 \(pid 1234\) uses 6\.9 GiB/);
    expect(json.host?.checks[0]).toMatchObject({ status: 'Success', exitCode: 0 });
    expect(json.host?.checks[0]?.output?.free).toMatch(/available/);
    expect(text).toContain('  CPU: not run — the cpu check printed nothing readable (TimedOut)');
    expect(toCheckJson(scenario('oom'), triage(scenario('oom'))).host).toBeUndefined();
    const notManaged = withHost(healthy(), missing('not-applicable', 'the instance is not managed by SSM'));
    expect(renderCheckText(toCheckJson(notManaged, triage(notManaged)))).toContain('Host checks: not run — the instance is not managed by SSM');
  });

  it('runbooks: the host step shows what the host checks found instead of asking to run the commands', () => {
    const oom = withHost(noAgent(scenario('oom')), fineHost({ memory: fixture('al2023', 'memory') }));
    expect(RUNBOOKS['high-memory'].run(oom).steps.at(-1)).toMatchObject({ apiCall: 'ssm:SendCommand (host checks)', state: 'warning', result: 'Memory nearly exhausted on the host: available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB' });
    expect(RUNBOOKS['disk-full'].run(withHost(healthy(), fineHost())).steps.at(-1)).toMatchObject({ state: 'ok', result: '/ 20 %: /usr 1.1 GiB (6.4 GiB free of 8 GiB) · inodes: / 1 %' });
    expect(RUNBOOKS['disk-full'].run(withHost(healthy(), fineHost({ disk: fixture('ubuntu2404', 'disk') }))).steps.at(-1)).toMatchObject({ state: 'warning', result: expect.stringMatching(/^CloudWatch and the host disagree on the root volume: disk_used_percent 41.2% at 03:00 UTC, but df shows \/ at 8 %/) });
    expect(RUNBOOKS['disk-full'].run(healthy()).steps.at(-1)).toMatchObject({ apiCall: 'on the instance', state: 'warning' });
    const ssh = RUNBOOKS['cant-ssh'].run(withHost(healthy(), fineHost({ ssh: fixture('ubuntu2204', 'ssh') })));
    expect(ssh.steps.at(-1)).toMatchObject({ id: 'host-ssh', state: 'warning', result: 'sshd inactive on the host; nothing listens on port 22: connections to port 22 are refused' });
    expect(RUNBOOKS['cant-ssh'].run(healthy()).steps.map((s) => s.id)).not.toContain('host-ssh');
  });
});

describe('inodes on a full disk', () => {
  const disk = (spacePct: number, inodePct: number): string => [
    '### df', 'Filesystem      Size  Used Avail Use% Mounted on', `/dev/nvme0n1p1   30G   ${Math.round(spacePct * 0.3)}G  1G  ${spacePct}% /`,
    '### df-inodes', 'Filesystem      Inodes  IUsed IFree IUse% Mounted on', `/dev/nvme0n1p1 1000000 ${inodePct * 10000} ${(100 - inodePct) * 10000} ${inodePct}% /`,
    '### du', 'mount /', '18G\t/var/tmp', '### recent', '',
  ].join('\n');
  const ids = (stdout: string) => triage(withHost(healthy(), host('al2023', { disk: stdout }))).findings.map((f) => f.id);

  it('a file system out of space that also shows its inodes used up is a full disk, not "many small files"', () => {
    expect(ids(disk(100, 100))).toContain('host-disk-full');
    expect(ids(disk(100, 100))).not.toContain('host-inodes-full');
  });

  it('inodes used up with space left are their own finding', () => {
    const findings = triage(withHost(healthy(), host('al2023', { disk: disk(40, 100) }))).findings;
    expect(findings.find((f) => f.id === 'host-inodes-full')?.text).toBe('Inodes exhausted on the host: / 100 % of inodes used with space left (many small files): new files cannot be created');
  });
});
