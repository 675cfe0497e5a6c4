// The bench's only stdout: one JSON line per figure. Everything else (progress, diagnostics) goes to stderr.

/** A figure as printed: a name plus numbers (or an error string). */
export type Figure = { readonly name: string } & Record<string, number | string | boolean | undefined>;

const printed = new Set<string>();

/** Prints one figure as a JSON line on stdout. */
export function emit(figure: Figure): void {
  printed.add(figure.name);
  process.stdout.write(`${JSON.stringify(figure)}\n`);
}

/** Whether a figure of this name has been printed (so a failing step does not add an error line for it). */
export function wasPrinted(name: string): boolean {
  return printed.has(name);
}

/** Prints a figure that could not be measured; the run goes on. */
export function emitError(name: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  emit({ name, error: message.split('\n')[0] ?? 'unknown error' });
  progress(`${name} failed: ${message}`);
}

/** A progress line on stderr. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** One decimal: enough for milliseconds, short on the line. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
