// The instance views' keys: open describe/raw, connect, scroll, close, save the JSON. Returns false for an action
// that is not theirs, so the controller's switch stays as it was.
import type { Instance, InstanceStatus } from '../../domain/types.js';
import type { AppModel } from '../../model/types.js';
import type { InspectSnapshot } from '../../model/inspect-store.js';
import { reportSaved } from '../dialogs/dialog-keys.js';
import type { ActionId } from '../keymap.js';
import { pageStep } from '../layout.js';
import type { AppUiAction, AppUiState } from '../use-app-state.js';
import { rawText } from './describe-lines.js';
import { viewContentWidth, viewLines, viewViewportHeight } from './view-lines.js';
import type { InstanceViewState } from './view-state.js';

export interface ViewDeps {
  readonly model: AppModel;
  /** The UI state as of now (the controller's mirror). */
  readonly ui: AppUiState;
  readonly dispatch: (action: AppUiAction) => void;
  readonly selected: Instance | undefined;
  readonly instanceOf: (id: string) => Instance | undefined;
  readonly statusOf: (id: string) => InstanceStatus | undefined;
  readonly inspect: InspectSnapshot;
  /** The body's height and width: the view's outer size. */
  readonly height: number;
  readonly columns: number;
  readonly now: number;
  readonly say: (text: string, isError?: boolean) => void;
}

/** The instance a key acts on: the open view's, else the selected one. */
function targetOf(d: ViewDeps): Instance | undefined {
  const view = d.ui.instanceView;
  return view === undefined ? d.selected : d.instanceOf(view.instanceId);
}

/** The scroll change of a navigation key in a view with `count` lines. */
function scrollBy(action: ActionId, viewport: number, count: number): number {
  switch (action) {
    case 'inspectUp':
      return -1;
    case 'inspectDown':
      return 1;
    case 'inspectPageUp':
      return -pageStep(viewport);
    case 'inspectPageDown':
      return pageStep(viewport);
    case 'inspectTop':
      return -Math.max(1, count);
    default:
      return Math.max(1, count);
  }
}

function connect(d: ViewDeps, instance: Instance): void {
  const { connect: run } = d.model;
  if (run === undefined) return d.say('Connecting is not available here', true);
  d.say(`Connecting to ${instance.id}…`);
  const back: InstanceViewState | undefined = d.ui.instanceView?.kind === 'describe' ? d.ui.instanceView : undefined;
  run(instance).then(
    (outcome) => {
      if (outcome.kind === 'ssh') {
        // The footer said "Connecting…": it must not go on saying so under a view that says there is no session.
        d.say(`No session with ${instance.id}: the SSH command instead`);
        d.dispatch({ type: 'openInstanceView', view: { kind: 'connect', instanceId: instance.id, scroll: 0, outcome, ...(back === undefined ? {} : { back }) } });
        return;
      }
      const code = outcome.exitCode === undefined ? undefined : `exit ${outcome.exitCode}`;
      const how = [code, outcome.error].filter((part) => part !== undefined).join(': ') || 'ended';
      d.say(`Session with ${instance.id} ended (${how})`, outcome.error !== undefined || (outcome.exitCode ?? 0) !== 0);
    },
    (error: unknown) => d.say(`Connect failed: ${error instanceof Error ? error.message : String(error)}`, true),
  );
}

function saveRaw(d: ViewDeps): void {
  const view = d.ui.instanceView;
  if (view?.kind !== 'raw') return;
  const raw = d.inspect.raw;
  if (raw?.instanceId !== view.instanceId || raw.json.state !== 'ok') return d.say('Nothing to save yet: the JSON has not been read', true);
  if (d.model.saveFile === undefined) return d.say('Saving is not available here', true);
  d.model.saveFile(`${view.instanceId}-describe-instances.json`, `${rawText(raw.json.data)}\n`).then(
    (saved) => reportSaved(d, 'Instance JSON', saved),
    (error: unknown) => d.say(`Save failed: ${error instanceof Error ? error.message : String(error)}`, true),
  );
}

/** Handles a view action; false when `action` is not one. */
export function handleViewAction(action: ActionId, d: ViewDeps): boolean {
  switch (action) {
    case 'openDescribe': {
      const instance = targetOf(d);
      if (instance === undefined) return (d.say('No instance selected', true), true);
      d.model.inspect?.describe(instance);
      d.dispatch({ type: 'openInstanceView', view: { kind: 'describe', instanceId: instance.id, scroll: 0 } });
      return true;
    }
    case 'openRaw': {
      const instance = targetOf(d);
      if (instance === undefined) return (d.say('No instance selected', true), true);
      d.model.inspect?.raw(instance.id);
      const back = d.ui.instanceView?.kind === 'describe' ? d.ui.instanceView : undefined;
      d.dispatch({ type: 'openInstanceView', view: { kind: 'raw', instanceId: instance.id, scroll: 0, ...(back === undefined ? {} : { back }) } });
      return true;
    }
    case 'connect': {
      const instance = targetOf(d);
      if (instance === undefined) return (d.say('No instance selected', true), true);
      connect(d, instance);
      return true;
    }
    case 'inspectClose': {
      d.dispatch({ type: 'closeInstanceView' });
      const view = d.ui.instanceView;
      const next = view?.kind === 'raw' || view?.kind === 'connect' ? view.back : undefined;
      if (next === undefined) d.model.inspect?.close();
      return true;
    }
    case 'saveRaw':
      saveRaw(d);
      return true;
    case 'inspectReload': {
      const view = d.ui.instanceView;
      const instance = view === undefined ? undefined : d.instanceOf(view.instanceId);
      if (view?.kind === 'describe' && instance !== undefined) d.model.inspect?.describe(instance);
      if (view?.kind === 'raw') d.model.inspect?.raw(view.instanceId);
      return true;
    }
    case 'inspectUp':
    case 'inspectDown':
    case 'inspectPageUp':
    case 'inspectPageDown':
    case 'inspectTop':
    case 'inspectBottom': {
      const view = d.ui.instanceView;
      if (view === undefined) return true;
      const count = viewLines(view, d.instanceOf(view.instanceId), d.statusOf(view.instanceId), d.inspect, d.now, viewContentWidth(d.columns)).length;
      const viewport = viewViewportHeight(d.height);
      d.dispatch({ type: 'instanceViewScroll', delta: scrollBy(action, viewport, count), max: count - viewport });
      return true;
    }
    default:
      return false;
  }
}
