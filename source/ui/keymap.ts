// Keys as data (after k9s): this one table drives the input handler, the footer hints and the help overlay.
import type { Key } from 'ink';

export type PaneId = 'list' | 'status' | 'metrics' | 'triage';
export const PANES: readonly PaneId[] = ['list', 'status', 'metrics', 'triage'];

/** The dialogs of the write path; each owns the keys while it is open. */
export type DialogKind = 'menu' | 'resize' | 'runbooks' | 'preview' | 'progress' | 'topic' | 'alarms' | 'agent' | 'quit' | 'saved' | 'hostChecks' | 'note' | 'budget';

/** The views that take the body (l: logs, and the log search being typed; d describe, y raw JSON, c connect's answer). */
export type ViewScope = 'logs' | 'logSearch' | 'describe' | 'raw' | 'connect';

/** Where a binding is live: everywhere, in the focused pane, while editing the filter, in the help, in a dialog or view. */
/** While a lesson runs (learn): its panel's keys; a question open takes a/b/c/d; at the end, e saves its report. */
export type LessonScope = 'lesson' | 'lessonQuestion' | 'lessonDone';

export type Scope = 'global' | PaneId | 'zoom' | 'filter' | 'help' | 'command' | DialogKind | ViewScope | LessonScope;

export type ActionId =
  | 'quit'
  | 'toggleHelp'
  | 'focusNext'
  | 'focusPrev'
  | 'startFilter'
  | 'cycleSort'
  | 'toggleZoom'
  | 'runTriage'
  | 'openRunbooks'
  | 'exportReport'
  | 'refresh'
  | 'rangePrev'
  | 'rangeNext'
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'helpUp'
  | 'helpDown'
  | 'helpPageUp'
  | 'helpPageDown'
  | 'filterKeep'
  | 'filterClear'
  | 'filterBackspace'
  | 'filterType'
  | 'openActions'
  | 'openAlarms'
  | 'dialogUp'
  | 'dialogDown'
  | 'dialogPageUp'
  | 'dialogPageDown'
  | 'dialogChoose'
  | 'dialogClose'
  | 'menuPick'
  | 'confirmType'
  | 'confirmBackspace'
  | 'switchButton'
  | 'addAlarms'
  | 'reloadAlarms'
  | 'saveAgent'
  | 'quitConfirm'
  | 'openDescribe'
  | 'openRaw'
  | 'connect'
  | 'inspectUp'
  | 'inspectDown'
  | 'inspectPageUp'
  | 'inspectPageDown'
  | 'inspectTop'
  | 'inspectBottom'
  | 'saveRaw'
  | 'inspectReload'
  | 'inspectClose'
  | 'openLogs'
  | 'openEvidence'
  | 'markTime'
  | 'viewClose'
  | 'logsSearch'
  | 'logsNext'
  | 'logsPrev'
  | 'logsFollow'
  | 'logsRangePrev'
  | 'logsRangeNext'
  | 'logsSourceNext'
  | 'logsSourcePrev'
  | 'searchType'
  | 'searchBackspace'
  | 'searchKeep'
  | 'searchCancel'
  | 'lessonHint'
  | 'lessonNext'
  | 'lessonPrev'
  | 'lessonDismiss'
  | 'lessonAnswer'
  | 'lessonReport'
  | 'toggleFollow'
  | 'point'
  | 'addNote'

  | 'openCommand'
  | 'commandType'
  | 'commandBackspace'
  | 'commandRun'
  | 'commandCancel'
  | 'commandHistoryPrev'
  | 'commandHistoryNext'
  | 'commandComplete';

export interface KeyBinding {
  /** Canonical key names (see keyNameOf); 'printable' matches any typed character. */
  readonly keys: readonly string[];
  /** How the key is shown to the user. */
  readonly label: string;
  readonly description: string;
  readonly scope: Scope;
  readonly action: ActionId;
  /** Short word for the footer; bindings without one stay out of the footer. */
  readonly hint?: string;
  /** 'follower': a key of `ec2-triage follow` only (the driver's keymap leaves it out). */
  readonly role?: 'follower';
}

/** Who the keymap is for: the app that talks to AWS, or a follower of a shared session (no AWS, no actions). */
export type Role = 'driver' | 'follower';

