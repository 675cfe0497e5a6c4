// Systems Manager operations (JSON 1.1, target AmazonSSM): DescribeInstanceInformation, SendCommand,
// GetCommandInvocation, ListCommandInvocations, ListCommands, StartSession and TerminateSession. PascalCase members,
// timestamps as epoch seconds except GetCommandInvocation's execution times, which AWS sends as ISO text.
import { createHash } from 'node:crypto';
import { SimError } from '../protocol/errors.js';
import { decodeToken, encodeToken } from '../protocol/tokens.js';
import type { SimCommand, SimInvocation, SimManagedInstance, SimWorld } from '../types.js';
import { readBoolean, readInteger, readList, readString, readStringList, readStruct } from './input.js';
import type { Fail } from './input.js';
import type { Operations, WireObject } from './operation.js';
import { commandRequest, invalidCommandId, validation } from './ssm-input.js';

type Input = Readonly<Record<string, unknown>>;

const invalid: Fail = validation;
/** GetCommandInvocation returns at most this much of each output; ListCommandInvocations' plugin Output less. */
export const INVOCATION_OUTPUT_LIMIT = 24_000;
export const PLUGIN_OUTPUT_LIMIT = 2500;
const PLUGIN = 'aws:runShellScript';
/** The documents Session Manager starts sessions with (the default first). */
const SESSION_DOCUMENTS = new Set(['SSM-SessionManagerRunShell', 'AWS-StartSSHSession', 'AWS-StartPortForwardingSession', 'AWS-StartPortForwardingSessionToRemoteHost', 'AWS-StartInteractiveCommand', 'AWS-StartNonInteractiveCommand']);

function readMaxResults(input: Input, min: number, max: number, fallback: number): number {
  const value = readInteger(input.MaxResults, 'MaxResults', invalid) ?? fallback;
  if (value < min || value > max) {
    throw validation(`1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`);
  }
  return value;
}

function readOffset(input: Input, scope: string): number {
  const text = readString(input.NextToken, 'NextToken', invalid);
  if (text === undefined) return 0;
  const token = decodeToken(scope, text);
  if (token === undefined) throw new SimError('InvalidNextToken', 'The specified token is not valid.');
  return token.offset;
}

function page<T>(items: readonly T[], input: Input, scope: string, min: number): { items: readonly T[]; nextToken: string | undefined } {
  const limit = readMaxResults(input, min, 50, 50);
  const offset = readOffset(input, scope);
  const end = Math.min(items.length, offset + limit);
  return { items: items.slice(offset, end), nextToken: end < items.length ? encodeToken(scope, { offset: end }) : undefined };
}

/** A filter on managed instances: its key and the values any of which must match. */
interface InfoFilter {
  readonly key: string;
  readonly values: readonly string[];
}

const INFO_FILTERS: Readonly<Record<string, (m: SimManagedInstance) => readonly string[]>> = {
  InstanceIds: (m) => [m.instanceId],
  AgentVersion: (m) => [m.agentVersion],
  PingStatus: (m) => [m.pingStatus],
  PlatformTypes: () => ['Linux'],
  PlatformType: () => ['Linux'],
  ResourceType: () => ['EC2Instance'],
  IamRole: (m) => [m.iamRole],
};

function readInfoFilters(input: Input): InfoFilter[] {
  const fromList = readList(input.InstanceInformationFilterList).map((raw, i) => {
    const f = readStruct(raw, `InstanceInformationFilterList.${i + 1}`, invalid);
    return { key: readString(f.key, 'key', invalid) ?? '', values: readStringList(f.valueSet, 'valueSet', invalid) };
  });
  const fromFilters = readList(input.Filters).map((raw, i) => {
    const f = readStruct(raw, `Filters.${i + 1}`, invalid);
    return { key: readString(f.Key, 'Key', invalid) ?? '', values: readStringList(f.Values, 'Values', invalid) };
  });
  const filters = [...fromList, ...fromFilters];
  for (const f of filters) {
    if (f.key === '') throw validation("1 validation error detected: Value null at 'filters.1.member.key' failed to satisfy constraint: Member must not be null");
    if (INFO_FILTERS[f.key] === undefined) throw new SimError('InvalidInstanceInformationFilterValue', `The filter key ${f.key.slice(0, 64)} is not valid.`);
    if (f.values.length === 0) throw new SimError('InvalidInstanceInformationFilterValue', `The filter ${f.key} must have at least one value.`);
    if (f.key === 'InstanceIds' && f.values.some((v) => !/^(i|mi)-[0-9a-f]{8,17}$/.test(v))) {
      throw new SimError('InvalidInstanceId', 'Instances not in a valid state for account');
    }
  }
  return filters;
}

function renderInfo(m: SimManagedInstance): WireObject {
  return {
    InstanceId: m.instanceId,
    PingStatus: m.pingStatus,
    LastPingDateTime: new Date(m.lastPingAt),
    AgentVersion: m.agentVersion,
    IsLatestVersion: m.isLatestVersion,
    PlatformType: 'Linux',
    PlatformName: m.platformName,
    PlatformVersion: m.platformVersion,
    ResourceType: 'EC2Instance',
    IPAddress: m.ipAddress,
    ComputerName: m.computerName,
    SourceId: m.instanceId,
    SourceType: 'AWS::EC2::Instance',
  };
}

