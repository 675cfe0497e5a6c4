// What an AWS-RunShellScript script prints on a fleet instance. The fleet knows the fixed host checks
// (domain/host-checks.ts) and renders them from the world at that moment (host-render.ts); any other script still
// runs, as on a real host, but the fleet has no programs besides the checks' own: the shell says so (exit 127).
import { HOST_CHECK_DOCUMENT, fixedHostCheck } from '../domain/host-checks.js';
import { renderHostCheck } from './host-render.js';
import type { HostView } from './host-render.js';
import type { ScriptRun } from './world-ssm.js';

/** Where the agent writes a command's script on the instance (the shell names it in its errors). */
export function scriptPath(instanceId: string, commandId: string): string {
  return `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`;
}

/** Builtins the shell runs itself; echo and printf print, the rest print nothing. */
const BUILTINS = new Set(['echo', 'printf', 'cd', 'true', ':', 'export', 'set', 'unset', 'test', '[', 'exit', 'return', 'shift', 'read', 'wait', 'umask']);

/** A word without its shell quotes ('a b' and "a b" are one word). */
const unquote = (word: string): string => word.replace(/^'(.*)'$/s, '$1').replace(/^"(.*)"$/s, '$1');

/** The words of one simple command: quoted runs stay whole; assignments before the program and `sudo` are skipped. */
function wordsOf(command: string): string[] {
  const words = command.match(/'[^']*'|"(?:[^"\\]|\\.)*"|[^\s'"]+/g) ?? [];
  let i = 0;
  while (i < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? '') || words[i] === 'sudo')) i++;
  return words.slice(i).map((w) => w.replace(/^[({]+/, '').replace(/[)}]+$/, ''));
}

/**
 * A script the fleet does not recognise, run as the shell would run it on a host that has no programs besides the
 * checks' own: echo/printf print, other builtins do nothing, every other program is "command not found" (127), and
 * the script exits with its last command's status.
 */
export function unknownScript(instanceId: string, commandId: string, commands: readonly string[]): ScriptRun {
  const path = scriptPath(instanceId, commandId);
  const lines = commands.flatMap((c) => c.split('\n'));
  let stdout = '';
  let stderr = '';
  let status = 0;
  lines.forEach((line, index) => {
    // Simple commands in order (pipes and && / || are taken in sequence: nothing here succeeds conditionally).
    for (const part of line.replace(/(^|\s)#.*$/, '').split(/;|&&|\|\||\|/)) {
      const words = wordsOf(part.trim());
      const program = words[0];
      if (program === undefined || program === '') continue;
      if (program === 'echo' || program === 'printf') {
        stdout += `${words.slice(1).map(unquote).join(' ')}${program === 'echo' ? '\n' : ''}`;
        status = 0;
      } else if (BUILTINS.has(program)) {
        status = 0;
      } else {
        stderr += `${path}: line ${index + 1}: ${unquote(program).slice(0, 64)}: command not found\n`;
        status = 127;
      }
    }
  });
  const durationMs = 300 + 40 * lines.length;
  return status === 0
    ? { stdout, stderr, exitCode: 0, durationMs }
    : { stdout, stderr: `${stderr}failed to run commands: exit status ${status}`, exitCode: status, durationMs };
}

/** Runs a script on an instance: a fixed host check rendered from the host as it is at that moment, else the shell's 127. */
export function runScript(instanceId: string, commandId: string, commands: readonly string[], view: () => HostView): ScriptRun {
  const check = fixedHostCheck(HOST_CHECK_DOCUMENT, [...commands]);
  return check === undefined ? unknownScript(instanceId, commandId, commands) : renderHostCheck(check, view());
}
