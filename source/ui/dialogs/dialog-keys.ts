// The write path's keys: opening the menu and the alarms, moving in dialogs, typing a confirmation, pressing
// buttons. Every write goes through model.actions.preview first; only Run on a confirmed preview sends anything.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { ActionsSnapshot } from '../../model/actions-types.js';
import type { AppModel, MetricsSnapshot } from '../../model/types.js';
import { agentSetup } from '../../triage/agent-config.js';
import type { ChecklistRun } from '../../triage/run.js';
import { isConfirmed, isTopicArn, planAlarms, planReboot, planResize, planStart, planStopStart, recommendedAlarms, type ActionPlan } from '../../triage/write-plan.js';
import type { ActionId } from '../keymap.js';
import type { AppUiAction, AppUiState, DialogState } from '../use-app-state.js';
import { dialogViewportHeight } from './dialog.js';
import { agentReports, menuFor, type DialogView, runBlocker } from './dialog-view.js';
import { initialMenuIndex, type ToolId } from './menu.js';
import { applicableRunbook, initialRunbookIndex, RUNBOOK_IDS } from './runbook-picker.js';
import { RUNBOOKS } from '../../triage/runbooks/index.js';
import { describeAwsError } from '../../domain/aws-error.js';
import { savedMessage, type SavedFile } from '../../model/saved-file.js';
import { targetOf } from '../../model/command-target.js';

export interface DialogDeps {
  readonly model: AppModel;
  readonly ui: AppUiState;
  readonly dispatch: (action: AppUiAction) => void;
  readonly selected: Instance | undefined;
  readonly status: InstanceStatus | undefined;
  readonly run: ChecklistRun | undefined;
  readonly metrics: MetricsSnapshot;
  readonly actions: ActionsSnapshot;
  readonly view: DialogView | undefined;
  /** The dialog's outer height (for paging and scroll limits). */
  readonly height: number;
  readonly say: (text: string, isError?: boolean) => void;
}

const PREVIEW = { kind: 'preview', button: 'cancel', typed: '' } as const;

/** Asks the model to preview `plan` (DryRun starts there) and opens the preview dialog on it. */
function previewPlan(d: DialogDeps, plan: ActionPlan, instance: Instance): void {
  d.model.actions.preview(plan, instance);
  d.dispatch({ type: 'openDialog', dialog: PREVIEW });
}

/** Opens the action menu (or, while an action runs, its progress). */
export function openActions(d: DialogDeps): void {
  const current = d.actions.current;
  if (current !== undefined && current.phase === 'running') return d.dispatch({ type: 'openDialog', dialog: PREVIEW });
  if (d.selected === undefined) return d.say('No instance selected', true);
  const items = menuFor(d.selected, d.run);
  d.dispatch({ type: 'openDialog', dialog: { kind: 'menu', index: initialMenuIndex(items) } });
}

/** Opens the runbook picker on the runbook that applies to the selected instance. */
export function openRunbooks(d: DialogDeps): void {
  if (d.selected === undefined) return d.say('No instance selected', true);
  d.dispatch({ type: 'openDialog', dialog: { kind: 'runbooks', index: initialRunbookIndex(applicableRunbook(d.selected, d.status, d.run)) } });
}

/** Runs runbook number `index` on the instance: one triage round with that runbook; the triage pane shows it. */
function runRunbook(d: DialogDeps, instance: Instance, index: number): void {
  const id = RUNBOOK_IDS[index];
  if (id === undefined) return;
  d.dispatch({ type: 'closeDialog' });
  d.model.runTriage(instance, { runbook: id });
  d.say(`Running the ${RUNBOOKS[id].title} runbook on ${instance.name === '' ? instance.id : instance.name}`);
}

export function openAlarms(d: DialogDeps): void {
  if (d.selected === undefined) return d.say('No instance selected', true);
  d.model.actions.loadAlarms(d.selected.id);
  d.dispatch({ type: 'openDialog', dialog: { kind: 'alarms' } });
}

