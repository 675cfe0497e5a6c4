// The checks the CLI runs before the UI starts (region, profile, credentials, proxy settings), apart from the
// service clients: they load the credential chain and the shared-file reader only, so on the real-AWS path the
// first frame is not held up by the SDK's service clients (most of the bundle), which load on first use after it.
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { loadConfig, loadSharedConfigFiles, NODE_REGION_CONFIG_OPTIONS } from '@smithy/core/config';
import type { ParsedIniData } from '@smithy/types';
import type { AwsError } from '../domain/types.js';
import type { AwsConfig } from './clients.js';
import { toAwsError } from './errors.js';
import { httpHandlerOptions } from './http-options.js';

export { networkEnvProblem } from './proxy.js';

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

/**
 * Resolves the credential chain once, as the clients will (the SDK's default chain for the profile, its SSO/STS
 * clients with the app's proxy and timeouts); undefined when usable credentials exist, else the AwsError to show.
 */
export async function checkCredentials(config: AwsConfig): Promise<AwsError | undefined> {
  if (config.simHandler !== undefined || config.credentials !== undefined) return undefined;
  const chain = defaultProvider({
    ...(config.profile === undefined ? {} : { profile: config.profile }),
    clientConfig: { region: config.region, requestHandler: httpHandlerOptions(config.timeouts) },
  });
  try {
    const credentials = await chain();
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
  }
}
