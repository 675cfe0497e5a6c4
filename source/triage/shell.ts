// Building copy-pasteable shell commands: every value is quoted for a POSIX shell unless it is plainly safe, so a
// Name tag with spaces or quotes cannot break (or inject into) a recommended command. Every `aws` command names
// its target (region, profile, endpoint): pasted, it runs against what the app was looking at.
import type { CommandTarget } from '../domain/target.js';

/** A value that must reach the shell as is (a `"$VAR"` or `$(…)` substitution). */
export interface Raw {
  readonly raw: string;
}

/** Marks a value as already shell syntax. */
export const raw = (text: string): Raw => ({ raw: text });

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** POSIX single-quote a value unless it is made only of safe characters: `it's` → `'it'\''s'`. */
export function shellQuote(value: string): string {
  if (SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** One argument as it goes on the command line. */
const arg = (a: string | Raw): string => (typeof a === 'string' ? shellQuote(a) : a.raw);

/** The target's flags unquoted, as argv for a spawned `aws`: `--region R [--profile P] [--endpoint-url U]`. */
export function targetArgv(target: CommandTarget): string[] {
  return [
    '--region', target.region,
    ...(target.profile === undefined ? [] : ['--profile', target.profile]),
    ...(target.endpointUrl === undefined ? [] : ['--endpoint-url', target.endpointUrl]),
  ];
}

/** The target's flags for a shell line: targetArgv, each value quoted. */
export function targetArgs(target: CommandTarget): string[] {
  // Flags and values alternate: every value (odd place) is quoted, the flags are plain.
  return targetArgv(target).map((a, i) => (i % 2 === 1 ? shellQuote(a) : a));
}

/** `aws <service> <operation> <args…> --region R [--profile P] [--endpoint-url U]`, every argument quoted. */
export function awsCommand(target: CommandTarget, service: string, operation: string, args: readonly (string | Raw)[]): string {
  return ['aws', service, operation, ...args.map(arg), ...targetArgs(target)].join(' ');
}