const nav = (scope: PaneId, what: string, isFull: boolean): KeyBinding[] => [
  { keys: ['up', 'k'], label: '↑/k', description: `${what} up`, scope, action: 'up' },
  { keys: ['down', 'j'], label: '↓/j', description: `${what} down`, scope, action: 'down' },
  ...(isFull
    ? ([
        { keys: ['pageup'], label: 'PgUp', description: `${what} up a page`, scope, action: 'pageUp' },
        { keys: ['pagedown'], label: 'PgDn', description: `${what} down a page`, scope, action: 'pageDown' },
        { keys: ['g', 'home'], label: 'g', description: `${what} to the top`, scope, action: 'top' },
        { keys: ['G', 'end'], label: 'G', description: `${what} to the bottom`, scope, action: 'bottom' },
      ] satisfies KeyBinding[])
    : []),
];

const dialogNav = (scope: DialogKind, what: string, up: string[], down: string[]): KeyBinding[] => [
  { keys: up, label: up.length > 1 ? '↑/k' : '↑', description: `${what} up`, scope, action: 'dialogUp' },
  { keys: down, label: down.length > 1 ? '↓/j' : '↓', description: `${what} down`, scope, action: 'dialogDown' },
  { keys: ['pageup'], label: 'PgUp', description: `${what} up a page`, scope, action: 'dialogPageUp' },
  { keys: ['pagedown'], label: 'PgDn', description: `${what} down a page`, scope, action: 'dialogPageDown' },
];

