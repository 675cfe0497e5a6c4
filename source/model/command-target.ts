// Where the app points, as the target of every printed command: the profile and endpoint in use, also when they
// come from AWS_PROFILE / AWS_ENDPOINT_URL (pasted in another shell, the command still goes to the same place).
import type { CommandTarget } from '../domain/target.js';
import { trainingFleetTarget } from '../domain/target.js';
import type { Target } from './types.js';

/** The command target of a connection; the environment fills in a profile or endpoint the flags left out. */
export function commandTargetOf(target: Target, env: Readonly<Record<string, string | undefined>> = process.env): CommandTarget {
  if (target.kind === 'demo') return trainingFleetTarget(target.region, target.servedPort);
  const profile = target.profile ?? nonEmpty(env.AWS_PROFILE);
  const endpointUrl = target.endpointUrl ?? nonEmpty(env.AWS_ENDPOINT_URL);
  return { region: target.region, ...(profile === undefined ? {} : { profile }), ...(endpointUrl === undefined ? {} : { endpointUrl }) };
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);
