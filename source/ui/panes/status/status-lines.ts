// Pure: what the status pane says about one instance, and the reference's action for what is failing now.
import type { Instance, InstanceStatus, StatusCheck } from '../../../domain/types.js';
import type { Line } from '../../components/lines.js';
import { formatDateTime } from '../../format.js';
import { wrap } from '../triage/engine-lines.js';
import { checkTone, stateTone } from '../../theme.js';

export interface ActionHint {
  readonly text: string;
  readonly isCritical: boolean;
}

/** The reference's "Status Check Failure Actions" table for the checks failing now. */
export function actionHint(status: InstanceStatus | undefined): ActionHint | undefined {
  if (status === undefined) return undefined;
  const isSystemFailed = status.system.status === 'impaired';
  const isInstanceFailed = status.instance.status === 'impaired';
  if (isSystemFailed && isInstanceFailed) {
    return { text: '→ Try both (stop/start, then reboot); the instance may need replacing', isCritical: true };
  }
  if (isSystemFailed) {
    return { text: '→ Stop and start the instance (moves it to new hardware) — not reboot', isCritical: true };
  }
  if (isInstanceFailed) return { text: '→ Reboot the instance, then check the OS logs', isCritical: true };
  if (status.system.status === 'ok' && status.instance.status === 'ok') {
    return { text: 'Both checks passing', isCritical: false };
  }
  return undefined;
}

function checkLine(label: string, check: StatusCheck): Line {
  return { text: `${label.padEnd(15)} ${check.status}`, tone: checkTone(check.status) };
}

function detailLines(label: string, check: StatusCheck): Line[] {
  return check.details.map((d) => {
    const since = d.impairedSince === undefined ? '' : ` since ${formatDateTime(d.impairedSince)}`;
    const isBad = d.status === 'failed';
    return { text: `  ${label} ${d.name}: ${d.status}${since}`, ...(isBad ? { tone: 'bad' as const } : {}), isDim: !isBad };
  });
}

/**
 * The pane's scrollable lines for the selected instance. What is failing comes first (state, the check
 * summaries, events) so an 80×24 pane shows it without scrolling; reasons and per-test details follow.
 */
export function statusLines(instance: Instance, status: InstanceStatus | undefined, width = Number.POSITIVE_INFINITY): Line[] {
  // Long events and reasons wrap (never cut) to the pane's width; continuation rows are indented.
  return unwrappedLines(instance, status).flatMap((line) => wrap(line.text, width, '    ').map((text) => ({ ...line, text })));
}

function unwrappedLines(instance: Instance, status: InstanceStatus | undefined): Line[] {
  const lines: Line[] = [{ text: `State           ${instance.state}`, tone: stateTone(instance.state), isBold: true }];
  const reasons: Line[] = [];
  if (instance.stateReason !== undefined) {
    reasons.push({ text: `  ${instance.stateReason.code}: ${instance.stateReason.message}`, isDim: true });
  }
  if (instance.stateTransitionReason !== undefined && instance.stateTransitionReason !== '') {
    reasons.push({ text: `  ${instance.stateTransitionReason}`, isDim: true });
  }
  if (status === undefined) {
    const why = instance.state === 'running' || instance.state === 'pending' ? 'no data yet' : 'n/a (not running)';
    return [...lines, { text: `Status checks   ${why}`, isDim: true }, ...reasons];
  }
  lines.push(checkLine('System check', status.system), checkLine('Instance check', status.instance));
  if (status.ebs !== undefined) lines.push(checkLine('EBS check', status.ebs));
  for (const e of status.events) {
    const due = e.notBefore === undefined ? '' : ` · due ${formatDateTime(e.notBefore)}`;
    lines.push({ text: `Event ${e.code}: ${e.description}${due}`, tone: 'warn' });
  }
  lines.push(...reasons, ...detailLines('system', status.system), ...detailLines('instance', status.instance));
  if (status.ebs !== undefined) lines.push(...detailLines('ebs', status.ebs));
  return lines;
}
