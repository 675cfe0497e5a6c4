// Where instances come from when the app looks at several regions and profiles at once: one origin per
// (profile, region). Pure: the composite api (aws/multi-api.ts), the model and the list all name origins this way.
import { describeAwsError } from './aws-error.js';
import type { AwsError } from './types.js';

/** One (profile, region) the app lists instances from; the endpoint applies to every origin (--endpoint-url). */
export interface Origin {
  readonly region: string;
  /** The named profile (absent: the default credential chain). */
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** A stable key for maps: "profile/region" ("-" for the default chain). */
export function originKey(origin: Pick<Origin, 'profile' | 'region'>): string {
  return `${origin.profile ?? '-'}/${origin.region}`;
}

/** How a line names an origin: the region alone with one profile, "profile region" with several. */
export function originLabel(origin: Pick<Origin, 'profile' | 'region'>, hasManyProfiles: boolean): string {
  return hasManyProfiles && origin.profile !== undefined ? `${origin.profile} ${origin.region}` : origin.region;
}

/** An origin whose instances could not be listed: its rows are missing, the others are shown. */
export interface OriginFailure {
  readonly origin: Origin;
  readonly error: AwsError;
}

/**
 * The one line the list shows for a failing origin: "eu-west-1: access denied (ec2:DescribeInstances)"; an SSO
 * session or expired keys name the profile to log in with ("prod: SSO session expired — aws sso login --profile prod").
 */
export function originFailureLine(failure: OriginFailure, hasManyProfiles: boolean): string {
  const { origin, error } = failure;
  if (error.kind === 'expired-credentials') {
    const profile = error.profile ?? origin.profile;
    const login = `aws sso login${profile === undefined ? '' : ` --profile ${profile}`}`;
    const who = profile ?? origin.region;
    return error.isSso === true ? `${who}: SSO session expired — ${login}` : `${who}: credentials expired or refused — renew them (${login} / aws configure)`;
  }
  const label = originLabel(origin, hasManyProfiles);
  if (error.kind === 'denied' && error.action !== undefined) return `${label}: access denied (${error.action})`;
  return `${label}: ${describeAwsError(error)}`;
}

/** Every (profile, region) pair: profiles × regions, in the order given (profiles outer). */
export function originsOf(profiles: readonly (string | undefined)[], regions: readonly string[], endpointUrl?: string): Origin[] {
  const out: Origin[] = [];
  const seen = new Set<string>();
  for (const profile of profiles.length === 0 ? [undefined] : profiles) {
    for (const region of regions) {
      const origin: Origin = { region, ...(profile === undefined ? {} : { profile }), ...(endpointUrl === undefined ? {} : { endpointUrl }) };
      if (seen.has(originKey(origin))) continue;
      seen.add(originKey(origin));
      out.push(origin);
    }
  }
  return out;
}
