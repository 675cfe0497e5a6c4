// Systems Manager: which instances it manages, and the fixed host checks run through Run Command. SendCommand is
// built here only from the table in domain/host-checks.ts; the clients' guard (clients.ts) refuses anything else.
import { GetCommandInvocationCommand, paginateDescribeInstanceInformation, SendCommandCommand } from '@aws-sdk/client-ssm';
import type { InstanceInformation, SSMClient } from '@aws-sdk/client-ssm';
import type { CallOptions } from './api.js';
import { guard } from './errors.js';
import { HOST_CHECK_DOCUMENT, hostCheckCommands } from '../domain/host-checks.js';
import type { CommandInvocation, HostCheckId, ManagedInstance } from '../domain/host-checks.js';

/** How long SSM may wait to deliver a host check to the agent before it is DeliveryTimedOut (SSM's minimum is 30). */
export const HOST_CHECK_DELIVERY_SECONDS = 60;
/** DescribeInstanceInformation's largest page (InstanceIds filter: at most 50 values per call). */
const MAX_PAGE = 50;

/** Maps one DescribeInstanceInformation entry. */
export function toManagedInstance(i: InstanceInformation): ManagedInstance {
  return {
    instanceId: i.InstanceId ?? '',
    pingStatus: i.PingStatus ?? 'Inactive',
    lastPingAt: i.LastPingDateTime,
    agentVersion: i.AgentVersion,
    platformName: i.PlatformName,
    platformVersion: i.PlatformVersion,
  };
}

/** The instances SSM manages among `instanceIds` (an unmanaged one is simply absent). */
export function describeInstanceInformation(ssm: SSMClient, instanceIds: readonly string[], options?: CallOptions): Promise<ManagedInstance[]> {
  return guard('ssm:DescribeInstanceInformation', async () => {
    const out: ManagedInstance[] = [];
    for (let i = 0; i < instanceIds.length; i += MAX_PAGE) {
      const ids = instanceIds.slice(i, i + MAX_PAGE);
      const pages = paginateDescribeInstanceInformation(
        { client: ssm, pageSize: MAX_PAGE },
        { Filters: [{ Key: 'InstanceIds', Values: ids }] },
        { abortSignal: options?.signal },
      );
      for await (const page of pages) out.push(...(page.InstanceInformationList ?? []).map(toManagedInstance));
    }
    return out;
  });
}

/** SendCommand's input for one fixed host check on one instance: the only SendCommand ec2-triage builds. */
export function hostCheckInput(instanceId: string, check: HostCheckId) {
  return {
    InstanceIds: [instanceId],
    DocumentName: HOST_CHECK_DOCUMENT,
    Parameters: { commands: hostCheckCommands(check) },
    TimeoutSeconds: HOST_CHECK_DELIVERY_SECONDS,
    Comment: `ec2-triage host check ${check}`,
  };
}

/** Runs one fixed host check; resolves to the command id. */
export function sendHostCheck(ssm: SSMClient, instanceId: string, check: HostCheckId, options?: CallOptions): Promise<string> {
  return guard('ssm:SendCommand', async () => {
    const out = await ssm.send(new SendCommandCommand(hostCheckInput(instanceId, check)), { abortSignal: options?.signal });
    const id = out.Command?.CommandId;
    if (id === undefined || id === '') throw new Error('SendCommand answered without a command id');
    return id;
  });
}

/** One command's status and output on one instance. */
export function getCommandInvocation(ssm: SSMClient, commandId: string, instanceId: string, options?: CallOptions): Promise<CommandInvocation> {
  return guard('ssm:GetCommandInvocation', async () => {
    const out = await ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }), { abortSignal: options?.signal });
    return {
      commandId: out.CommandId ?? commandId,
      instanceId: out.InstanceId ?? instanceId,
      status: out.Status ?? 'Pending',
      statusDetails: out.StatusDetails,
      responseCode: out.ResponseCode ?? -1,
      stdout: out.StandardOutputContent ?? '',
      stderr: out.StandardErrorContent ?? '',
    };
  });
}