function describeInstanceInformation(world: SimWorld, input: Input): WireObject {
  const filters = readInfoFilters(input);
  const matching = world.ssm.managedInstances().filter((m) => filters.every((f) => (INFO_FILTERS[f.key]?.(m) ?? []).some((v) => f.values.includes(v))));
  const scope = JSON.stringify(['DescribeInstanceInformation', filters]);
  const { items, nextToken } = page(matching, input, scope, 5);
  return { InstanceInformationList: items.map(renderInfo), NextToken: nextToken };
}

function renderCommand(command: SimCommand): WireObject {
  const counts = (status: string): number => command.invocations.filter((i) => i.status === status).length;
  const done = command.invocations.filter((i) => i.status !== 'Pending' && i.status !== 'InProgress').length;
  return {
    CommandId: command.commandId,
    DocumentName: command.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: command.comment,
    ExpiresAfter: new Date(command.requestedAt + command.timeoutSeconds * 1000),
    Parameters: { commands: [...command.commands], executionTimeout: [String(command.executionTimeoutSeconds)] },
    InstanceIds: [...command.instanceIds],
    Targets: [],
    RequestedDateTime: new Date(command.requestedAt),
    Status: command.status,
    StatusDetails: command.statusDetails,
    OutputS3Region: '',
    OutputS3BucketName: '',
    OutputS3KeyPrefix: '',
    MaxConcurrency: '50',
    MaxErrors: '0',
    TargetCount: command.invocations.length,
    CompletedCount: done,
    ErrorCount: counts('Failed'),
    DeliveryTimedOutCount: command.invocations.filter((i) => i.statusDetails === 'DeliveryTimedOut').length,
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
    TimeoutSeconds: command.timeoutSeconds,
  };
}

function sendCommand(world: SimWorld, input: Input): WireObject {
  const request = commandRequest(input);
  const outcome = world.ssm.sendCommand(request);
  if (!outcome.ok) throw new SimError(outcome.refusal.code, outcome.refusal.message);
  return { Command: renderCommand(outcome.value) };
}

function findCommand(world: SimWorld, input: Input, isRequired: boolean): SimCommand | undefined {
  const commandId = readString(input.CommandId, 'CommandId', invalid);
  if (commandId === undefined) {
    if (isRequired) throw validation("1 validation error detected: Value null at 'commandId' failed to satisfy constraint: Member must not be null");
    return undefined;
  }
  if (!/^[0-9a-f-]{36}$/.test(commandId)) throw invalidCommandId();
  const command = world.ssm.command(commandId);
  return command;
}

/** ISO 8601 text as GetCommandInvocation sends it ('' before the script starts). */
const isoOrEmpty = (t: number | undefined): string => (t === undefined ? '' : new Date(t).toISOString());

/** ISO 8601 duration of a run ('PT1.053S'). */
const elapsed = (from: number | undefined, to: number | undefined): string => (from === undefined || to === undefined ? '' : `PT${((to - from) / 1000).toFixed(3)}S`);

