// A recommended action, as every view shows it. One that the app can carry out carries its plan, and its commands
// are the plan's: what `check`, the triage pane and the report print is what the preview shows and the runner sends.
import type { ActionPlan } from './write-plan.js';

export interface Recommendation {
  readonly id: string;
  readonly title: string;
  readonly why: string;
  /** 'aws': run from your machine with the AWS CLI; 'host': run on the instance (SSH or Session Manager). */
  readonly where: 'aws' | 'host';
  /** The plan's commands when there is a plan; otherwise commands to copy and run yourself. */
  readonly commands: readonly string[];
  /** Stops, reboots or changes the instance: confirm before running. */
  readonly isDisruptive: boolean;
  /** Extra lines: 'c5.large 2 vCPU 4 GiB → c5.xlarge 4 vCPU 8 GiB'. */
  readonly notes?: readonly string[];
  /** What the app can carry out (previewed, confirmed, run by the action runner); absent: copy the commands. */
  readonly plan?: ActionPlan;
  /** The app's view that shows these same commands (the CloudWatch Agent config, saved with w). */
  readonly view?: 'agent';
}

/** Options the engine cannot read from the evidence. */
export interface RecommendOptions {
  /** SNS topic for alarm notifications; without it alarms are created without actions (a note says so). */
  readonly snsTopicArn?: string;
}

/** A recommendation the app can carry out: its commands and notes are the plan's. */
export function planned(id: string, title: string, why: string, plan: ActionPlan, notes: readonly string[] = []): Recommendation {
  const isDisruptive = plan.kind === 'reboot' || plan.kind === 'stop-start' || plan.kind === 'resize';
  return { id, title, why, where: 'aws', commands: plan.commands, isDisruptive, notes: [...plan.notes, ...notes], plan };
}

