// Who the app is signed in as and where it may look: the account id (STS GetCallerIdentity) for the header, and
// the regions an account has enabled (EC2 DescribeRegions) for --all-regions.
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsConfig } from './clients.js';
import { clientOptions } from './clients.js';
import { AwsFailure, toAwsError } from './errors.js';

/** The account id the credentials of `config` belong to (one GetCallerIdentity); throws an AwsFailure. */
export async function callerAccount(config: AwsConfig, signal?: AbortSignal): Promise<string> {
  const client = new STSClient(clientOptions(config));
  try {
    const out = await client.send(new GetCallerIdentityCommand({}), signal === undefined ? {} : { abortSignal: signal });
    if (out.Account === undefined || out.Account === '') throw new Error('GetCallerIdentity answered no account');
    return out.Account;
  } catch (error) {
    throw new AwsFailure(toAwsError(error, 'sts:GetCallerIdentity'));
  } finally {
    client.destroy();
  }
}

/** The regions the account may use: opt-in-not-required and opted-in (DescribeRegions), sorted; throws an AwsFailure. */
export async function enabledRegions(config: AwsConfig): Promise<string[]> {
  const client = new EC2Client(clientOptions(config));
  try {
    const out = await client.send(new DescribeRegionsCommand({ AllRegions: true }));
    return (out.Regions ?? [])
      .filter((r) => r.OptInStatus === undefined || r.OptInStatus === 'opt-in-not-required' || r.OptInStatus === 'opted-in')
      .map((r) => r.RegionName ?? '')
      .filter((name) => name !== '')
      .sort();
  } catch (error) {
    throw new AwsFailure(toAwsError(error, 'ec2:DescribeRegions'));
  } finally {
    client.destroy();
  }
}