const viewNav = (scope: ViewScope): KeyBinding[] => [
  { keys: ['up', 'k'], label: '↑/k', description: 'Scroll up', scope, action: 'inspectUp', hint: 'scroll' },
  { keys: ['down', 'j'], label: '↓/j', description: 'Scroll down', scope, action: 'inspectDown' },
  { keys: ['pageup'], label: 'PgUp', description: 'Scroll up a page', scope, action: 'inspectPageUp' },
  { keys: ['pagedown', ' '], label: 'PgDn', description: 'Scroll down a page', scope, action: 'inspectPageDown' },
  { keys: ['g', 'home'], label: 'g', description: 'To the top', scope, action: 'inspectTop' },
  { keys: ['G', 'end'], label: 'G', description: 'To the bottom', scope, action: 'inspectBottom' },
];

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['?'], label: '?', description: 'Show or hide this help', scope: 'global', action: 'toggleHelp', hint: 'help' },
  { keys: ['q', 'ctrl-c'], label: 'q', description: 'Quit (asks while an action runs; Ctrl-C does not)', scope: 'global', action: 'quit', hint: 'quit' },
  { keys: ['tab'], label: 'Tab', description: 'Focus the next pane', scope: 'global', action: 'focusNext', hint: 'pane' },
  { keys: ['shift-tab'], label: 'S-Tab', description: 'Focus the previous pane', scope: 'global', action: 'focusPrev' },
  { keys: ['/'], label: '/', description: 'Filter instances (name, id, type, state, tags)', scope: 'global', action: 'startFilter', hint: 'filter' },
  { keys: ['escape'], label: 'Esc', description: 'Clear the instance filter', scope: 'global', action: 'filterClear' },
  { keys: ['s'], label: 's', description: 'Cycle sort: problems first → name → CPU → state', scope: 'global', action: 'cycleSort', hint: 'sort' },
  { keys: ['z'], label: 'z', description: 'Zoom: the focused pane takes the whole screen (z or Esc returns)', scope: 'global', action: 'toggleZoom', hint: 'zoom' },
  { keys: ['escape', 'z'], label: 'Esc/z', description: 'Back from the zoomed pane to all panes', scope: 'zoom', action: 'toggleZoom', hint: 'unzoom' },
  { keys: ['t'], label: 't', description: 'Triage the selected instance', scope: 'global', action: 'runTriage', hint: 'triage' },
  { keys: ['b'], label: 'b', description: 'Runbooks: pick one by name to run on the selected instance', scope: 'global', action: 'openRunbooks', hint: 'runbook' },
  { keys: ['e'], label: 'e', description: 'Export the triage report (Markdown)', scope: 'global', action: 'exportReport', hint: 'export' },
  { keys: ['r'], label: 'r', description: 'Refresh now', scope: 'global', action: 'refresh', hint: 'refresh' },
  { keys: ['['], label: '[', description: 'Shorter metrics range (1h/3h/12h/24h)', scope: 'global', action: 'rangePrev', hint: 'range-' },
  { keys: [']'], label: ']', description: 'Longer metrics range (1h/3h/12h/24h)', scope: 'global', action: 'rangeNext', hint: 'range+' },
  { keys: ['a'], label: 'a', description: 'Actions for the selected instance (reboot, stop/start, resize, start, alarms, agent)', scope: 'global', action: 'openActions', hint: 'actions' },
  { keys: ['A'], label: 'A', description: 'Alarms of the selected instance, and what coverage is missing', scope: 'global', action: 'openAlarms', hint: 'alarms' },
  { keys: ['d'], label: 'd', description: 'Describe the selected instance: network, security group rules, volumes, IAM, SSM', scope: 'global', action: 'openDescribe', hint: 'describe' },
  { keys: ['y'], label: 'y', description: "The selected instance's DescribeInstances JSON (w saves it)", scope: 'global', action: 'openRaw', hint: 'json' },
  { keys: ['c'], label: 'c', description: 'Connect: an SSM session (aws ssm start-session), else the SSH command', scope: 'global', action: 'connect', hint: 'connect' },
  { keys: ['n'], label: 'n', description: 'Add a note to the incident timeline (on the selected instance; the report and the session file keep it)', scope: 'global', action: 'addNote', hint: 'note' },
  ...viewNav('describe'),
  { keys: ['y'], label: 'y', description: 'The DescribeInstances JSON of this instance', scope: 'describe', action: 'openRaw', hint: 'json' },
  { keys: ['c'], label: 'c', description: 'Connect to this instance', scope: 'describe', action: 'connect', hint: 'connect' },
  { keys: ['r'], label: 'r', description: 'Read the instance again', scope: 'describe', action: 'inspectReload', hint: 'reload' },
  { keys: ['escape', 'q', 'd'], label: 'Esc', description: 'Close: back where you were', scope: 'describe', action: 'inspectClose', hint: 'close' },
  ...viewNav('raw'),
  { keys: ['w'], label: 'w', description: 'Save the JSON to a file', scope: 'raw', action: 'saveRaw', hint: 'save' },
  { keys: ['r'], label: 'r', description: 'Read the JSON again', scope: 'raw', action: 'inspectReload', hint: 'reload' },
  { keys: ['escape', 'q', 'y'], label: 'Esc', description: 'Close: back where you were (the describe view, if it was open)', scope: 'raw', action: 'inspectClose', hint: 'close' },
  ...viewNav('connect'),
  { keys: ['escape', 'q', 'enter'], label: 'Esc', description: 'Close', scope: 'connect', action: 'inspectClose', hint: 'close' },
  { keys: ['enter'], label: 'Enter', description: 'Act on the status checks (opens the actions)', scope: 'status', action: 'openActions' },
  { keys: ['l'], label: 'l', description: 'Logs of the selected instance: console output and its log groups (search, follow)', scope: 'global', action: 'openLogs', hint: 'logs' },
  { keys: ['enter'], label: 'Enter', description: "On a finding from a log line: open the log view at that line; else act on the triage's recommendation (actions)", scope: 'triage', action: 'openEvidence' },
  { keys: ['m'], label: 'm', description: "Mark the current finding's time on every chart (m again removes it)", scope: 'triage', action: 'markTime' },
  ...nav('list', 'Move selection', true),
  ...nav('status', 'Scroll status details', false),
  ...nav('metrics', 'Scroll charts', false),
  ...nav('triage', 'Scroll triage lines', true),
  { keys: ['printable'], label: 'text', description: 'Type to edit the filter', scope: 'filter', action: 'filterType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last filter character', scope: 'filter', action: 'filterBackspace' },
  { keys: ['enter'], label: 'Enter', description: 'Keep the filter', scope: 'filter', action: 'filterKeep', hint: 'keep' },
  { keys: ['escape'], label: 'Esc', description: 'Clear the filter', scope: 'filter', action: 'filterClear', hint: 'clear' },
  { keys: ['escape', '?'], label: 'Esc/?', description: 'Close the help', scope: 'help', action: 'toggleHelp', hint: 'close' },
  { keys: [':'], label: ':', description: 'Command mode: :region eu-west-1[,…] · :profile prod[,…] · :filter tag:team=ml · :sort checks|cpu|name|state|region · :budget (calls, throttles, cost) · :q', scope: 'global', action: 'openCommand', hint: 'command' },
  { keys: ['printable'], label: 'text', description: 'Type the command', scope: 'command', action: 'commandType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last character (on an empty line: close it)', scope: 'command', action: 'commandBackspace' },
  { keys: ['tab'], label: 'Tab', description: 'Complete the command name, a region, a profile, a sort or a tag', scope: 'command', action: 'commandComplete', hint: 'complete' },
  { keys: ['up'], label: '↑', description: 'The previous command of this session', scope: 'command', action: 'commandHistoryPrev', hint: 'history' },
  { keys: ['down'], label: '↓', description: 'The next command of this session', scope: 'command', action: 'commandHistoryNext' },
  { keys: ['enter'], label: 'Enter', description: 'Run the command', scope: 'command', action: 'commandRun', hint: 'run' },
  { keys: ['escape'], label: 'Esc', description: 'Close the command line', scope: 'command', action: 'commandCancel', hint: 'cancel' },
  { keys: ['up', 'k'], label: '↑/k', description: 'Scroll the help up', scope: 'help', action: 'helpUp', hint: 'scroll' },
  { keys: ['down', 'j'], label: '↓/j', description: 'Scroll the help down', scope: 'help', action: 'helpDown' },
  { keys: ['pageup'], label: 'PgUp', description: 'Scroll the help up a page', scope: 'help', action: 'helpPageUp' },
  { keys: ['pagedown', ' '], label: 'PgDn', description: 'Scroll the help down a page', scope: 'help', action: 'helpPageDown', hint: 'page' },
  ...dialogNav('menu', 'Move the cursor', ['up', 'k'], ['down', 'j']),
  { keys: ['enter'], label: 'Enter', description: 'Choose the action (a preview comes first)', scope: 'menu', action: 'dialogChoose', hint: 'choose' },
  { keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], label: '1–9', description: 'Choose the action by its number', scope: 'menu', action: 'menuPick', hint: 'pick' },
  { keys: ['escape', 'q'], label: 'Esc', description: 'Close the menu', scope: 'menu', action: 'dialogClose', hint: 'close' },
  ...dialogNav('runbooks', 'Move the cursor', ['up', 'k'], ['down', 'j']),
  { keys: ['enter'], label: 'Enter', description: 'Run this runbook on the selected instance', scope: 'runbooks', action: 'dialogChoose', hint: 'run' },
  { keys: ['1', '2', '3', '4', '5', '6'], label: '1–6', description: 'Run the runbook by its number', scope: 'runbooks', action: 'menuPick', hint: 'pick' },
  { keys: ['escape', 'q'], label: 'Esc', description: 'Close without running', scope: 'runbooks', action: 'dialogClose', hint: 'close' },
  ...dialogNav('resize', 'Move the cursor', ['up', 'k'], ['down', 'j']),
  { keys: ['enter'], label: 'Enter', description: 'Preview the resize to this type', scope: 'resize', action: 'dialogChoose', hint: 'preview' },
  { keys: ['escape', 'q'], label: 'Esc', description: 'Back without resizing', scope: 'resize', action: 'dialogClose', hint: 'cancel' },
  { keys: ['printable'], label: 'text', description: 'Type the instance id or Name to confirm', scope: 'preview', action: 'confirmType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last typed character', scope: 'preview', action: 'confirmBackspace' },
  { keys: ['tab', 'shift-tab', 'left', 'right'], label: 'Tab/←→', description: 'Move between Cancel and Run', scope: 'preview', action: 'switchButton', hint: 'button' },
  { keys: ['enter'], label: 'Enter', description: 'Press the focused button (Cancel first; the exact id or Name typed focuses Run)', scope: 'preview', action: 'dialogChoose', hint: 'press' },
  { keys: ['escape'], label: 'Esc', description: 'Cancel the preview, or hide a running action (it goes on)', scope: 'preview', action: 'dialogClose', hint: 'cancel' },
  ...dialogNav('preview', 'Scroll the preview', ['up'], ['down']),
  { keys: ['enter'], label: 'Enter', description: 'Close a finished action; hide a running one (it goes on)', scope: 'progress', action: 'dialogClose', hint: 'close' },
  { keys: ['escape', 'q'], label: 'Esc', description: 'The same as Enter', scope: 'progress', action: 'dialogClose', hint: 'hide' },
  ...dialogNav('progress', 'Scroll the steps', ['up', 'k'], ['down', 'j']),
  { keys: ['printable'], label: 'text', description: 'Type the SNS topic ARN (empty: no notification)', scope: 'topic', action: 'confirmType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last typed character', scope: 'topic', action: 'confirmBackspace' },
  { keys: ['enter'], label: 'Enter', description: 'Preview the alarms with this topic', scope: 'topic', action: 'dialogChoose', hint: 'preview' },
  { keys: ['escape'], label: 'Esc', description: 'Back to the alarms', scope: 'topic', action: 'dialogClose', hint: 'back' },
  { keys: ['n'], label: 'n', description: 'Add the recommended alarms (previewed first)', scope: 'alarms', action: 'addAlarms', hint: 'add recommended' },
  { keys: ['r'], label: 'r', description: 'Read the alarms again', scope: 'alarms', action: 'reloadAlarms', hint: 'reload' },
  ...dialogNav('alarms', 'Scroll the alarms', ['up', 'k'], ['down', 'j']),
  { keys: ['escape', 'q'], label: 'Esc', description: 'Close the alarms', scope: 'alarms', action: 'dialogClose', hint: 'close' },
  ...dialogNav('budget', 'Scroll the budget', ['up', 'k'], ['down', 'j']),
  { keys: ['escape', 'q', 'enter'], label: 'Esc', description: 'Close the API budget', scope: 'budget', action: 'dialogClose', hint: 'close' },
  { keys: ['w'], label: 'w', description: 'Save the agent install script to a file', scope: 'agent', action: 'saveAgent', hint: 'save' },
  ...dialogNav('agent', 'Scroll the config', ['up', 'k'], ['down', 'j']),
  { keys: ['escape', 'q'], label: 'Esc', description: 'Close the agent config', scope: 'agent', action: 'dialogClose', hint: 'close' },
  { keys: ['y', 'Y'], label: 'y', description: 'Quit anyway: the action is journalled with the command that finishes it', scope: 'quit', action: 'quitConfirm', hint: 'quit anyway' },
  { keys: ['n', 'N', 'escape', 'enter'], label: 'N/Esc/Enter', description: 'Stay (the default)', scope: 'quit', action: 'dialogClose', hint: 'stay' },
  { keys: ['escape', 'q'], label: 'Esc/q', description: 'Close the log view (back where you were)', scope: 'logs', action: 'viewClose', hint: 'close' },
  { keys: ['tab', 'right'], label: 'Tab/→', description: 'Next log source (console output, then each log group)', scope: 'logs', action: 'logsSourceNext', hint: 'source' },
  { keys: ['shift-tab', 'left'], label: '←', description: 'Previous log source (also Shift-Tab)', scope: 'logs', action: 'logsSourcePrev' },
  { keys: ['/'], label: '/', description: 'Search the lines (Enter keeps it, matches highlighted)', scope: 'logs', action: 'logsSearch', hint: 'search' },
  { keys: ['n'], label: 'n', description: 'Next match', scope: 'logs', action: 'logsNext', hint: 'next' },
  { keys: ['N'], label: 'N', description: 'Previous match', scope: 'logs', action: 'logsPrev' },
  { keys: ['f'], label: 'f', description: 'Follow: append new events live (log groups)', scope: 'logs', action: 'logsFollow', hint: 'follow' },
  { keys: ['m'], label: 'm', description: "Mark the line's time on every chart (m again removes it)", scope: 'logs', action: 'markTime', hint: 'mark' },
  { keys: ['['], label: '[', description: 'Shorter time range (15m/1h/3h/12h/24h)', scope: 'logs', action: 'logsRangePrev', hint: 'range-' },
  { keys: [']'], label: ']', description: 'Longer time range (15m/1h/3h/12h/24h)', scope: 'logs', action: 'logsRangeNext', hint: 'range+' },
  { keys: ['up', 'k'], label: '↑/k', description: 'Cursor up a line', scope: 'logs', action: 'up' },
  { keys: ['down', 'j'], label: '↓/j', description: 'Cursor down a line', scope: 'logs', action: 'down' },
  { keys: ['pageup'], label: 'PgUp', description: 'Up a page', scope: 'logs', action: 'pageUp', hint: 'page' },
  { keys: ['pagedown', ' '], label: 'PgDn', description: 'Down a page', scope: 'logs', action: 'pageDown' },
  { keys: ['g', 'home'], label: 'g', description: 'To the oldest line', scope: 'logs', action: 'top' },
  { keys: ['G', 'end'], label: 'G', description: 'To the newest line (and stay there while following)', scope: 'logs', action: 'bottom' },
  { keys: ['printable'], label: 'text', description: 'Type the search', scope: 'logSearch', action: 'searchType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last typed character', scope: 'logSearch', action: 'searchBackspace' },
  { keys: ['enter'], label: 'Enter', description: 'Keep the search and go to the first match', scope: 'logSearch', action: 'searchKeep', hint: 'keep' },
  { keys: ['escape'], label: 'Esc', description: 'Cancel the search being typed', scope: 'logSearch', action: 'searchCancel', hint: 'cancel' },
  { keys: ['enter'], label: 'Enter', description: 'Run these host checks as part of the triage (asked once a session)', scope: 'hostChecks', action: 'dialogChoose', hint: 'run them' },
  { keys: ['escape'], label: 'Esc', description: 'Triage without the host checks (t asks again)', scope: 'hostChecks', action: 'dialogClose', hint: 'triage without' },
  ...dialogNav('hostChecks', 'Scroll the scripts', ['up', 'k'], ['down', 'j']),
  { keys: ['h'], label: 'h', description: 'Lesson: a hint for the task (again: more, up to the answer)', scope: 'lesson', action: 'lessonHint', hint: 'hint' },
  { keys: ['>'], label: '>', description: 'Lesson: next page of the narration', scope: 'lesson', action: 'lessonNext', hint: 'more' },
  { keys: ['<'], label: '<', description: 'Lesson: previous page of the narration', scope: 'lesson', action: 'lessonPrev' },
  { keys: ['x'], label: 'x', description: "Lesson: done reading the message (why it mattered, a wrong move, an answer)", scope: 'lesson', action: 'lessonDismiss' },
  { keys: ['a', 'b', 'c', 'd'], label: 'a–d', description: 'Lesson: answer the question', scope: 'lessonQuestion', action: 'lessonAnswer', hint: 'answer' },
  { keys: ['e'], label: 'e', description: 'Lesson: save the lesson report (the incident report and your record)', scope: 'lessonDone', action: 'lessonReport', hint: 'save report' },
  { keys: ['f'], label: 'f', description: "Follow the driver's selection, focus and dialogs again, or browse on your own (moving does too)", scope: 'global', action: 'toggleFollow', hint: 'follow', role: 'follower' },
  { keys: ['p'], label: 'p', description: "Point: a short suggestion shown in the driver's footer and the timeline", scope: 'global', action: 'point', hint: 'point', role: 'follower' },
  { keys: ['printable'], label: 'text', description: 'Type another path to save to', scope: 'saved', action: 'confirmType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last typed character', scope: 'saved', action: 'confirmBackspace' },
  { keys: ['enter'], label: 'Enter', description: 'Save to the typed path (nothing typed: close)', scope: 'saved', action: 'dialogChoose', hint: 'save / close' },
  { keys: ['escape'], label: 'Esc', description: 'Close (the file stays where it was saved)', scope: 'saved', action: 'dialogClose', hint: 'close' },
  { keys: ['printable'], label: 'text', description: 'Type the note (one line)', scope: 'note', action: 'confirmType' },
  { keys: ['backspace'], label: 'Bksp', description: 'Delete the last typed character', scope: 'note', action: 'confirmBackspace' },
  { keys: ['enter'], label: 'Enter', description: 'Add the note to the timeline', scope: 'note', action: 'dialogChoose', hint: 'add' },
  { keys: ['escape'], label: 'Esc', description: 'Cancel: no note is added', scope: 'note', action: 'dialogClose', hint: 'cancel' },
];

