// A failed write, in words, with what to do next (the runbooks' advice). Nothing is retried: the user decides. Pure.
import type { AwsError } from '../domain/types.js';
import { describeAwsError } from '../domain/aws-error.js';
import type { PlanKind } from './write-plan.js';

export interface ActionErrorText {
  readonly text: string;
  readonly advice: readonly string[];
}

/** What the dialog says when a DryRun check or a step fails. */
export function describeActionError(error: AwsError, context: { readonly plan: PlanKind; readonly step: string; readonly instanceType?: string; readonly az?: string; readonly state?: string }): ActionErrorText {
  if (error.kind === 'denied') {
    const action = error.action ?? context.step;
    return {
      text: `You lack ${action}: your IAM identity may not call it on this instance.`,
      advice: [`Ask for ${action} on this instance (an IAM policy or a role with it), or hand the previewed command to someone who has it.`],
    };
  }
  if (error.kind === 'throttled') {
    return { text: `AWS throttled ${context.step}; it was not retried.`, advice: ['Wait a minute and run the action again.'] };
  }
  if (error.kind === 'unknown') {
    const code = (error.code ?? '').replace(/^Server\./, '');
    switch (code) {
      case 'IncorrectInstanceState':
        return {
          text: `The instance cannot do this in its current state${context.state === undefined ? '' : ` (${context.state})`}.`,
          advice: ['Wait for it to finish stopping or starting (the status pane follows it), then try again.', `AWS said: ${error.message}`],
        };
      case 'InsufficientInstanceCapacity':
        return {
          text: `AWS has no capacity for ${context.instanceType ?? 'this type'}${context.az === undefined ? '' : ` in ${context.az}`} right now.`,
          advice: [
            'Try the start again in a few minutes: capacity frees up (the error is per AZ and type).',
            'Or resize to another type (a → Resize): another type draws on another pool.',
            'Or, for an instance you can relaunch, launch it in another Availability Zone.',
          ],
        };
      case 'UnsupportedOperation':
        return {
          text: `The instance does not support this operation: ${error.message}`,
          advice: ['Check the target type: same architecture, the AMI supports its virtualization, ENA and NVMe drivers for Nitro types.'],
        };
      case 'InstanceLimitExceeded':
      case 'VcpuLimitExceeded':
        return { text: `Your account's vCPU quota for this type is used up (${code}).`, advice: ['Ask for a quota increase in Service Quotas, or pick a smaller type.'] };
      case 'InvalidInstanceType':
        return { text: `The type is not valid here: ${error.message}`, advice: ['Pick one of the types the resize dialog offers.'] };
      default:
        break;
    }
  }
  return { text: `${context.step} failed: ${describeAwsError(error)}`, advice: context.plan === 'start' ? ['See the won\'t-start runbook (b) for the usual causes.'] : [] };
}
