// What the open dialog shows, computed once per render for both the screen and the key handler (scroll limits,
// the cursor's item): title, scrollable lines, and the pinned bottom (typed field, buttons). Pure.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { ActionRun, ActionsSnapshot } from '../../model/actions-types.js';
import type { MetricsSnapshot } from '../../model/types.js';
import { isConfirmed, isTopicArn } from '../../triage/write-plan.js';
import type { ChecklistRun } from '../../triage/run.js';
import type { Line } from '../components/lines.js';
import type { DialogState } from '../use-app-state.js';
import type { SessionFileState } from '../../model/session-types.js';
import { agentViewLines, alarmsViewLines, journalLines, menuLines, permissionLines, previewLines, progressLines, quitLines, resizeLines, savedLines } from './dialog-lines.js';
import { hostChecksPreviewLines } from './host-checks-preview.js';
import { budgetLines } from '../budget-lines.js';
import { wrap } from '../panes/triage/engine-lines.js';
import type { BudgetSnapshot } from '../../model/budget-types.js';
import { menuItems, type MenuItem } from './menu.js';
import { applicableRunbook, lastRunbook, RUNBOOK_IDS, runbookPickerLines } from './runbook-picker.js';

export interface Button {
  readonly label: string;
  readonly isFocused: boolean;
  readonly isEnabled: boolean;
}

export interface DialogView {
  readonly title: string;
  readonly lines: readonly Line[];
  /** Pinned under the lines: what decides whether Run can be pressed (the DryRun result, read-only). */
  readonly status?: readonly Line[];
  /** Pinned under the lines: the typed field and its state. */
  readonly field?: { readonly prompt: string; readonly typed: string; readonly isValid: boolean };
  readonly buttons: readonly Button[];
  /** The cursor's line, kept in view (menus, the resize list). */
  readonly cursorLine?: number;
  /** Menu entries / resize candidates, for the key handler. */
  readonly items?: readonly MenuItem[];
  readonly cursor?: number;
  readonly count?: number;
}

export interface DialogFacts {
  /** `:budget`: the app's call budget. */
  readonly budget?: BudgetSnapshot | undefined;
  readonly dialog: DialogState;
  readonly instance: Instance | undefined;
  readonly status: InstanceStatus | undefined;
  readonly run: ChecklistRun | undefined;
  readonly metrics: MetricsSnapshot;
  readonly actions: ActionsSnapshot;
  readonly isReadOnly: boolean;
  readonly alarmTopic: string | undefined;
  readonly now: number;
  readonly width: number;
  /** Where the session file is (shown with the journal's). */
  readonly sessionFile?: SessionFileState | undefined;
}

/** The cause the last triage of this instance found. */
export const causeOf = (run: ChecklistRun | undefined, instance: Instance | undefined) =>
  run !== undefined && instance !== undefined && run.instanceId === instance.id ? run.engine?.result.diagnosis.cause : undefined;

/** The agent reports for the instance (as far as the metrics store knows). */
export const agentReports = (metrics: MetricsSnapshot, instance: Instance | undefined): boolean | undefined =>
  instance === undefined ? undefined : metrics.byInstance.get(instance.id)?.isAgentReporting;

/** The recommendations of the last finished triage of this instance. */
export const recommendationsOf = (run: ChecklistRun | undefined, instance: Instance | undefined) =>
  run !== undefined && instance !== undefined && run.instanceId === instance.id ? run.engine?.result.recommendations : undefined;

/** The menu for an instance as the app knows it now: its last triage's recommendations, then the other actions. */
export function menuFor(instance: Instance, run: ChecklistRun | undefined): MenuItem[] {
  return menuItems({ instance, recommendations: recommendationsOf(run, instance) });
}

/** The resize cursor: the user's pick, else the recommended type, else the first. */
export function resizeCursor(dialog: DialogState, actions: ActionsSnapshot, instance: Instance | undefined): number {
  if (dialog.kind === 'resize' && dialog.index >= 0) return dialog.index;
  const data = instance === undefined || actions.resize?.instanceId !== instance.id ? undefined : actions.resize.data.data;
  if (data === undefined) return 0;
  return Math.max(0, data.candidates.findIndex((c) => c.type === data.recommended?.type));
}

/** Why Run cannot be pressed now; undefined when it can. */
export function runBlocker(run: ActionRun, typed: string, isReadOnly: boolean): string | undefined {
  if (isReadOnly || run.permission.kind === 'read-only') return 'read-only: nothing is sent (start ec2-triage with --write to act)';
  if (run.permission.kind === 'checking') return 'still checking permission with DryRun';
  if (run.permission.kind === 'refused') return run.permission.text;
  if (!isConfirmed(run.plan, typed)) return `type ${run.plan.confirmWords.join(' or ')} to confirm`;
  return undefined;
}

const PHASE_TITLES: Readonly<Record<ActionRun['phase'], string>> = {
  preview: 'Preview: nothing has been sent',
  running: 'Action running',
  succeeded: 'Action done',
  failed: 'Action failed',
  cancelled: 'Action cancelled',
  interrupted: 'Action interrupted',
};

/** `q` while an action runs: what quitting leaves, and what is kept (the journal, the command that finishes it). */
function quitView(actions: ActionsSnapshot, width: number, session: SessionFileState | undefined): DialogView {
  const run = actions.current;
  if (run?.phase !== 'running') {
    return { title: 'Quit?', lines: [{ text: 'No action is running any more. Quit? [y/N]', isBold: true }], buttons: [] };
  }
  return { title: 'Quit while an action runs?', lines: quitLines(run, actions.journalFile, width, session), buttons: [] };
}