/** What a follower may do: look (move, filter, sort, zoom, help), follow or not, note and point; nothing that calls AWS. */
const FOLLOWER_ACTIONS: ReadonlySet<ActionId> = new Set<ActionId>([
  'quit', 'toggleHelp', 'focusNext', 'focusPrev', 'startFilter', 'cycleSort', 'toggleZoom', 'markTime',
  'up', 'down', 'pageUp', 'pageDown', 'top', 'bottom', 'helpUp', 'helpDown', 'helpPageUp', 'helpPageDown',
  'filterKeep', 'filterClear', 'filterBackspace', 'filterType',
  // Its own note and pointer field (scope 'note'): type, Enter sends, Esc cancels.
  'addNote', 'confirmType', 'confirmBackspace', 'dialogChoose', 'dialogClose',
]);

/** The scopes a follower has: the panes, the filter, the help and its note field (never a dialog of the write path or a view that reads AWS). */
const FOLLOWER_SCOPES: ReadonlySet<Scope> = new Set<Scope>(['global', 'list', 'status', 'metrics', 'triage', 'zoom', 'filter', 'help', 'note']);

/** The bindings of a role: a follower's are the looking keys plus its own; the driver's are all but the follower's. */
export function keymapFor(role: Role, keymap: readonly KeyBinding[] = KEYMAP): readonly KeyBinding[] {
  if (role === 'driver') return keymap.filter((b) => b.role !== 'follower');
  return keymap.filter((b) => b.role === 'follower' || (FOLLOWER_SCOPES.has(b.scope) && FOLLOWER_ACTIONS.has(b.action)));
}