/** Why the recommended alarms cannot be planned yet: which exist decides create vs update. */
function alarmsNotRead(d: DialogDeps): string {
  const error = d.actions.alarms?.data.error;
  return error === undefined
    ? 'The alarms are still being read; try again in a moment'
    : `Cannot plan the alarms without reading the existing ones (${describeAwsError(error)}); r reads them again`;
}

function previewAlarms(d: DialogDeps, instance: Instance, topic: string | undefined): void {
  const alarms = d.actions.alarms?.instanceId === instance.id ? d.actions.alarms.data.data : undefined;
  if (alarms === undefined) return d.say(alarmsNotRead(d), true);
  const specs = recommendedAlarms(instance, targetOf(d.model, instance).region, { ...(topic === undefined ? {} : { topicArn: topic }), isAgentReporting: agentReports(d.metrics, instance) === true });
  previewPlan(d, planAlarms(instance, specs, alarms.map((a) => a.name), targetOf(d.model, instance)), instance);
}

function choose(d: DialogDeps): void {
  const dialog = d.ui.dialog;
  const instance = d.selected;
  if (dialog === undefined) return;
  if (dialog.kind === 'saved') return saveElsewhere(d, dialog);
  if (dialog.kind === 'note') return saveNote(d, dialog);
  if (dialog.kind === 'preview') {
    const run = d.actions.current;
    // Once confirmed the dialog shows progress: Enter there closes or hides it, as Esc does.
    if (run === undefined || run.phase !== 'preview') return close(d);
    if (dialog.button === 'cancel') return cancelPreview(d);
    const blocker = runBlocker(run, dialog.typed, d.model.isReadOnly);
    if (blocker !== undefined) return d.say(`Not sent: ${blocker}`, true);
    d.model.actions.confirm();
    return;
  }
  if (instance === undefined) return d.dispatch({ type: 'closeDialog' });
  switch (dialog.kind) {
    case 'menu':
      return chooseMenuItem(d, instance, d.view?.cursor ?? 0);
    case 'runbooks':
      return runRunbook(d, instance, d.view?.cursor ?? 0);
    case 'resize': {
      const data = d.actions.resize?.instanceId === instance.id ? d.actions.resize.data.data : undefined;
      const to = data?.candidates[d.view?.cursor ?? 0];
      if (data === undefined || to === undefined) return d.say('No instance type to pick yet', true);
      return previewPlan(d, planResize(instance, data.current, to, targetOf(d.model, instance)), instance);
    }
    case 'topic': {
      const typed = dialog.typed.trim();
      if (typed !== '' && !isTopicArn(typed)) return d.say('Not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME); leave it empty for none', true);
      return previewAlarms(d, instance, typed === '' ? undefined : typed);
    }
    case 'hostChecks':
      // Enter is the consent: this run and every later one in the session include the host checks.
      d.model.diagnostics?.confirm();
      d.dispatch({ type: 'closeDialog' });
      d.model.runTriage(instance);
      return d.say('Triage with host checks through SSM');
    case 'alarms':
    case 'agent':
      return;
  }
}

/** `n`: opens the note field for the selected instance (or none); `p` (a follower): the pointer field. */
export function openNote(d: Pick<DialogDeps, 'dispatch' | 'selected'>, isPointer = false): void {
  d.dispatch({ type: 'openDialog', dialog: { kind: 'note', typed: '', instanceId: d.selected?.id, ...(isPointer ? { isPointer } : {}) } });
}

/** Enter in the note field: the session keeps it (a blank note is not added); a follower's goes to the driver. */
function saveNote(d: DialogDeps, dialog: Extract<DialogState, { kind: 'note' }>): void {
  d.dispatch({ type: 'closeDialog' });
  const what = dialog.isPointer === true ? 'pointer' : 'note';
  if (dialog.typed.trim() === '') return d.say(`Nothing typed: no ${what} added`);
  if (dialog.isPointer === true) {
    if (d.model.follow?.point(dialog.typed, dialog.instanceId) !== true) return d.say('Not sent: the link to the driver is down (p again once it is back)', true);
    return d.say("Pointer sent: it shows in the driver's footer and the timeline");
  }
  d.model.session.addNote(dialog.typed, dialog.instanceId);
  d.say(d.model.follow === undefined ? 'Note added' : 'Note sent to the driver: it shows in the timeline');
}

