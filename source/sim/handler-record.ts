// What the handler notes about each operation (the fleet's record) and the refusal it sends for a denied action.
import { SimError } from './protocol/errors.js';
import { isMutating } from './operations.js';
import type { SimOperationRecord, SimWorld } from './types.js';

const strings = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

function dimensionIds(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
  return list.flatMap((d) => {
    const entry = d as { Name?: unknown; Value?: unknown } | null;
    return entry !== null && typeof entry === 'object' && entry.Name === 'InstanceId' && typeof entry.Value === 'string' ? [entry.Value] : [];
  });
}

/** A Session Manager target that is an instance (a session's Target). */
const instanceTarget = (value: unknown): string[] => strings(value).filter((t) => /^(i|mi)-/.test(t));

/** The instance ids a request names: InstanceId(s), an InstanceId dimension (alarms, metric reads), a session's Target. */
export function instanceIdsOf(input: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...strings(input.InstanceId), ...strings(input.InstanceIds), ...dimensionIds(input.Dimensions), ...instanceTarget(input.Target)])];
}

/** At most this many instance ids and alarm names are kept per record (DescribeInstanceStatus's own limit). */
export const RECORD_ID_CAP = 100;
/** Longer ids, names and actions are cut: no valid one comes near it, and the record must not keep a caller's megabyte. */
const RECORD_TEXT_CAP = 128;

/**
 * A copy of the first RECORD_TEXT_CAP characters that owns its memory: a parsed field is often a slice of the whole
 * request body, and keeping the slice would keep the body (60 records of 600 KB requests held 40 MB).
 */
const own = (text: string): string => Buffer.from(text.slice(0, RECORD_TEXT_CAP), 'utf8').toString('utf8');
const capped = (values: readonly string[]): string[] => values.slice(0, RECORD_ID_CAP).map(own);

/** One record of the fleet's operation log; ids past RECORD_ID_CAP are counted in `omittedIds`, not kept. */
export function summarize(at: number, service: SimOperationRecord['service'], action: string, input: Readonly<Record<string, unknown>>, outcome: string): SimOperationRecord {
  const instanceIds = instanceIdsOf(input);
  const alarmNames = [...strings(input.AlarmName), ...strings(input.AlarmNames)];
  const omitted = Math.max(0, instanceIds.length - RECORD_ID_CAP) + Math.max(0, alarmNames.length - RECORD_ID_CAP);
  return {
    at,
    service,
    action: own(action),
    instanceIds: capped(instanceIds),
    alarmNames: capped(alarmNames),
    ...(omitted > 0 ? { omittedIds: omitted } : {}),
    dryRun: input.DryRun === true || input.DryRun === 'true',
    isMutating: isMutating(service, action),
    outcome,
  };
}

/** The error AWS sends a caller whose policy does not allow the action (EC2: 403 UnauthorizedOperation). */
export function deniedError(world: SimWorld, service: SimOperationRecord['service'], action: string, input: Readonly<Record<string, unknown>>): SimError {
  const user = `arn:aws:iam::${world.accountId}:user/trainee`;
  const iamAction = `${service}:${action}`;
  const id = instanceIdsOf(input)[0];
  const alarm = strings(input.AlarmName)[0] ?? strings(input.AlarmNames)[0];
  const resource =
    (service === 'ec2' || service === 'ssm') && id !== undefined
      ? `arn:aws:ec2:${world.region}:${world.accountId}:instance/${id}`
      : service === 'cloudwatch' && alarm !== undefined
        ? `arn:aws:cloudwatch:${world.region}:${world.accountId}:alarm:${alarm}`
        : '*';
  const why = `User: ${user} is not authorized to perform: ${iamAction} on resource: ${resource} because no identity-based policy allows the ${iamAction} action`;
  if (service === 'ec2') return new SimError('UnauthorizedOperation', `You are not authorized to perform this operation. ${why}`, 403);
  if (service === 'cloudwatch') return new SimError('AccessDenied', why, 403);
  return new SimError('AccessDeniedException', why, 400);
}
