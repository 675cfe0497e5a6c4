// The only place colours live. Panes ask for a tone ("bad", "ok"), never a colour name, so NO_COLOR and a
// monochrome terminal turn every colour off in one place. Colour never carries meaning alone: the selected row
// has a › marker, the focused pane a double border and a bracketed title, states are words.
import type { CheckStatus, InstanceStateName } from '../domain/types.js';

/** What a colour means. */
export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'muted' | 'focus' | 'heading' | 'brand' | 'demo' | 'chart' | 'command';

/** The palette: Ink colour names by tone. */
export const PALETTE: Readonly<Record<Tone, string>> = {
  ok: 'green',
  warn: 'yellow',
  bad: 'red',
  info: 'cyan',
  muted: 'gray',
  focus: 'cyan',
  heading: 'yellow',
  brand: 'cyan',
  demo: 'yellow',
  chart: 'cyan',
  command: 'cyan',
};

/** Whether the environment wants colour: not when NO_COLOR is set and non-empty (no-color.org), nor on TERM=dumb. */
export function isColorWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

let isColorOn = isColorWanted(process.env);

/** Turns colour on or off for the whole UI (the CLI reads the environment once; tests call this). */
export function setColorEnabled(isOn: boolean): void {
  isColorOn = isOn;
}

/** Whether colours are drawn now. */
export function isColorEnabled(): boolean {
  return isColorOn;
}

/** The Ink colour of a tone, or undefined when colour is off. */
export function tone(name: Tone): string | undefined {
  return isColorOn ? PALETTE[name] : undefined;
}

/**
 * A colour name as some code still spells it (a Line's `color`), or undefined when colour is off: the one gate
 * every drawn colour passes, so NO_COLOR holds even for literals not yet moved here.
 */
export function paint(color: string | undefined): string | undefined {
  return isColorOn ? color : undefined;
}

/** Border colours of a focused and an unfocused pane (the border style differs too: double vs single). */
export function borderColor(isFocused: boolean): string | undefined {
  return tone(isFocused ? 'focus' : 'muted');
}

/** Tone of an instance state. */
export function stateTone(state: InstanceStateName): Tone {
  switch (state) {
    case 'running':
      return 'ok';
    case 'pending':
    case 'stopping':
      return 'warn';
    case 'shutting-down':
    case 'terminated':
      return 'bad';
    case 'stopped':
      return 'muted';
  }
}

/** Ink colour of an instance state (undefined when colour is off). */
export function stateColor(state: InstanceStateName): string | undefined {
  return tone(stateTone(state));
}

/** Tone of a status check summary. */
export function checkTone(status: CheckStatus | 'n/a'): Tone {
  switch (status) {
    case 'ok':
      return 'ok';
    case 'impaired':
      return 'bad';
    case 'initializing':
      return 'warn';
    default:
      return 'muted';
  }
}

/** Ink colour of a status check summary (undefined when colour is off). */
export function checkColor(status: CheckStatus | 'n/a'): string | undefined {
  return tone(checkTone(status));
}

/** Tones of a step or action state (pending, running, ok/done, warning, failed), for the triage and dialogs. */
export const STEP_TONES: Readonly<Record<string, Tone>> = {
  pending: 'muted',
  running: 'info',
  ok: 'ok',
  done: 'ok',
  warning: 'warn',
  failed: 'bad',
};

/** Tones of a CloudWatch alarm state. */
export const ALARM_TONES: Readonly<Record<string, Tone>> = { OK: 'ok', ALARM: 'bad', INSUFFICIENT_DATA: 'warn' };

/** The marker in front of the selected row (a shape, so it shows without colour or reverse video). */
export const SELECTED_MARKER = '›';
