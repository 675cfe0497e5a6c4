// aws/'s front door: the AwsApi over SDK v3 clients, plus the start-up checks the CLI runs before the UI.
import { EC2Client } from '@aws-sdk/client-ec2';
import { loadConfig, loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import type { ParsedIniData } from '@smithy/types';
import type { AwsApi } from './api.js';
import { clientOptions, createClients } from './clients.js';
import type { AwsConfig } from './clients.js';
import { alarmingInstances, getMetricData } from './cloudwatch.js';
import { describeInstanceTypes, describeStatuses, getConsoleOutput, listInstances } from './ec2.js';
import { describeAddresses, describeCreditMode, describeImage, describeInstanceRaw, describeVolumes } from './ec2-describe.js';
import { toAwsError } from './errors.js';
import { filterLogEvents, listLogGroups } from './logs.js';
import { describeInstanceInformation, getCommandInvocation, sendHostCheck } from './ssm.js';
import {
  describeInternetGatewayForVpc,
  describeKeyPair,
  describeNetworkAclForSubnet,
  describeRouteTableForSubnet,
  describeSecurityGroups,
  describeSubnet,
} from './network.js';
import type { AwsError } from '../domain/types.js';

export type { AwsConfig } from './clients.js';
export { AwsFailure, toAwsError } from './errors.js';
export { SIM_ENDPOINT } from './sim-handler.js';
export { networkEnvProblem } from './proxy.js';

/** The AwsApi over real SDK clients (AWS, an AWS-compatible endpoint, or the in-process training fleet). */
export function createAwsApi(config: AwsConfig): AwsApi {
  const { ec2, cloudwatch, logs, ssm, renewCredentials, serverClock } = createClients(config);
  // Pages of 1,000 (the most DescribeInstances/DescribeInstanceStatus return) keep each parse short enough that a
  // keypress waits one page, not a whole 10,000-instance fleet.
  const pageSize = config.pageSize ?? 1000;
  return {
    region: config.region,
    listInstances: (options) => listInstances(ec2, pageSize, options),
    describeStatuses: (ids, options) => describeStatuses(ec2, pageSize, ids, options),
    describeInstanceTypes: (types, options) => describeInstanceTypes(ec2, types, options),
    getConsoleOutput: (id, options) => getConsoleOutput(ec2, id, options),
    getMetricData: (queries, start, end, options) => getMetricData(cloudwatch, queries, start, end, options),
    alarmingInstances: (options) => alarmingInstances(cloudwatch, options),
    listLogGroups: (prefix, options) => listLogGroups(logs, prefix, options),
    filterLogEvents: (group, start, end, options) => filterLogEvents(logs, group, start, end, options),
    describeSecurityGroups: (ids, options) => describeSecurityGroups(ec2, ids, options),
    describeSubnet: (id, options) => describeSubnet(ec2, id, options),
    describeRouteTableForSubnet: (subnetId, vpcId, options) => describeRouteTableForSubnet(ec2, subnetId, vpcId, options),
    describeNetworkAclForSubnet: (subnetId, options) => describeNetworkAclForSubnet(ec2, subnetId, options),
    describeKeyPair: (name, options) => describeKeyPair(ec2, name, options),
    describeInternetGatewayForVpc: (vpcId, options) => describeInternetGatewayForVpc(ec2, vpcId, options),
    describeInstanceRaw: (id, options) => describeInstanceRaw(ec2, id, options),
    describeVolumes: (ids, options) => describeVolumes(ec2, ids, options),
    describeAddresses: (id, options) => describeAddresses(ec2, id, options),
    describeImage: (id, options) => describeImage(ec2, id, options),
    describeCreditMode: (id, options) => describeCreditMode(ec2, id, options),
    describeInstanceInformation: (ids, options) => describeInstanceInformation(ssm, ids, options),
    sendHostCheck: (id, check, options) => sendHostCheck(ssm, id, check, options),
    getCommandInvocation: (commandId, id, options) => getCommandInvocation(ssm, commandId, id, options),
    ...(renewCredentials === undefined ? {} : { renewCredentials }),
    serverNow: () => serverClock.now(),
  };
}

const envValue = (name: string): string | undefined => {
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** Region from the flag, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's `region` in ~/.aws/config. */
export async function resolveRegion(explicit?: string, profile?: string): Promise<string | undefined> {
  if (explicit !== undefined && explicit !== '') return explicit;
  // The SDK reads AWS_REGION only; the AWS CLI also honours AWS_DEFAULT_REGION, and users expect both to work.
  const fromEnv = envValue('AWS_REGION') ?? envValue('AWS_DEFAULT_REGION');
  if (fromEnv !== undefined) return fromEnv;
  try {
    const fromFile = await loadConfig(
      { ...NODE_REGION_CONFIG_OPTIONS, environmentVariableSelector: () => undefined, default: () => undefined },
      profile === undefined ? {} : { profile },
    )();
    return fromFile === undefined || fromFile === '' ? undefined : fromFile;
  } catch {
    return undefined;
  }
}

const sharedFiles = (): string =>
  `${envValue('AWS_CONFIG_FILE') ?? '~/.aws/config'} or ${envValue('AWS_SHARED_CREDENTIALS_FILE') ?? '~/.aws/credentials'}`;

/** One line when the profile named by --profile (else AWS_PROFILE) is in neither shared file; else undefined. */
export async function missingProfile(profile: string | undefined): Promise<string | undefined> {
  const name = profile ?? envValue('AWS_PROFILE');
  if (name === undefined) return undefined;
  const files = await loadSharedConfigFiles({ ignoreCache: true }).catch(() => ({ configFile: {} as ParsedIniData, credentialsFile: {} as ParsedIniData }));
  if (files.configFile[name] !== undefined || files.credentialsFile[name] !== undefined) return undefined;
  const from = profile === undefined ? ' (from AWS_PROFILE)' : '';
  return `profile '${name}'${from} does not exist in ${sharedFiles()} (aws configure list-profiles shows the ones there)`;
}

/** What is missing, in one line, when the default chain finds nothing. */
async function missingCredentials(profile: string | undefined): Promise<string> {
  const name = profile ?? envValue('AWS_PROFILE');
  if (name !== undefined) {
    const missing = await missingProfile(profile);
    if (missing !== undefined) return `No AWS credentials: ${missing}`;
    return `No AWS credentials: profile '${name}' has none usable (run aws sso login --profile ${name}, or aws configure --profile ${name})`;
  }
  return 'No AWS credentials: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run aws configure';
}

/** Resolves the credential chain once; undefined when usable credentials exist, else the AwsError to show. */
export async function checkCredentials(config: AwsConfig): Promise<AwsError | undefined> {
  if (config.simHandler !== undefined || config.credentials !== undefined) return undefined;
  const client = new EC2Client(clientOptions(config));
  try {
    const credentials = await client.config.credentials();
    if (credentials.accessKeyId === '' || credentials.secretAccessKey === '') {
      return { kind: 'no-credentials', message: await missingCredentials(config.profile) };
    }
    return undefined;
  } catch (e) {
    const error = toAwsError(e);
    if (error.kind === 'expired-credentials') {
      // At start there is no `r` to press: say the one command that fixes it, for the profile in use.
      const name = config.profile ?? envValue('AWS_PROFILE');
      const login = `aws sso login${name === undefined ? '' : ` --profile ${name}`}`;
      return { kind: 'no-credentials', message: `${error.isSso === true ? 'SSO session expired' : 'credentials expired'}: run ${login}` };
    }
    return { kind: 'no-credentials', message: await missingCredentials(config.profile) };
  } finally {
    client.destroy();
  }
}
