// The terminal modes an Ink app of ours runs in: the alternate screen (the user's scrollback stays intact), raw
// mode from the first frame, and Ink's options. One place for the TUI and a follower.

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/**
 * Ink's render options. Ink throttles renders to maxFps: a keypress shortly after another frame (during a refresh,
 * the stores' updates draw frames) waits for the throttle's trailing edge. At 30 fps that wait was most of a key's
 * p95 during a 10k refresh. Same-run A/B 2026-12-05, two rounds (npm run bench, 10,009 instances, the data worker
 * built): 30 → 60 fps, keys during a refresh p95 47.4 → 20.1 and 47.4 → 27.4 ms, effect p95 50.9 → 35.2 and
 * 59.0 → 49.1 ms; idle keys p50 9.8 → 8.9 and 10.0 → 9.2 ms; bytes per metrics refresh unchanged (1.16 → 1.15 KB).
 * (Before the output cache and the worker, 60 fps had doubled a key's effect time: frames were expensive and
 * competed with parsing on this thread.)
 */
export const INK_OPTIONS = { incrementalRendering: true, exitOnCtrlC: false, patchConsole: false, maxFps: 60 } as const;

/** Terminal writes after a hangup fail (EIO): what is on disk is what matters then. */
export function quietly(write: () => unknown): void {
  try {
    write();
  } catch {
    // The terminal is gone.
  }
}

/**
 * Enters the alternate screen with raw mode on (Ink takes it only when its input hook mounts, and a Ctrl-C typed in
 * between would be the terminal's SIGINT instead of the app's quit key); returns the function that leaves it.
 */
export function enterScreen(): () => void {
  process.stdout.write(ENTER_ALT_SCREEN);
  process.stdin.setRawMode(true);
  const restore = (): void => {
    quietly(() => process.stdin.setRawMode(false));
    quietly(() => process.stdout.write(LEAVE_ALT_SCREEN));
  };
  process.once('exit', restore);
  return () => {
    process.removeListener('exit', restore);
    restore();
  };
}
