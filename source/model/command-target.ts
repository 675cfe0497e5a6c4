// Where the app points, as the target of every printed command: the profile and endpoint in use, also when they
// come from AWS_PROFILE / AWS_ENDPOINT_URL (pasted in another shell, the command still goes to the same place).
import type { CommandTarget } from '../domain/target.js';
import { trainingFleetTarget } from '../domain/target.js';
import type { Instance } from '../domain/types.js';
import type { AppModel, Target } from './types.js';

/** The command target of a connection; the environment fills in a profile or endpoint the flags left out. */
export function commandTargetOf(target: Target, env: Readonly<Record<string, string | undefined>> = process.env): CommandTarget {
  if (target.kind === 'demo') return trainingFleetTarget(target.region, target.servedPort);
  const profile = target.profile ?? nonEmpty(env.AWS_PROFILE);
  const endpointUrl = target.endpointUrl ?? nonEmpty(env.AWS_ENDPOINT_URL);
  return { region: target.region, ...(profile === undefined ? {} : { profile }), ...(endpointUrl === undefined ? {} : { endpointUrl }) };
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/**
 * One instance's own target: the region (and profile) it was listed in when the app shows several origins, so
 * a command printed for an eu-west-1 instance says --region eu-west-1. Untagged instances keep the base target.
 */
export function commandTargetFor(base: CommandTarget, instance: Pick<Instance, 'region' | 'profile'>): CommandTarget {
  if (base.isTrainingFleet === true || instance.region === undefined) return base;
  const profile = instance.profile ?? base.profile;
  const { profile: _ignored, ...rest } = base;
  return { ...rest, region: instance.region, ...(profile === undefined ? {} : { profile }) };
}

/** The target of the model's commands for this instance (a model without per-instance targets: its one target). */
export function targetOf(model: Pick<AppModel, 'commandTarget' | 'commandTargetFor'>, instance: Instance | undefined): CommandTarget {
  return instance === undefined ? model.commandTarget : (model.commandTargetFor?.(instance) ?? model.commandTarget);
}