export const DRIVER_KEYMAP = keymapFor('driver');
export const FOLLOWER_KEYMAP = keymapFor('follower');

export const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  global: 'Anywhere',
  list: 'Instance list',
  status: 'Status pane',
  metrics: 'Metrics pane',
  triage: 'Triage pane',
  zoom: 'While zoomed',
  filter: 'While filtering',
  command: 'Command line (:)',
  help: 'Help',
  menu: 'Action menu',
  resize: 'Resize: pick a type',
  runbooks: 'Runbook picker',
  preview: 'Action preview',
  progress: 'Action progress',
  topic: 'Alarm topic',
  alarms: 'Alarms view',
  agent: 'CloudWatch Agent config',
  budget: 'API budget (:budget)',
  quit: 'Quit while an action runs',
  saved: 'File saved elsewhere',
  note: 'Note being typed',
  describe: 'Describe view',
  raw: 'Raw JSON view',
  connect: 'Connect',
  logs: 'Log view',
  logSearch: 'Log search being typed',
  hostChecks: 'Host checks preview (--diagnostics)',
  lesson: 'Lesson panel (learn)',
  lessonQuestion: 'Lesson question open',
  lessonDone: 'Lesson finished',
};

/** Canonical name of a keypress as Ink reports it ('up', 'shift-tab', 'ctrl-c', or the typed text). */
export function keyNameOf(input: string, key: Key): string {
  if (key.ctrl && input === 'c') return 'ctrl-c';
  if (key.upArrow) return 'up';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift-tab' : 'tab';
  // Terminals send DEL (0x7f) for Backspace; Ink calls that 'delete'.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl || key.meta) return `ctrl-${input}`;
  return input;
}

