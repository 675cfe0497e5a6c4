// The region and profile flags: lists, their one-line refusals (exit 2), and what `check` refuses.
import { describe, expect, it } from 'vitest';
import { parseList, resolveAwsConfig, resolveDemoConfig } from '../../source/cli/config.js';
import { UsageError } from '../../source/cli/options.js';
import { commandTargetFor } from '../../source/model/command-target.js';
import { callerAccount } from '../../source/aws/identity.js';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, WORLD_ACCOUNT_ID } from '../../source/sim/world.js';
import { scaledClock } from '../../source/sim/clock.js';

describe('region and profile lists', () => {
  it('parseList trims, de-duplicates, and refuses an empty entry', () => {
    expect(parseList(' us-east-1, eu-west-1 ,us-east-1', '--region')).toEqual(['us-east-1', 'eu-west-1']);
    expect(() => parseList('us-east-1,,eu-west-1', '--region')).toThrow("--region takes a comma-separated list without empty entries, got 'us-east-1,,eu-west-1'");
    expect(() => parseList('prod,', '--profile')).toThrow(UsageError);
  });

  it('refuses --all-regions with --region, a bad region in the list, and --all-regions with --demo', async () => {
    await expect(resolveAwsConfig({ allRegions: true, region: 'us-east-1' })).rejects.toThrow('--all-regions and --region contradict each other; pick one');
    await expect(resolveAwsConfig({ region: 'us-east-1,europe' })).rejects.toThrow("--region must be an AWS region such as us-east-1, got 'europe'");
    expect(() => resolveDemoConfig({ demo: true, allRegions: true })).toThrow('--all-regions cannot be combined with --demo');
  });
});

describe('commandTargetFor', () => {
  const base = { region: 'us-east-1', profile: 'prod', endpointUrl: 'http://127.0.0.1:5000' };
  it('names the instance\'s own region and profile, keeping the endpoint', () => {
    expect(commandTargetFor(base, { region: 'eu-west-1', profile: 'staging' })).toEqual({ region: 'eu-west-1', profile: 'staging', endpointUrl: 'http://127.0.0.1:5000' });
    expect(commandTargetFor(base, { region: 'eu-west-1' })).toEqual({ ...base, region: 'eu-west-1' });
  });
  it('leaves an untagged instance and the training fleet as they were', () => {
    expect(commandTargetFor(base, {})).toBe(base);
    const fleet = { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566', isTrainingFleet: true };
    expect(commandTargetFor(fleet, { region: 'eu-west-1' })).toBe(fleet);
  });
});

describe('the training fleet answers STS GetCallerIdentity', () => {
  it('with its fixed training account', async () => {
    const clock = scaledClock(1);
    const world = createWorld({ scenario: 'healthy', seed: 1, fleetSize: 0, clock, t0: clock.now() });
    expect(await callerAccount({ region: 'us-east-1', simHandler: createSimHandler(world) })).toBe(WORLD_ACCOUNT_ID);
  });
});