/** `t` with --diagnostics: the scripts' preview before the first host-check run, else the triage at once. */
export function startTriage(d: DialogDeps): void {
  if (d.selected === undefined) return;
  if (d.model.diagnostics?.isConfirmed() === false) return d.dispatch({ type: 'openDialog', dialog: { kind: 'hostChecks' } });
  d.model.runTriage(d.selected);
}

/** Opens what menu entry `index` does: the recommendation's own plan, its view, or one of the app's actions. */
function chooseMenuItem(d: DialogDeps, instance: Instance, index: number): void {
  const item = d.view?.items?.[index];
  if (item === undefined) return;
  if (item.unavailable !== undefined) return d.say(`${item.label}: unavailable, ${item.unavailable}`, true);
  const rec = item.recommendation;
  if (rec?.plan !== undefined) return previewPlan(d, rec.plan, instance);
  if (rec?.view === 'agent') return openTool(d, instance, 'agent');
  if (rec !== undefined) return d.say(`Not an action of the app: copy the command${rec.commands.length === 1 ? '' : 's'} from the triage pane or the report (${rec.where === 'host' ? 'run on the instance' : 'run with the AWS CLI'})`);
  if (item.tool !== undefined) openTool(d, instance, item.tool);
}

function openTool(d: DialogDeps, instance: Instance, tool: ToolId): void {
  const target = targetOf(d.model, instance);
  switch (tool) {
    case 'reboot':
      return previewPlan(d, planReboot(instance, target), instance);
    case 'stop-start':
      return previewPlan(d, planStopStart(instance, target), instance);
    case 'start':
      return previewPlan(d, planStart(instance, target), instance);
    case 'resize':
      d.model.actions.loadResizeOptions(instance);
      return d.dispatch({ type: 'openDialog', dialog: { kind: 'resize', index: -1 } });
    case 'alarms':
      return openAlarms(d);
    case 'agent':
      d.model.actions.loadAgentMetrics(instance.id);
      return d.dispatch({ type: 'openDialog', dialog: { kind: 'agent' } });
  }
}

/** In a typed confirmation the exact text is the consent: typing it focuses Run, so Enter runs. */
function typedConsent(d: DialogDeps): { confirms?: (typed: string) => boolean } {
  const run = d.actions.current;
  if (d.ui.dialog?.kind !== 'preview' || run?.phase !== 'preview' || !run.plan.needsTypedConfirm) return {};
  const { plan } = run;
  return { confirms: (typed) => isConfirmed(plan, typed) };
}

function cancelPreview(d: DialogDeps): void {
  const run = d.actions.current;
  d.model.actions.cancel();
  d.model.actions.dismiss();
  d.dispatch({ type: 'closeDialog' });
  d.say(run?.permission.kind === 'read-only' ? 'Read-only: nothing was sent' : 'Cancelled: nothing was sent');
}

function close(d: DialogDeps): void {
  const dialog = d.ui.dialog;
  if (dialog?.kind === 'preview') {
    const run = d.actions.current;
    if (run?.phase === 'preview') return cancelPreview(d);
    if (run?.phase === 'running') {
      d.dispatch({ type: 'closeDialog' });
      return d.say('The action goes on: a shows its progress, the triage pane follows it');
    }
    d.model.actions.dismiss();
    return d.dispatch({ type: 'closeDialog' });
  }
  if (dialog?.kind === 'topic') return d.dispatch({ type: 'openDialog', dialog: { kind: 'alarms' } });
  if (dialog?.kind === 'hostChecks') {
    d.dispatch({ type: 'closeDialog' });
    if (d.selected !== undefined) d.model.runTriage(d.selected);
    return d.say('Triage without host checks: nothing was sent to the instance');
  }
  d.dispatch({ type: 'closeDialog' });
}

/** Says where a file went; one that could not go where asked opens a dialog that stays until read. */
export function reportSaved(d: Pick<DialogDeps, 'say' | 'dispatch'>, what: string, saved: SavedFile): void {
  d.say(savedMessage(what, saved), saved.failure !== undefined);
  if (saved.failure !== undefined) d.dispatch({ type: 'openDialog', dialog: { kind: 'saved', what, saved, typed: '' } });
}

