// The action menu as data: the last triage's recommendations first, in the diagnosis's order (the first is
// preselected), then the app's other actions. A recommendation with a plan previews that very plan; one without
// is a command to copy and says so — never an entry that does something else. Pure.
import type { Instance } from '../../domain/types.js';
import type { Recommendation } from '../../triage/recommendations.js';
import type { PlanKind } from '../../triage/write-plan.js';

/** The app's own actions (not tied to a diagnosis). */
export type ToolId = 'alarms' | 'agent' | 'resize' | 'start' | 'reboot' | 'stop-start';

export interface MenuItem {
  readonly label: string;
  /** Why it cannot be chosen now; undefined when it can. */
  readonly unavailable: string | undefined;
  /** Why it is recommended (the triage); undefined when it is not. */
  readonly recommended: string | undefined;
  /** A recommendation of the last triage (its plan previews; without one, its commands are to copy). */
  readonly recommendation?: Recommendation;
  /** One of the app's actions. */
  readonly tool?: ToolId;
}

export interface MenuFacts {
  readonly instance: Instance;
  /** The last finished triage of this instance's recommendations; undefined before any. */
  readonly recommendations: readonly Recommendation[] | undefined;
}

/** Why a plan of this kind cannot run in the instance's state; undefined when it can. */
export function planUnavailable(kind: PlanKind, instance: Instance): string | undefined {
  const state = instance.state;
  switch (kind) {
    case 'reboot':
    case 'stop-start':
      return state === 'running' ? undefined : `the instance is ${state}`;
    case 'resize':
      return state === 'running' || state === 'stopped' ? undefined : `the instance is ${state}`;
    case 'start':
      return state === 'stopped' ? undefined : `the instance is ${state}`;
    case 'alarms':
      return undefined;
  }
}

const TOOLS: readonly { readonly id: ToolId; readonly label: string }[] = [
  { id: 'alarms', label: 'Alarms (view, add the recommended set)…' },
  { id: 'agent', label: 'CloudWatch Agent config (memory, disk, logs)…' },
  { id: 'resize', label: 'Resize (pick an instance type)…' },
  { id: 'start', label: 'Start' },
  { id: 'reboot', label: 'Reboot' },
  { id: 'stop-start', label: 'Stop and start (new hardware)' },
];

function recommendationItem(rec: Recommendation, index: number, instance: Instance): MenuItem {
  const why = index === 0 ? 'first fix of the diagnosis' : 'triage';
  if (rec.plan !== undefined) return { label: rec.title, unavailable: planUnavailable(rec.plan.kind, instance), recommended: why, recommendation: rec };
  if (rec.view === 'agent') return { label: `${rec.title} (shows the config; w saves it)`, unavailable: undefined, recommended: why, recommendation: rec };
  const where = rec.where === 'host' ? 'on the instance' : 'with the AWS CLI';
  return { label: `${rec.title} — to copy and run ${where}`, unavailable: undefined, recommended: why, recommendation: rec };
}

/** The menu's entries: the triage's recommendations, then the app's actions a recommendation does not already cover. */
export function menuItems({ instance, recommendations = [] }: MenuFacts): MenuItem[] {
  // A recommended reboot, stop and start or start is that action: not offered twice. A recommended type or alarm is
  // one choice of the picker or the alarms view, which stay offered.
  const planned = new Set<PlanKind>(recommendations.flatMap((r) => (r.plan === undefined || r.plan.kind === 'resize' || r.plan.kind === 'alarms' ? [] : [r.plan.kind])));
  const tools = TOOLS.filter((t) => t.id === 'agent' || !planned.has(t.id)).map((t): MenuItem => ({
    label: t.label,
    tool: t.id,
    recommended: undefined,
    unavailable: t.id === 'agent' ? undefined : planUnavailable(t.id, instance),
  }));
  return [...recommendations.map((r, i) => recommendationItem(r, i, instance)), ...tools];
}

/** Where the cursor starts: the diagnosis's first recommendation, else the first action that can be chosen. */
export function initialMenuIndex(items: readonly MenuItem[]): number {
  if (items[0]?.recommendation !== undefined) return 0;
  return Math.max(0, items.findIndex((i) => i.unavailable === undefined));
}
