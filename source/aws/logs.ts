// CloudWatch Logs reads: groups and filtered events, through the SDK paginators.
import { paginateDescribeLogGroups, paginateFilterLogEvents } from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient, FilteredLogEvent, LogGroup as SdkLogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { CallOptions } from './api.js';
import { guard } from './errors.js';
import type { LogEvent, LogGroup } from '../domain/types.js';

/** Default cap on events returned by filterLogEvents. */
export const DEFAULT_EVENT_LIMIT = 1000;
/** FilterLogEvents' largest page. */
const MAX_PAGE = 10_000;

const date = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** Maps one DescribeLogGroups entry. */
export function toLogGroup(g: SdkLogGroup): LogGroup {
  return {
    name: g.logGroupName ?? '',
    creationTime: date(g.creationTime),
    storedBytes: g.storedBytes,
    retentionInDays: g.retentionInDays,
  };
}

/** Maps one FilterLogEvents event. */
export function toLogEvent(e: FilteredLogEvent): LogEvent {
  return { timestamp: new Date(e.timestamp ?? 0), message: e.message ?? '', logStream: e.logStreamName ?? '', eventId: e.eventId };
}

/** Every log group, optionally those whose name starts with `prefix`. */
export function listLogGroups(logs: CloudWatchLogsClient, prefix: string | undefined, options?: CallOptions): Promise<LogGroup[]> {
  return guard('logs:DescribeLogGroups', async () => {
    const out: LogGroup[] = [];
    const pages = paginateDescribeLogGroups(
      { client: logs },
      prefix === undefined || prefix === '' ? {} : { logGroupNamePrefix: prefix },
      { abortSignal: options?.signal },
    );
    for await (const page of pages) out.push(...(page.logGroups ?? []).map(toLogGroup));
    return out;
  });
}

/** Events of one group in [start, end), optionally matching a filter pattern, at most `limit`. */
export function filterLogEvents(
  logs: CloudWatchLogsClient,
  group: string,
  start: Date,
  end: Date,
  options?: CallOptions & { readonly pattern?: string; readonly limit?: number },
): Promise<LogEvent[]> {
  return guard('logs:FilterLogEvents', async () => {
    const limit = Math.max(1, Math.floor(options?.limit ?? DEFAULT_EVENT_LIMIT));
    const out: LogEvent[] = [];
    const pages = paginateFilterLogEvents(
      // Logs can hand back the same token at the end of a search; stopOnSameToken ends the loop there.
      { client: logs, pageSize: Math.min(limit, MAX_PAGE), stopOnSameToken: true },
      {
        logGroupName: group,
        startTime: start.getTime(),
        // AWS's endTime is inclusive; the contract's end is exclusive.
        endTime: Math.max(start.getTime(), end.getTime() - 1),
        ...(options?.pattern === undefined || options.pattern === '' ? {} : { filterPattern: options.pattern }),
      },
      { abortSignal: options?.signal },
    );
    for await (const page of pages) {
      out.push(...(page.events ?? []).map(toLogEvent));
      // Stop paging once the cap is met: a busy group can hold millions of matching events.
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  });
}