/** What is listening: the help overlay, the filter editor, a dialog, or the panes (with one focused). */
export type InputMode = 'normal' | 'filter' | 'help' | 'dialog' | 'view' | 'command';

export interface KeyContext {
  readonly mode: InputMode;
  readonly focus: PaneId;
  /** The open dialog, when mode is 'dialog'. */
  readonly dialog?: DialogKind;
  /** The focused pane has the whole body (z). */
  readonly isZoomed?: boolean;
  /** The view on screen, when mode is 'view'. */
  readonly view?: ViewScope;
  /** A lesson runs: its scope (a question open or the lesson done put theirs first). */
  readonly lesson?: LessonScope;
}

/** The lesson's scopes in a context: the specific one first (it wins over panes), then the panel's own. */
function lessonScopes(lesson: LessonScope | undefined): { readonly first: readonly Scope[]; readonly last: readonly Scope[] } {
  if (lesson === undefined) return { first: [], last: [] };
  return lesson === 'lesson' ? { first: [], last: ['lesson'] } : { first: [lesson], last: ['lesson'] };
}

/** The scopes live in a context, most specific first. */
export function activeScopes(context: KeyContext): readonly Scope[] {
  switch (context.mode) {
    case 'help':
      return ['help', 'global'];
    case 'filter':
      return ['filter'];
    case 'command':
      return ['command'];
    case 'dialog':
      return [context.dialog ?? 'menu'];
    case 'view': {
      const view = context.view ?? 'logs';
      // Typing a search takes every printable key; the panel's keys wait until it is kept or cancelled.
      return view === 'logSearch' || context.lesson === undefined ? [view] : [view, 'lesson'];
    }
    case 'normal': {
      const { first, last } = lessonScopes(context.lesson);
      return [...first, ...(context.isZoomed === true ? ['zoom', context.focus] as const : [context.focus] as const), ...last, 'global'];
    }
  }
}

