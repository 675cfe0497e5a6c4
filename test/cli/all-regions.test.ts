// --all-regions with several profiles: each profile's own account says which regions it has enabled (one may have
// opted in to a region the other has not), and a profile whose account cannot say is one usage line naming it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsConfig } from '../../source/aws/clients.js';
import { AwsFailure } from '../../source/aws/errors.js';

const asked: (string | undefined)[] = [];
vi.mock('../../source/aws/identity.js', () => ({
  enabledRegions: (config: AwsConfig) => {
    asked.push(config.profile);
    if (config.profile === 'broken') return Promise.reject(new AwsFailure({ kind: 'denied', action: 'ec2:DescribeRegions', message: 'denied' }));
    return Promise.resolve(config.profile === 'prod' ? ['eu-west-1', 'us-east-1'] : ['ap-south-1', 'us-east-1']);
  },
}));

const { resolveAwsConfig } = await import('../../source/cli/config.js');

const saved = { ...process.env };
beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'all-regions-'));
  writeFileSync(join(dir, 'config'), '[profile prod]\nregion = us-east-1\n[profile dev]\nregion = us-east-1\n[profile broken]\nregion = us-east-1\n');
  const keys = 'aws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';
  writeFileSync(join(dir, 'credentials'), `[prod]\n${keys}[dev]\n${keys}[broken]\n${keys}`);
  for (const name of ['AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) delete process.env[name];
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  asked.length = 0;
});
afterEach(() => {
  process.env = { ...saved };
});

describe('--all-regions with several profiles', () => {
  it("lists each profile's own enabled regions", async () => {
    const config = await resolveAwsConfig({ allRegions: true, profile: 'prod,dev' });
    if (config.kind !== 'aws') throw new Error('expected the AWS config');
    expect(asked.sort()).toEqual(['dev', 'prod']);
    expect(config.origins.map((o) => `${o.profile}/${o.region}`)).toEqual(['prod/eu-west-1', 'prod/us-east-1', 'dev/ap-south-1', 'dev/us-east-1']);
  });

  it('a profile whose account cannot list its regions is one line naming it', async () => {
    await expect(resolveAwsConfig({ allRegions: true, profile: 'prod,broken' })).rejects.toThrow(/^--all-regions: cannot list the account's regions \(profile broken\): /);
  });
});
