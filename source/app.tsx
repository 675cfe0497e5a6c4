// Composition root of the UI: reads the model's stores, sizes every pane from the terminal, routes keys.
import { Box, Text } from 'ink';
import { useCallback, useEffect } from 'react';
import { LessonPanel } from './ui/lesson/lesson-panel.js';
import { lessonObservation } from './ui/lesson/observation.js';
import { useLesson, type LessonSetup } from './ui/lesson/use-lesson.js';
import type { LessonFacts } from './model/lesson-observer.js';
import type { AppModel } from './model/types.js';
import type { BudgetSnapshot } from './model/budget.js';
import { Footer } from './ui/components/footer.js';
import { Header } from './ui/components/header.js';
import { ShareBar, shareBarLines } from './ui/components/share-bar.js';
import type { FollowSnapshot } from './model/follow-types.js';
import { HelpOverlay } from './ui/components/help-overlay.js';
import { useNow } from './ui/hooks/use-now.js';
import { useStore } from './ui/hooks/use-store.js';
import { useTerminalSize } from './ui/hooks/use-terminal-size.js';
import { computeLayout } from './ui/layout.js';
import { InstanceList } from './ui/panes/instance-list/instance-list.js';
import { MetricsPane } from './ui/panes/metrics/metrics-pane.js';
import { StatusPane } from './ui/panes/status/status-pane.js';
import { TriagePane } from './ui/panes/triage/triage-pane.js';
import { useAppController } from './ui/use-app-controller.js';
import { Dialog } from './ui/dialogs/dialog.js';
import { InstanceView } from './ui/views/instance-view.js';
import type { InspectSnapshot } from './model/inspect-store.js';
import type { OriginsSnapshot } from './model/origins-store.js';
import type { Store } from './model/types.js';

/** For a model without the describe/raw reads: nothing is ever read. */
const EMPTY_INSPECT: InspectSnapshot = { details: undefined, raw: undefined };
const NO_INSPECT: Store<InspectSnapshot> = { getSnapshot: () => EMPTY_INSPECT, subscribe: () => () => undefined };
import { CLOSED_LOGS } from './model/logs-store.js';
import { createStore } from './model/store.js';
import { LogsView } from './ui/views/logs/logs-view.js';

/** Stands in for a model without logs, so the hook below is always called. */
const NO_LOGS = createStore(CLOSED_LOGS);
/** Stands in for a model without a follow link (every model but a follower's). */
const NO_FOLLOW = createStore<FollowSnapshot | undefined>(undefined);
const NO_BUDGET = createStore<BudgetSnapshot | undefined>(undefined);
/** Stands in for a model without origins (tests, fakes). */
const NO_ORIGINS = createStore<OriginsSnapshot>({ origins: [], accounts: new Map(), knownProfiles: [], canSwitch: false });
/** Stands in for the lesson observer when no lesson runs. */
const NO_FACTS = createStore<LessonFacts>({ incidentId: undefined, fleet: undefined, runs: [], actions: [], isReportSaved: false });

export interface AppProps {
  readonly model: AppModel;
  /** Called after the app exits on q / Ctrl-C (Ink's own exit is called first). */
  readonly onExit?: () => void;
  /** `learn`: the lesson the panel walks the trainee through. */
  readonly lesson?: LessonSetup;
}

