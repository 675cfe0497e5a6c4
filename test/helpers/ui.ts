// Press-and-settle helpers for Ink tests (after Shopify cli-kit's testing/ui.ts): no sleeps, no ANSI.
import { render as inkRender } from 'ink-testing-library';
import { createElement } from 'react';
import { App } from '../../source/app.js';
import type { AppModel } from '../../source/model/types.js';

type Rendered = ReturnType<typeof inkRender>;

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  tab: '\t',
  shiftTab: '\u001b[Z',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlC: '\u0003',
} as const;

/** Let Ink process input and re-render: one setImmediate (Ink flushes a lone Esc there), then a timer turn. */
export async function settle(): Promise<void> {
  // A few turns, not one: under a loaded machine (the whole suite on 2 cores) a keypress's state update and
  // Ink's re-render can land a turn later; waiting on turns, not wall time, keeps tests fast and deterministic.
  for (let i = 0; i < 3; i += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
}

/** Write a key (or text) to the app's stdin and wait for the frame to settle. */
export async function press(stdin: Rendered['stdin'], key: string): Promise<void> {
  stdin.write(key);
  await settle();
}

/** Press several keys, one at a time. */
export async function pressAll(stdin: Rendered['stdin'], keys: readonly string[]): Promise<void> {
  for (const key of keys) await press(stdin, key);
}

// CSI/OSC sequences and the single-character escapes Ink emits; enough for Ink's own output.
// eslint-disable-next-line no-control-regex -- matching escape codes is the point
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Text without colours and cursor codes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The last frame's text, ANSI stripped ('' before the first frame). */
export function frame(lastFrame: () => string | undefined): string {
  return stripAnsi(lastFrame() ?? '');
}

/** Display width in columns: one per code point (the UI uses no wide characters). */
export function displayWidth(line: string): number {
  return [...line].length;
}

/** Give the fake stdout a terminal size and tell Ink (and the app) it changed. */
export function resize(rendered: Rendered, columns: number, rows: number): void {
  Object.defineProperty(rendered.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(rendered.stdout, 'rows', { value: rows, configurable: true });
  rendered.stdout.emit('resize');
}

/** Render the App on a fake model at a terminal size and wait for the first settled frame. */
export async function renderApp(
  model: AppModel,
  size: { readonly columns: number; readonly rows: number } = { columns: 100, rows: 30 },
  onExit?: () => void,
): Promise<Rendered> {
  const rendered = inkRender(createElement(App, { model, onExit }));
  resize(rendered, size.columns, size.rows);
  await settle();
  return rendered;
}
