// Profile names from the AWS shared files' text, for `:profile` completion: `[profile x]` (and `[default]`) in
// the config file, `[x]` in the credentials file. Pure: the CLI reads the files (AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/config and ~/.aws/credentials).

const SECTION = /^\s*\[\s*([^\]]+?)\s*\]\s*(?:[#;].*)?$/;

/** The profiles the config text (`[profile x]`, `[default]`) and the credentials text (`[x]`) name, sorted. */
export function profileNames(configText: string, credentialsText = ''): string[] {
  const names = new Set<string>();
  for (const line of configText.split(/\r?\n/)) {
    const section = SECTION.exec(line)?.[1];
    if (section === undefined) continue;
    if (section === 'default') names.add('default');
    const profile = /^profile\s+(\S+)$/.exec(section)?.[1];
    if (profile !== undefined) names.add(profile);
  }
  for (const line of credentialsText.split(/\r?\n/)) {
    const section = SECTION.exec(line)?.[1];
    if (section !== undefined && !/\s/.test(section)) names.add(section);
  }
  return [...names].sort();
}

/**
 * Each profile's top-level `endpoint_url` in the config text. The SDK reads it only for the profile named by
 * AWS_PROFILE, not for a client's own profile, so an app with several profiles applies it itself.
 */
export function profileEndpoints(configText: string): Map<string, string> {
  const out = new Map<string, string>();
  let profile: string | undefined;
  for (const line of configText.split(/\r?\n/)) {
    const section = SECTION.exec(line)?.[1];
    if (section !== undefined) {
      profile = section === 'default' ? 'default' : /^profile\s+(\S+)$/.exec(section)?.[1];
      continue;
    }
    // Indented lines belong to a nested block (`s3 =` …); only the profile's own key counts.
    const setting = /^endpoint_url\s*=\s*(\S+)\s*$/.exec(line);
    if (profile !== undefined && setting?.[1] !== undefined) out.set(profile, setting[1]);
  }
  return out;
}

/** The public AWS regions completion offers beside the ones in use (opt-in ones included; DescribeRegions decides). */
export const KNOWN_REGIONS: readonly string[] = [
  'af-south-1', 'ap-east-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1', 'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];