export function App({ model, onExit, lesson }: AppProps) {
  const fleet = useStore(model.fleet);
  const metrics = useStore(model.metrics);
  const run = useStore(model.triage);
  const activity = useStore(model.activity);
  const budget = useStore<BudgetSnapshot | undefined>(model.budget ?? NO_BUDGET);
  const actions = useStore(model.actions);
  const inspect = useStore(model.inspect ?? NO_INSPECT);
  const logs = useStore(model.logs ?? NO_LOGS);
  const session = useStore(model.session);
  // --- several regions/profiles: the origin set and account ids (header, list columns) ---
  const origins = useStore(model.origins ?? NO_ORIGINS);
  const hasOrigins = model.origins !== undefined;
  const clock = useCallback(() => model.clock.now(), [model]);
  const now = useNow(clock);
  const { columns, rows: terminalRows } = useTerminalSize();
  const lessonUi = useLesson(lesson, model, columns);
  const facts = useStore(lesson?.observer ?? NO_FACTS);
  // The lesson panel is docked under the panes: they lay out in the rows above it, so none is hidden by it.
  const panelRows = lessonUi === undefined || terminalRows < 16 ? 0 : lessonUi.rows;
  const follow = useStore(model.follow ?? NO_FOLLOW);
  // --share: the follow command stays on screen, under the header (never on a screen too small for the panes).
  const shareLines = session.share === undefined || model.follow !== undefined || terminalRows < 16 ? [] : shareBarLines(session.share, columns);
  const c = useAppController({ model, onExit, fleet, metrics, run, actions, inspect, layout: computeLayout(columns, terminalRows - panelRows - shareLines.length), now, lesson: lessonUi, session, follow, notes: session.notes });
  useEffect(() => {
    lessonUi?.observe(
      lessonObservation({ now: Date.now(), ui: c.ui, focus: c.focus, selectedId: c.selected?.id, metricsRange: metrics.range, logs, facts, isLessonReportSaved: lessonUi.isReportSaved }),
      run,
    );
  });
  // The controller's layout: zoomed (z), the focused pane has the whole body.
  const { layout } = c;
  const { panes } = layout;
  const isWide = layout.mode === 'wide';

  let body;
  if (c.dialog !== undefined) {
    // A follower sees the driver's dialog as it is, and whose it is: it can read it, not press it.
    const view = c.isDriverDialog ? { ...c.dialog, title: `${c.dialog.title} · ${follow?.driver ?? "the driver"}'s screen, read-only` } : c.dialog;
    body = <Dialog view={view} scroll={c.ui.dialogScroll} width={columns} height={layout.bodyHeight} />;
  } else if (c.instanceView !== undefined) {
    const v = c.instanceView;
    body = <InstanceView title={v.title} lines={v.lines} scroll={v.scroll} width={columns} height={layout.bodyHeight} />;
  } else if (c.ui.view !== undefined) {
    body = <LogsView snapshot={logs} view={c.ui.view} instance={c.selected} width={columns} height={layout.bodyHeight} />;
  } else if (c.ui.isHelpOpen) {
    body = <HelpOverlay keymap={c.keymap} width={columns} height={layout.bodyHeight} scroll={c.ui.helpScroll} followCommand={c.followCommand} />;
  } else {
    const list = (
      <InstanceList
        fleet={fleet}
        state={c.ui.list}
        rows={c.rows}
        total={c.total}
        selectedIndex={c.selectedIndex}
        from={c.window.from}
        width={panes.list.width}
        height={panes.list.height}
        isFocused={c.focus === 'list'}
        now={now}
        {...(hasOrigins ? { origins: origins.origins } : {})}
      />
    );
    const status = (
      <StatusPane
        instance={c.selected}
        fleet={fleet}
        scroll={c.ui.scroll.status}
        width={panes.status.width}
        height={panes.status.height}
        isFocused={c.focus === 'status'}
        now={now}
      />
    );
    const chart = (
      <MetricsPane
        instance={c.selected}
        metrics={metrics}
        scroll={c.ui.scroll.metrics}
        width={panes.metrics.width}
        height={panes.metrics.height}
        isFocused={c.focus === 'metrics'}
        now={now}
        markers={c.ui.markers}
        {...(c.isFollower ? { notStreamed: "Charts come from the driver, who has not read this instance's (f follows the driver)" } : {})}
      />
    );
    const triage = (
      <TriagePane
        run={run}
        instance={c.selected}
        scroll={c.ui.scroll.triage}
        width={panes.triage.width}
        height={panes.triage.height}
        isFocused={c.focus === 'triage'}
        now={now}
        actions={actions}
        cursor={c.ui.triageCursor}
        isFollower={c.isFollower}
        notes={session.notes}
      />
    );
    const byPane = { list, status, metrics: chart, triage };
    body = layout.mode === 'zoom' ? (
      <Box flexDirection="column" height={layout.bodyHeight}>
        {byPane[c.focus]}
      </Box>
    ) : isWide ? (
      <Box flexDirection="row" height={layout.bodyHeight}>
        {list}
        <Box flexDirection="column" width={panes.status.width} height={layout.bodyHeight}>
          {status}
          {chart}
          {triage}
        </Box>
      </Box>
    ) : (
      <Box flexDirection="column" height={layout.bodyHeight}>
        {list}
        {panes.status.height > 0 ? (
          <Box flexDirection="row" height={panes.status.height} flexShrink={0}>
            {status}
            {triage}
          </Box>
        ) : null}
        {chart}
      </Box>
    );
  }

  if (layout.frameHeight < 3) {
    return <Text wrap="truncate">ec2-triage: terminal too small</Text>;
  }
  return (
    <Box flexDirection="column" width={columns} height={layout.frameHeight + panelRows + shareLines.length} overflow="hidden">
      <Header target={model.target} isReadOnly={model.isReadOnly} hasDiagnostics={model.diagnostics !== undefined} now={now} width={columns} follow={follow} followers={model.follow === undefined ? session.share?.followers.length : undefined} {...(hasOrigins ? { origins } : {})} />
      {shareLines.length > 0 ? <ShareBar lines={shareLines} width={columns} /> : null}
      {body}
      {lessonUi !== undefined && panelRows > 0 ? (
        <LessonPanel lesson={lessonUi.lesson} progress={lessonUi.progress} page={lessonUi.page} width={columns} now={now} footnote={lessonUi.footnote} />
      ) : null}
      <Footer keymap={c.keymap} context={c.context} activity={activity} budget={budget} now={now} width={columns} notice={c.notice} commandLine={c.commandLine} />
    </Box>
  );
}
