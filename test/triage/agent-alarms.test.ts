import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../source/domain/action-types.js';
import type { Instance } from '../../source/domain/types.js';
import { describeActionError } from '../../source/triage/action-errors.js';
import { agentExplanation, agentLogGroups, agentSetup } from '../../source/triage/agent-config.js';
import { alarmCoverage } from '../../source/triage/alarm-coverage.js';
import { journalSection, journalTimeline, type JournalEntry } from '../../source/triage/journal.js';
import { recommendedAlarms } from '../../source/triage/write-plan.js';

const ml = { id: 'i-1234567890abcdef0', name: 'pettracker-ml-server', type: 'c5.large' } as Instance;

describe('CloudWatch Agent config', () => {
  it('log groups after the Name tag, as the reference names them and triage finds them', () => {
    expect(agentLogGroups(ml)).toEqual({ system: '/pettracker/ec2/system', app: '/pettracker/ml-server' });
    expect(agentLogGroups({ ...ml, name: 'web' } as Instance)).toEqual({ system: '/web/ec2/system', app: '/web/app' });
    expect(agentLogGroups({ ...ml, name: '' } as Instance)).toEqual({ system: '/i-1234567890abcdef0/ec2/system', app: '/i-1234567890abcdef0/app' });
  });

  it("the reference's JSON: mem_used_percent, disk_used_percent for /, two log files, InstanceId appended", () => {
    const setup = agentSetup(ml);
    expect(JSON.parse(setup.json)).toEqual({
      metrics: {
        metrics_collected: { mem: { measurement: ['mem_used_percent'] }, disk: { measurement: ['disk_used_percent'], resources: ['/'] } },
        append_dimensions: { InstanceId: '${aws:InstanceId}' },
      },
      logs: { logs_collected: { files: { collect_list: [
        { file_path: '/var/log/messages', log_group_name: '/pettracker/ec2/system' },
        { file_path: '/opt/ml-server/logs/*.log', log_group_name: '/pettracker/ml-server' },
      ] } } },
    });
    expect(setup.script).toContain('sudo yum install -y amazon-cloudwatch-agent');
    expect(setup.script).toContain('-a fetch-config');
    expect(setup.fileName).toBe('cloudwatch-agent-i-1234567890abcdef0.sh');
  });

  it('explains a missing agent, and an agent reporting with other dimensions', () => {
    expect(agentExplanation(true, undefined)).toBeUndefined();
    expect(agentExplanation(false, { memDimensionSets: [], hasDisk: false })?.[0]).toMatch(/^No CloudWatch Agent metrics/);
    const other = agentExplanation(false, { memDimensionSets: [['ImageId', 'InstanceType']], hasDisk: true });
    expect(other?.join(' ')).toMatch(/other dimensions: +InstanceId \+ ImageId, InstanceType/);
  });
});

describe('alarm coverage', () => {
  const specs = recommendedAlarms(ml, 'us-east-1', { isAgentReporting: true });
  const alarm = (i: number): Alarm => ({ ...specs[i]!, state: 'OK', stateReason: '', stateUpdatedAt: undefined });
  it('every gap when there are no alarms; the memory gap only when the agent reports', () => {
    expect(alarmCoverage([], true).map((g) => g.what)).toEqual(['status-check', 'auto-recover', 'cpu', 'memory']);
    expect(alarmCoverage([], false).map((g) => g.what)).toEqual(['status-check', 'auto-recover', 'cpu']);
  });
  it('the recommended set covers everything; a recover alarm alone is not a status-check alarm', () => {
    expect(alarmCoverage(specs.map((_, i) => alarm(i)), true)).toEqual([]);
    expect(alarmCoverage([alarm(2)], false).map((g) => g.what)).toEqual(['status-check', 'cpu']);
  });
});

describe('action errors in words', () => {
  it('names the missing permission, capacity with the runbook advice, and state', () => {
    expect(describeActionError({ kind: 'denied', action: 'ec2:StopInstances', message: 'x' }, { plan: 'stop-start', step: 'StopInstances' }).text).toBe(
      'You lack ec2:StopInstances: your IAM identity may not call it on this instance.',
    );
    const capacity = describeActionError({ kind: 'unknown', code: 'InsufficientInstanceCapacity', message: 'no' }, { plan: 'start', step: 'StartInstances', instanceType: 'c5.large', az: 'us-east-1a' });
    expect(capacity.text).toBe('AWS has no capacity for c5.large in us-east-1a right now.');
    expect(capacity.advice[0]).toMatch(/again in a few minutes/);
    expect(describeActionError({ kind: 'unknown', code: 'IncorrectInstanceState', message: 'm' }, { plan: 'reboot', step: 'x', state: 'stopped' }).text).toMatch(/\(stopped\)/);
  });
});

describe('journal', () => {
  const entry: JournalEntry = {
    id: 1, instanceId: ml.id, kind: 'reboot', who: 'ann@bastion (profile prod)', title: 'Reboot pettracker-ml-server', previewedAt: Date.UTC(2024, 0, 15, 3, 0, 0),
    confirmedAt: Date.UTC(2024, 0, 15, 3, 0, 9), endedAt: Date.UTC(2024, 0, 15, 3, 0, 10), calls: [{ operation: 'ec2:RebootInstances', params: { InstanceIds: [ml.id] } }],
    commands: ['aws ec2 reboot-instances --instance-ids i-1234567890abcdef0 --region us-east-1'], notes: [], outcome: 'succeeded', detail: ['RebootInstances: done in 1 s'],
  };
  it('is three timeline entries: preview, confirmed, outcome', () => {
    expect(journalTimeline([entry]).map((e) => e.text)).toEqual(['preview: Reboot pettracker-ml-server', 'confirmed: Reboot pettracker-ml-server', 'succeeded: Reboot pettracker-ml-server']);
  });
  it('the report section says who, when, the calls and commands, the outcome', () => {
    const text = journalSection([entry]).join('\n');
    expect(text).toContain('### Reboot pettracker-ml-server: succeeded');
    expect(text).toContain('- **Who:** ann@bastion (profile prod)');
    expect(text).toContain('- **Confirmed:** 2024-01-15 03:00:09 UTC');
    expect(text).toContain('- `ec2:RebootInstances` {"InstanceIds":["i-1234567890abcdef0"]}');
    expect(text).toContain('aws ec2 reboot-instances');
    expect(journalSection([])).toEqual([]);
  });
});
