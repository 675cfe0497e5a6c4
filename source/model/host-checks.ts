// The host checks of one triage round, gathered only when the user allowed diagnostics: is the instance managed
// by SSM and its agent online (DescribeInstanceInformation), then the four fixed checks sent at once and polled
// about every second until each ends or the round's time is up. Failures become missing items, never a rejection.
import type { AwsApi } from '../aws/api.js';
import { describeCommandStatus, MAKE_MANAGED } from '../domain/aws-error.js';
import { HOST_CHECKS, TERMINAL_COMMAND_STATUSES } from '../domain/host-checks.js';
import type { CommandInvocation, HostCheckId, HostCheckOutput } from '../domain/host-checks.js';
import type { HostEvidence, Item } from '../triage/evidence.js';
import { missing, missingFromError } from '../triage/evidence.js';
import type { CallRecord } from '../triage/timeline.js';
import type { Clock } from './clock.js';
import { asAwsError } from './errors.js';

/** Real ms between two reads of a command's invocation. */
export const HOST_CHECK_POLL_MS = 1000;
/** Real ms the host checks may take altogether (vmstat alone takes 5 s). */
export const HOST_CHECK_TIMEOUT_MS = 30_000;

export interface HostCheckOptions {
  /** Timers (real ms) and the time stamped on outputs. */
  readonly clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
  readonly signal?: AbortSignal;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  readonly onCall?: (call: CallRecord) => void;
  /** Wall time for call durations. */
  readonly realNow?: () => number;
}

const cancelled = (): ReturnType<typeof missing> => missing('error', 'request cancelled', 'ssm:SendCommand');

/** Waits `ms` real ms on the clock; resolves false when the signal aborts first. */
function sleep(clock: HostCheckOptions['clock'], ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve(false);
      return;
    }
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      resolve(false);
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A finished invocation as evidence: its raw output, or why there is none (with what to do). */
export function outputOf(id: HostCheckId, invocation: CommandInvocation, at: Date): Item<HostCheckOutput> {
  // A script whose last command failed still printed its sections: the parser reads them, the status says Failed.
  if (invocation.status === 'Success' || (invocation.status === 'Failed' && invocation.stdout.trim() !== '')) {
    const { commandId, status, responseCode, stdout, stderr } = invocation;
    return { id, commandId, status, responseCode, stdout, stderr, at };
  }
  const words = describeCommandStatus(invocation.status, { responseCode: invocation.responseCode, stderr: invocation.stderr }) ?? invocation.status;
  return missing('error', `${id} check: ${words}`, 'ssm:SendCommand');
}

/** Gathers the host checks for one instance (call only with the user's consent: this sends SendCommand). */
export async function gatherHostChecks(api: AwsApi, instanceId: string, options: HostCheckOptions): Promise<Item<HostEvidence>> {
  const { clock, signal } = options;
  const realNow = options.realNow ?? Date.now;
  const pollMs = options.pollMs ?? HOST_CHECK_POLL_MS;
  const record = (operation: string, realStart: number, error?: unknown): void => {
    const base = { operation, startedAt: new Date(clock.now()), durationMs: realNow() - realStart };
    options.onCall?.(error === undefined ? { ...base, outcome: 'ok' } : { ...base, outcome: 'error', error: asAwsError(error) });
  };

  const describeStart = realNow();
  let managed;
  try {
    managed = (await api.describeInstanceInformation([instanceId], { signal })).find((m) => m.instanceId === instanceId);
    record('ssm:DescribeInstanceInformation', describeStart);
  } catch (error) {
    record('ssm:DescribeInstanceInformation', describeStart, error);
    return missingFromError(asAwsError(error), 'ssm:DescribeInstanceInformation');
  }
  if (managed === undefined) {
    return missing('not-applicable', `not managed by SSM, so no host checks: ${MAKE_MANAGED}`, 'ssm:DescribeInstanceInformation');
  }
  if (managed.pingStatus !== 'Online') {
    const since = managed.lastPingAt === undefined ? '' : ` since ${managed.lastPingAt.toISOString().slice(11, 16)} UTC`;
    const why = managed.pingStatus === 'ConnectionLost'
      ? `SSM Agent offline (ConnectionLost${since}): the instance is down, hung or cut off from SSM; no host checks`
      : `SSM Agent ${managed.pingStatus}${since}: no host checks (start the agent: systemctl start amazon-ssm-agent)`;
    return missing('error', why, 'ssm:DescribeInstanceInformation');
  }

  // One deadline for all four checks: the round must not wait on a command that never ends.
  let isExpired = false;
  const deadline = clock.setTimeout(() => {
    isExpired = true;
  }, options.timeoutMs ?? HOST_CHECK_TIMEOUT_MS);
  const seconds = Math.round((options.timeoutMs ?? HOST_CHECK_TIMEOUT_MS) / 1000);

  const runOne = async (id: HostCheckId): Promise<Item<HostCheckOutput>> => {
    const sendStart = realNow();
    let commandId: string;
    try {
      commandId = await api.sendHostCheck(instanceId, id, { signal });
      record('ssm:SendCommand', sendStart);
    } catch (error) {
      record('ssm:SendCommand', sendStart, error);
      return missingFromError(asAwsError(error), 'ssm:SendCommand');
    }
    let last = 'Pending';
    const pollStart = realNow();
    for (;;) {
      // The invocation exists a moment after SendCommand: wait first, then read.
      if (!(await sleep(clock, pollMs, signal))) return cancelled();
      if (isExpired) {
        record('ssm:GetCommandInvocation', pollStart);
        return missing('error', `${id} check: no result in ${seconds} s (SSM says ${last}): the instance may be overloaded; t runs it again`, 'ssm:GetCommandInvocation');
      }
      try {
        const invocation = await api.getCommandInvocation(commandId, instanceId, { signal });
        last = invocation.status;
        if (TERMINAL_COMMAND_STATUSES.has(invocation.status)) {
          record('ssm:GetCommandInvocation', pollStart);
          return outputOf(id, invocation, new Date(clock.now()));
        }
      } catch (error) {
        const awsError = asAwsError(error);
        // Not found yet: SSM registers the invocation shortly after SendCommand; keep polling until the deadline.
        if (awsError.kind === 'not-found') continue;
        record('ssm:GetCommandInvocation', pollStart, error);
        return awsError.kind === 'aborted' ? cancelled() : missingFromError(awsError, 'ssm:GetCommandInvocation');
      }
    }
  };

  try {
    const results = await Promise.all(HOST_CHECKS.map(async (c) => [c.id, await runOne(c.id)] as const));
    if (signal?.aborted === true) return cancelled();
    return { managed, checks: Object.fromEntries(results) as Partial<Record<HostCheckId, Item<HostCheckOutput>>> };
  } finally {
    clock.clearTimeout(deadline);
  }
}
