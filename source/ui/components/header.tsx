// Top line: what the app is pointed at, the (fleet) clock, and always the mode: READ-ONLY or WRITE (and
// 'diagnostics on' when --diagnostics allows host checks).
import { memo } from 'react';
import { Box, Text } from 'ink';
import { credentialSource } from '../../domain/credential-source.js';
import type { Target } from '../../model/types.js';
import type { FollowSnapshot } from '../../model/follow-types.js';
import type { OriginsSnapshot } from '../../model/origins-store.js';
import { formatClock } from '../format.js';
import { tone } from '../theme.js';

export interface HeaderProps {
  readonly target: Target;
  readonly isReadOnly: boolean;
  /** --diagnostics: host checks through SSM are allowed; said beside the mode. */
  readonly hasDiagnostics?: boolean;
  readonly now: number;
  readonly width: number;
  /** A follower: whose session, and the link's state. */
  readonly follow?: FollowSnapshot | undefined;
  /** The driver with --share: how many follow. */
  readonly followers?: number | undefined;
  /** The origin set and account ids (model.origins); without it the header names the target alone. */
  readonly origins?: OriginsSnapshot | undefined;
}

/** A follower's words before the target: "following oncall@bastion — read-only" ("browsing …" on its own view). */
export function followText(follow: FollowSnapshot): string {
  const driver = follow.driver ?? 'the driver';
  return follow.isFollowing ? `following ${driver} — read-only` : `browsing ${driver}'s session — read-only, f follows`;
}

/** The link when it is not up, said first (the screen is not live then); undefined when it is up. */
export function linkText(follow: FollowSnapshot): string | undefined {
  switch (follow.link.kind) {
    case 'connected':
      return undefined;
    case 'connecting':
      return 'connecting…';
    case 'lost':
      return `reconnecting in ${Math.max(1, Math.round(follow.link.retryInMs / 1000))} s (${follow.link.reason})`;
    case 'refused':
      return `refused: ${follow.link.reason}`;
    case 'ended':
      return 'the driver ended the session';
  }
}

/** Where the app points, in words: the training fleet is loud about being one; env keys are not "default profile". */
export function targetText(target: Target, env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (target.kind === 'demo') {
    return `TRAINING FLEET · scenario ${target.scenario} · ×${target.speed} · ${target.region}`;
  }
  const parts = [target.region, credentialSource(target.profile, env)];
  if (target.endpointUrl !== undefined) parts.push(target.endpointUrl);
  return parts.join(' · ');
}

/**
 * With the origin set (real AWS, or the fleet's one region): the profiles with their account ids and the regions,
 * "prod 123456789012 · us-east-1,eu-west-1"; one profile reads as before with the account id after it.
 */
export function originsText(target: Target, origins: OriginsSnapshot, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const accountOf = (profile: string | undefined): string | undefined => {
    const state = origins.accounts.get(profile ?? '');
    return state !== undefined && state !== 'loading' && 'id' in state ? state.id : undefined;
  };
  if (target.kind === 'demo') {
    const account = accountOf(undefined);
    return `${targetText(target, env)}${account === undefined ? '' : ` · ${account}`}`;
  }
  const profiles = [...new Set(origins.origins.map((o) => o.profile))];
  const regions = [...new Set(origins.origins.map((o) => o.region))].join(',');
  const who = profiles.length === 1
    ? [credentialSource(profiles[0], env), accountOf(profiles[0])]
    : profiles.map((p) => [p ?? 'default', accountOf(p)].filter((x) => x !== undefined).join(' '));
  const parts = profiles.length === 1 ? [regions, ...who] : [...who, regions];
  if (target.endpointUrl !== undefined) parts.push(target.endpointUrl);
  return parts.filter((x) => x !== undefined).join(' · ');
}

/** Memoised: it re-renders only when its own props change, not on every store change the app hears of. */
export const Header = memo(function Header({ target, isReadOnly, hasDiagnostics = false, now, width, follow, followers, origins }: HeaderProps) {
  const clock = formatClock(now);
  const badge = isReadOnly ? ' READ-ONLY ' : ' WRITE ';
  return (
    <Box width={width} height={1} flexShrink={0}>
      <Box flexGrow={1} flexShrink={1} overflow="hidden">
        <Text wrap="truncate">
          <Text bold color={tone('brand')}>
            ec2-triage
          </Text>
          {follow === undefined || linkText(follow) === undefined ? null : <Text color={tone('bad')}>{` · ${linkText(follow) ?? ''}`}</Text>}
          {follow === undefined ? null : <Text color={tone('info')}>{` · ${followText(follow)}`}</Text>}
          <Text color={target.kind === 'demo' ? tone('demo') : undefined}>{` · ${origins === undefined ? targetText(target) : originsText(target, origins)}`}</Text>
        </Text>
      </Box>
      <Box flexShrink={0}>
        {followers === undefined ? null : <Text color={tone('info')}>{`${followers} following `}</Text>}
        {hasDiagnostics ? <Text color={tone('warn')}>{'diagnostics on '}</Text> : null}
        {/* A follower says read-only in its words: the badge's room goes to whose session it is. */}
        {follow === undefined ? (
          <Text bold inverse color={tone(isReadOnly ? 'ok' : 'bad')}>
            {badge}
          </Text>
        ) : null}
        <Text>{` ${clock}`}</Text>
      </Box>
    </Box>
  );
});