/** Saves the text of a file that went elsewhere to the path the user typed. */
function saveElsewhere(d: DialogDeps, dialog: Extract<DialogState, { kind: 'saved' }>): void {
  const at = dialog.typed.trim();
  if (at === '' || d.model.saveFile === undefined) return d.dispatch({ type: 'closeDialog' });
  d.dispatch({ type: 'closeDialog' });
  const name = (dialog.saved.requested ?? dialog.saved.path).split('/').pop() ?? 'ec2-triage.md';
  d.model.saveFile(name, dialog.saved.text ?? '', at).then(
    (saved) => reportSaved(d, dialog.what, saved),
    (error: unknown) => d.say(`Save failed: ${error instanceof Error ? error.message : String(error)}`, true),
  );
}

/** Handles a dialog binding; false when the action is not a dialog's. */
export function handleDialogAction(action: ActionId, input: string, d: DialogDeps): boolean {
  const view = d.view;
  const page = view === undefined ? 1 : Math.max(1, dialogViewportHeight(view, d.height) - 1);
  const move = (delta: number): void => {
    if (view?.count !== undefined) return d.dispatch({ type: 'dialogCursor', from: view.cursor ?? 0, delta, count: view.count });
    const max = view === undefined ? 0 : view.lines.length - dialogViewportHeight(view, d.height);
    d.dispatch({ type: 'dialogScroll', delta, max });
  };
  switch (action) {
    case 'openActions':
      openActions(d);
      return true;
    case 'openAlarms':
      openAlarms(d);
      return true;
    case 'openRunbooks':
      openRunbooks(d);
      return true;
    case 'addNote':
      openNote(d);
      return true;
    case 'point':
      if (d.model.follow === undefined) return false;
      openNote(d, true);
      return true;
    case 'dialogUp':
      move(-1);
      return true;
    case 'dialogDown':
      move(1);
      return true;
    case 'dialogPageUp':
      move(-page);
      return true;
    case 'dialogPageDown':
      move(page);
      return true;
    case 'dialogChoose':
      choose(d);
      return true;
    case 'dialogClose':
      close(d);
      return true;
    case 'menuPick':
      // The menu's numbers are keys: "2" opens stop and start as Enter on it would.
      if (d.ui.dialog?.kind === 'menu' && d.selected !== undefined) chooseMenuItem(d, d.selected, Number(input) - 1);
      if (d.ui.dialog?.kind === 'runbooks' && d.selected !== undefined) runRunbook(d, d.selected, Number(input) - 1);
      return true;
    case 'confirmType':
      d.dispatch({ type: 'dialogType', text: input, ...typedConsent(d) });
      return true;
    case 'confirmBackspace':
      d.dispatch({ type: 'dialogBackspace', ...typedConsent(d) });
      return true;
    case 'switchButton':
      d.dispatch({ type: 'switchButton' });
      return true;
    case 'addAlarms': {
      if (d.selected === undefined) return true;
      if (d.model.alarmTopic !== undefined) previewAlarms(d, d.selected, d.model.alarmTopic);
      else if (d.actions.alarms?.data.data === undefined) d.say(alarmsNotRead(d), true);
      else d.dispatch({ type: 'openDialog', dialog: { kind: 'topic', typed: '' } });
      return true;
    }
    case 'reloadAlarms':
      if (d.selected !== undefined) d.model.actions.loadAlarms(d.selected.id);
      return true;
    case 'saveAgent': {
      if (d.selected === undefined) return true;
      if (d.model.saveFile === undefined) {
        d.say('Saving is not available here', true);
        return true;
      }
      const setup = agentSetup(d.selected);
      d.model.saveFile(setup.fileName, setup.script).then(
        (saved) => reportSaved(d, 'Agent script', saved),
        (error: unknown) => d.say(`Save failed: ${error instanceof Error ? error.message : String(error)}`, true),
      );
      return true;
    }
    default:
      return false;
  }
}