function isPrintable(name: string): boolean {
  if (name.length === 0 || name.startsWith('ctrl-')) return false;
  // Control characters (Esc, DEL, C0) never go into the filter text.
  return [...name].every((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f;
  });
}

/** The binding a key triggers in a context, or undefined. Ctrl-C quits in every mode. */
export function resolveKey(
  keymap: readonly KeyBinding[],
  context: KeyContext,
  name: string,
): KeyBinding | undefined {
  if (name === 'ctrl-c') return keymap.find((b) => b.action === 'quit');
  for (const scope of activeScopes(context)) {
    const exact = keymap.find((b) => b.scope === scope && b.keys.includes(name));
    if (exact !== undefined) return exact;
  }
  // Typed text goes to the field of the mode that has one (the filter, a confirmation, a topic ARN).
  if (!isPrintable(name)) return undefined;
  for (const scope of activeScopes(context)) {
    const typing = keymap.find((b) => b.scope === scope && b.keys.includes('printable'));
    if (typing !== undefined) return typing;
  }
  return undefined;
}

/**
 * The footer's order of the global hints, most useful first, for each focused pane: what a pane is for leads
 * (acting and triage on an instance, the range on the charts); the rest is one `?` away.
 */
export const FOOTER_PRIORITY: Readonly<Record<PaneId, readonly ActionId[]>> = {
  list: ['toggleFollow', 'point', 'openActions', 'openAlarms', 'runTriage', 'startFilter', 'cycleSort', 'openDescribe', 'toggleZoom', 'focusNext', 'openRunbooks', 'exportReport', 'refresh', 'rangePrev', 'rangeNext', 'quit'],
  status: ['toggleFollow', 'point', 'openActions', 'openAlarms', 'runTriage', 'toggleZoom', 'focusNext', 'refresh', 'openRunbooks', 'exportReport', 'startFilter', 'cycleSort', 'rangePrev', 'rangeNext', 'quit'],
  metrics: ['toggleFollow', 'point', 'rangePrev', 'rangeNext', 'toggleZoom', 'openActions', 'openAlarms', 'runTriage', 'focusNext', 'refresh', 'openRunbooks', 'exportReport', 'startFilter', 'cycleSort', 'quit'],
  triage: ['toggleFollow', 'point', 'runTriage', 'openActions', 'openRunbooks', 'exportReport', 'toggleZoom', 'openAlarms', 'focusNext', 'refresh', 'startFilter', 'cycleSort', 'rangePrev', 'rangeNext', 'quit'],
};

