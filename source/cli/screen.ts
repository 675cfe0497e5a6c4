// The terminal modes an Ink app of ours runs in: the alternate screen (the user's scrollback stays intact), raw
// mode from the first frame, and Ink's options. One place for the TUI and a follower.

export const ENTER_ALT_SCREEN = '\u001b[?1049h';
export const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/**
 * Ink's render options. Measured (npm run bench, 10,000 instances): 60 fps halves p50 but doubles the time until a
 * keypress's effect is on screen, as more frames compete; Ink's default 30 is the better trade.
 */
export const INK_OPTIONS = { incrementalRendering: true, exitOnCtrlC: false, patchConsole: false, maxFps: 30 } as const;

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