export function dialogView(f: DialogFacts): DialogView | undefined {
  const { dialog, instance, width } = f;
  const inner = Math.max(10, width - 2);
  if (dialog.kind === 'preview') {
    const run = f.actions.current;
    if (run === undefined) return undefined;
    if (run.phase === 'preview') {
      const blocker = runBlocker(run, dialog.typed, f.isReadOnly);
      return {
        title: PHASE_TITLES.preview,
        lines: previewLines(run, inner),
        status: permissionLines(run, inner),
        ...(run.plan.needsTypedConfirm
          ? { field: { prompt: `Type ${run.plan.confirmWords.join(' or ')} to confirm`, typed: dialog.typed, isValid: isConfirmed(run.plan, dialog.typed) } }
          : {}),
        buttons: [
          { label: 'Cancel', isFocused: dialog.button === 'cancel', isEnabled: true },
          { label: blocker === undefined ? 'Run' : `Run — ${blocker}`, isFocused: dialog.button === 'run', isEnabled: blocker === undefined },
        ],
      };
    }
    return {
      title: PHASE_TITLES[run.phase],
      lines: [...progressLines(run, f.now, inner), ...journalLines(f.actions.journalFile, inner, f.sessionFile)],
      buttons: [{ label: run.phase === 'running' ? 'Hide (the action goes on; a shows it again)' : 'Close', isFocused: true, isEnabled: true }],
    };
  }
  if (dialog.kind === 'quit') return quitView(f.actions, inner, f.sessionFile);
  if (dialog.kind === 'budget') {
    const lines = f.budget === undefined ? ['No call budget here: this model counts no calls.'] : budgetLines(f.budget);
    // Wrapped to the dialog, each continuation under its line's own indent (the price and its date stay readable).
    const wrapped = lines.flatMap((text) => wrap(text, inner, `${' '.repeat(text.length - text.trimStart().length)}  `));
    return { title: 'API budget', lines: wrapped.map((text) => ({ text })), buttons: [] };
  }
  if (dialog.kind === 'saved') {
    return {
      title: `${dialog.what} saved elsewhere`,
      lines: savedLines(dialog.what, dialog.saved, inner),
      field: { prompt: 'Or type another path and press Enter', typed: dialog.typed, isValid: true },
      buttons: [],
    };
  }
  if (dialog.kind === 'note') {
    const on = instance !== undefined && instance.id === dialog.instanceId ? ` on ${instance.name === '' ? instance.id : instance.name}` : '';
    if (dialog.isPointer === true) {
      return {
        title: `Point${on}`,
        lines: [{ text: "A short suggestion for the driver: it shows in their footer and in the timeline, with your name and the time.", isDim: true }],
        field: { prompt: 'Pointer', typed: dialog.typed, isValid: true },
        buttons: [],
      };
    }
    return {
      title: `Note${on}`,
      lines: [{ text: 'One line for the incident timeline: the triage pane, the report and the session file keep it, with your name and the time.', isDim: true }],
      field: { prompt: 'Note', typed: dialog.typed, isValid: true },
      buttons: [],
    };
  }
  if (instance === undefined) return undefined;
  switch (dialog.kind) {
    case 'menu': {
      const items = menuFor(instance, f.run);
      const cursor = Math.min(dialog.index, items.length - 1);
      const lines = menuLines(items, cursor, instance, inner);
      return { title: 'Actions', lines, buttons: [], items, cursor, count: items.length, cursorLine: Math.max(0, lines.findIndex((l) => l.text.startsWith('›'))) };
    }
    case 'runbooks': {
      const cursor = Math.min(Math.max(0, dialog.index), RUNBOOK_IDS.length - 1);
      const picker = runbookPickerLines(instance, applicableRunbook(instance, f.status, f.run), lastRunbook(f.run, instance), cursor, inner);
      return { title: 'Runbooks: pick one to run', lines: picker.lines, buttons: [], cursor, count: RUNBOOK_IDS.length, cursorLine: picker.entryLines[cursor] ?? 0 };
    }
    case 'resize': {
      const data = f.actions.resize?.instanceId === instance.id ? f.actions.resize.data : undefined;
      const cursor = resizeCursor(dialog, f.actions, instance);
      const lines = resizeLines(instance, data, cursor, causeOf(f.run, instance) === 'oom', inner);
      const count = data?.data?.candidates.length ?? 0;
      return { title: 'Resize: pick a type', lines, buttons: [], cursor, count, cursorLine: 2 + cursor };
    }
    case 'topic': {
      const typed = dialog.typed.trim();
      return {
        title: 'Add recommended alarms: notification topic',
        lines: [
          { text: 'The CPU, status-check and memory alarms notify an SNS topic when they fire (the auto-recover alarm acts by itself).' },
          { text: 'Type the topic ARN, or leave it empty to create the alarms without notification (set --alarm-topic to skip this).', isDim: true },
        ],
        field: { prompt: 'SNS topic ARN', typed: dialog.typed, isValid: typed === '' || isTopicArn(typed) },
        buttons: [],
      };
    }
    case 'alarms':
      return { title: 'Alarms', lines: alarmsViewLines(instance, f.actions.alarms, agentReports(f.metrics, instance), f.now, inner), buttons: [] };
    case 'hostChecks':
      return { title: 'Host checks: run these on the instance?', lines: hostChecksPreviewLines(instance, inner), buttons: [] };
    case 'agent':
      return { title: 'CloudWatch Agent', lines: agentViewLines(instance, agentReports(f.metrics, instance), f.actions.agent?.instanceId === instance.id ? f.actions.agent.data : undefined, inner), buttons: [] };
  }
}