const HELP_HINT = '? help';
const SEPARATOR = '  ';

/** The live hints in footer order: the most specific scope first, the global ones by the focused pane's priority. */
export function footerParts(keymap: readonly KeyBinding[], context: KeyContext): string[] {
  const priority = FOOTER_PRIORITY[context.focus];
  const rank = (b: KeyBinding): number => {
    const at = priority.indexOf(b.action);
    return at < 0 ? priority.length : at;
  };
  const parts: string[] = [];
  for (const scope of activeScopes(context)) {
    // A hint only for a binding its key reaches here (zoomed, z is "unzoom", not "zoom" again).
    const isLive = (b: KeyBinding): boolean => b.keys[0] === 'printable' || resolveKey(keymap, context, b.keys[0] ?? '') === b;
    const bindings = keymap.filter((b) => b.scope === scope && b.hint !== undefined && !(b.scope === 'global' && b.action === 'toggleHelp') && isLive(b));
    const ordered = scope === 'global' && context.mode === 'normal' ? [...bindings].sort((a, b) => rank(a) - rank(b)) : bindings;
    parts.push(...ordered.map((b) => `${b.label} ${b.hint ?? ''}`));
  }
  return parts;
}

/**
 * The footer-fit rule: whole hints only, never one cut mid-word; as many as fit in `width` in priority order,
 * with `? help` (the way to the rest) kept last whenever help is reachable from here.
 */
export function fitHints(parts: readonly string[], width: number, hasHelp: boolean): string {
  const tail = hasHelp ? HELP_HINT : '';
  const room = width - (hasHelp ? HELP_HINT.length + SEPARATOR.length : 0);
  const shown: string[] = [];
  let used = 0;
  for (const part of parts) {
    const cost = part.length + (shown.length > 0 ? SEPARATOR.length : 0);
    if (used + cost > room) break;
    shown.push(part);
    used += cost;
  }
  if (tail === '' || tail.length > width) return shown.join(SEPARATOR);
  return [...shown, tail].join(SEPARATOR);
}

/** Footer text: the live hints that fit in `width`, most important first, and `? help` for the rest. */
export function footerHints(keymap: readonly KeyBinding[], context: KeyContext, width: number): string {
  const hasHelp = context.mode === 'normal';
  return fitHints(footerParts(keymap, context), width, hasHelp);
}
