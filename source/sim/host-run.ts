// What an AWS-RunShellScript script prints on a fleet instance. The fleet knows the fixed host checks
// (domain/host-checks.ts) and renders them from the world at that moment (host-render.ts); any other script still
// runs, as on a real host, but the fleet has no programs besides the checks' own: the shell says so (exit 127).
import type { ScriptRun } from './world-ssm.js';

/** Where the agent writes a command's script on the instance (the shell names it in its errors). */
export function scriptPath(instanceId: string, commandId: string): string {
  return `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
}

/** The first program a script line names (past assignments and `sudo`), '' for a blank line. */
function programOf(line: string): string {
  const words = line.trim().split(/\s+/).filter((w) => w !== '' && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && w !== 'sudo');
  return (words[0] ?? '').replace(/^[('"]+/, '').replace(/[;|&)'"]+$/, '');
}

/** A script the fleet does not recognise: each line's program is not found, and the script exits 127. */
export function unknownScript(instanceId: string, commandId: string, commands: readonly string[]): ScriptRun {
  const path = scriptPath(instanceId, commandId);
  const lines = commands.flatMap((c) => c.split('\n'));
  const stderr = lines
    .map((line, i) => ({ program: programOf(line), n: i + 1 }))
    .filter((l) => l.program !== '')
    .map((l) => `${path}: line ${l.n}: ${l.program.slice(0, 64)}: command not found\n`)
    .join('');
  const durationMs = 300 + 40 * lines.length;
  return stderr === ''
    ? { stdout: '', stderr: '', exitCode: 0, durationMs }
    : { stdout: '', stderr: `${stderr}failed to run commands: exit status 127`, exitCode: 127, durationMs };
}