function getCommandInvocation(world: SimWorld, input: Input): WireObject {
  const instanceId = readString(input.InstanceId, 'InstanceId', invalid);
  const command = findCommand(world, input, true);
  if (instanceId === undefined) throw validation("1 validation error detected: Value null at 'instanceId' failed to satisfy constraint: Member must not be null");
  const plugin = readString(input.PluginName, 'PluginName', invalid);
  const invocation = command?.invocations.find((i) => i.instanceId === instanceId);
  if (invocation === undefined) throw new SimError('InvocationDoesNotExist', 'An invocation for the specified command ID and instance ID does not exist.');
  if (plugin !== undefined && plugin !== PLUGIN) throw new SimError('InvalidPluginName', `The plugin name ${plugin.slice(0, 64)} is not valid.`);
  return {
    CommandId: invocation.commandId,
    InstanceId: invocation.instanceId,
    Comment: invocation.comment,
    DocumentName: invocation.documentName,
    DocumentVersion: '$DEFAULT',
    PluginName: PLUGIN,
    ResponseCode: invocation.responseCode,
    ExecutionStartDateTime: isoOrEmpty(invocation.startedAt),
    ExecutionElapsedTime: elapsed(invocation.startedAt, invocation.endedAt),
    ExecutionEndDateTime: isoOrEmpty(invocation.endedAt),
    Status: invocation.status,
    StatusDetails: invocation.statusDetails,
    StandardOutputContent: invocation.stdout.slice(0, INVOCATION_OUTPUT_LIMIT),
    StandardOutputUrl: '',
    StandardErrorContent: invocation.stderr.slice(0, INVOCATION_OUTPUT_LIMIT),
    StandardErrorUrl: '',
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}

/** A plugin's Output as ListCommandInvocations shows it: stdout, then stderr after AWS's separator, cut short. */
function pluginOutput(i: SimInvocation): string {
  const text = i.stderr === '' ? i.stdout : `${i.stdout}\n----------ERROR-------\n${i.stderr}`;
  return text.length <= PLUGIN_OUTPUT_LIMIT ? text : `${text.slice(0, PLUGIN_OUTPUT_LIMIT)}\n---Output truncated---`;
}

function renderInvocation(i: SimInvocation, details: boolean): WireObject {
  return {
    CommandId: i.commandId,
    InstanceId: i.instanceId,
    InstanceName: i.instanceName,
    Comment: i.comment,
    DocumentName: i.documentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: new Date(i.requestedAt),
    Status: i.status,
    StatusDetails: i.statusDetails,
    TraceOutput: '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: details
      ? [{
          Name: PLUGIN,
          Status: i.status,
          StatusDetails: i.statusDetails,
          ResponseCode: i.responseCode,
          ResponseStartDateTime: i.startedAt === undefined ? undefined : new Date(i.startedAt),
          ResponseFinishDateTime: i.endedAt === undefined ? undefined : new Date(i.endedAt),
          Output: pluginOutput(i),
          StandardOutputUrl: '',
          StandardErrorUrl: '',
          OutputS3Region: '',
          OutputS3BucketName: '',
          OutputS3KeyPrefix: '',
        }]
      : [],
    ServiceRole: '',
    NotificationConfig: { NotificationArn: '', NotificationEvents: [], NotificationType: '' },
    CloudWatchOutputConfig: { CloudWatchLogGroupName: '', CloudWatchOutputEnabled: false },
  };
}

function listCommandInvocations(world: SimWorld, input: Input): WireObject {
  const instanceId = readString(input.InstanceId, 'InstanceId', invalid);
  const details = readBoolean(input.Details, 'Details', invalid) ?? false;
  const command = findCommand(world, input, false);
  if (readString(input.CommandId, 'CommandId', invalid) !== undefined && command === undefined) throw invalidCommandId();
  const invocations = (command === undefined ? world.ssm.commands() : [command])
    .flatMap((c) => c.invocations)
    .filter((i) => instanceId === undefined || i.instanceId === instanceId);
  const scope = JSON.stringify(['ListCommandInvocations', command?.commandId, instanceId]);
  const { items, nextToken } = page(invocations, input, scope, 1);
  return { CommandInvocations: items.map((i) => renderInvocation(i, details)), NextToken: nextToken };
}

function listCommands(world: SimWorld, input: Input): WireObject {
  const instanceId = readString(input.InstanceId, 'InstanceId', invalid);
  const command = findCommand(world, input, false);
  if (readString(input.CommandId, 'CommandId', invalid) !== undefined && command === undefined) throw invalidCommandId();
  const commands = (command === undefined ? world.ssm.commands() : [command]).filter((c) => instanceId === undefined || c.instanceIds.includes(instanceId));
  const scope = JSON.stringify(['ListCommands', command?.commandId, instanceId]);
  const { items, nextToken } = page(commands, input, scope, 1);
  return { Commands: items.map(renderCommand), NextToken: nextToken };
}

function startSession(world: SimWorld, input: Input): WireObject {
  const target = readString(input.Target, 'Target', invalid);
  if (target === undefined || target === '') throw validation("1 validation error detected: Value null at 'target' failed to satisfy constraint: Member must not be null");
  if (target.length > 400) throw validation("1 validation error detected: Value at 'target' failed to satisfy constraint: Member must have length less than or equal to 400");
  const document = readString(input.DocumentName, 'DocumentName', invalid);
  if (document !== undefined && !SESSION_DOCUMENTS.has(document)) throw new SimError('InvalidDocument', `Document with name ${document.slice(0, 128)} does not exist.`);
  const outcome = world.ssm.startSession(target);
  if (!outcome.ok) throw new SimError(outcome.refusal.code, outcome.refusal.message);
  const { sessionId } = outcome.value;
  // The token only has to look like AWS's (an opaque base64 blob); the fleet has no data channel to open.
  const part = (n: number): Buffer => createHash('sha512').update(`${world.accountId}:${sessionId}:${n}`).digest();
  return {
    SessionId: sessionId,
    TokenValue: `AAEAA${Buffer.concat([part(0), part(1), part(2)]).subarray(0, 144).toString('base64')}`,
    StreamUrl: `wss://ssmmessages.${world.region}.amazonaws.com/v1/data-channel/${sessionId}?role=publish_subscribe`,
  };
}

function terminateSession(world: SimWorld, input: Input): WireObject {
  const sessionId = readString(input.SessionId, 'SessionId', invalid);
  if (sessionId === undefined || sessionId === '') throw validation("1 validation error detected: Value null at 'sessionId' failed to satisfy constraint: Member must not be null");
  world.ssm.terminateSession(sessionId);
  return { SessionId: sessionId };
}

/** Systems Manager's operations by action name. */
export const ssmOperations: Operations = {
  DescribeInstanceInformation: describeInstanceInformation,
  SendCommand: sendCommand,
  GetCommandInvocation: getCommandInvocation,
  ListCommandInvocations: listCommandInvocations,
  ListCommands: listCommands,
  StartSession: startSession,
  TerminateSession: terminateSession,
};
