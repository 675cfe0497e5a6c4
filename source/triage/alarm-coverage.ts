// Which of the reference's alarms an instance lacks, from the alarms whose dimensions name it. Pure.
import type { Alarm } from '../domain/action-types.js';

export interface CoverageGap {
  readonly what: 'status-check' | 'auto-recover' | 'cpu' | 'memory';
  readonly text: string;
}

const isRecover = (a: Alarm): boolean => a.alarmActions.some((x) => /^arn:aws[a-z-]*:automate:[^:]+:ec2:recover$/.test(x));

/** The gaps: no status-check alarm, no auto-recover alarm, no CPU alarm, no memory alarm although the agent reports. */
export function alarmCoverage(alarms: readonly Alarm[], isAgentReporting: boolean | undefined): CoverageGap[] {
  const on = (ns: string, names: readonly string[]) => alarms.filter((a) => a.namespace === ns && names.includes(a.metricName));
  const gaps: CoverageGap[] = [];
  if (on('AWS/EC2', ['StatusCheckFailed', 'StatusCheckFailed_Instance', 'StatusCheckFailed_System']).filter((a) => !isRecover(a)).length === 0) {
    gaps.push({ what: 'status-check', text: 'No status-check alarm: a failed check would go unnoticed until users complain.' });
  }
  if (!on('AWS/EC2', ['StatusCheckFailed_System', 'StatusCheckFailed']).some(isRecover)) {
    gaps.push({ what: 'auto-recover', text: 'No auto-recover alarm: a host failure needs a person to stop and start it.' });
  }
  if (on('AWS/EC2', ['CPUUtilization']).length === 0) gaps.push({ what: 'cpu', text: 'No CPU alarm.' });
  if (isAgentReporting === true && on('CWAgent', ['mem_used_percent']).length === 0) {
    gaps.push({ what: 'memory', text: 'No memory alarm although the CloudWatch Agent reports mem_used_percent.' });
  }
  return gaps;
}
