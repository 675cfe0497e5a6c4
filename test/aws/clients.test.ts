// Client set-up: env and shared-file resolution, the start-up credential check, the in-process handler, and
// that the SDK's Node-version warning never reaches a terminal.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { HttpRequest } from '@smithy/core/protocols';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkCredentials, createAwsApi, resolveRegion } from '../../source/aws/index.js';
import { simRequestHandler } from '../../source/aws/sim-handler.js';
import type { SimRequest } from '../../source/sim/types.js';
import { freePort } from '../helpers/moto.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AWS_ENV = [
  'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL',
];
let saved: Record<string, string | undefined> = {};
let dir = '';

beforeEach(() => {
  saved = Object.fromEntries(AWS_ENV.map((k) => [k, process.env[k]]));
  for (const k of AWS_ENV) delete process.env[k];
  // Fresh file names per test: the SDK caches shared files by path.
  dir = mkdtempSync(join(tmpdir(), 'ec2-triage-aws-'));
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
});
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('resolveRegion', () => {
  it('prefers the flag, then AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    writeFileSync(join(dir, 'config'), '[default]\nregion = us-west-2\n[profile dev]\nregion = eu-west-1\n');
    expect(await resolveRegion(undefined, 'dev')).toBe('eu-west-1');
    expect(await resolveRegion(undefined, undefined)).toBe('us-west-2');
    process.env.AWS_DEFAULT_REGION = 'ap-south-1';
    expect(await resolveRegion(undefined, 'dev')).toBe('ap-south-1');
    process.env.AWS_REGION = 'sa-east-1';
    expect(await resolveRegion(undefined, 'dev')).toBe('sa-east-1');
    expect(await resolveRegion('eu-central-1', 'dev')).toBe('eu-central-1');
  });

  it('honours AWS_PROFILE and says undefined when nothing names a region', async () => {
    writeFileSync(join(dir, 'config'), '[profile ops]\nregion = ca-central-1\n');
    expect(await resolveRegion()).toBeUndefined();
    process.env.AWS_PROFILE = 'ops';
    expect(await resolveRegion()).toBe('ca-central-1');
  });
});

describe('checkCredentials', () => {
  // Each case writes its files before any client exists: the SDK reads shared files once per path and caches them.
  it('accepts a profile with keys in the credentials file', async () => {
    writeFileSync(join(dir, 'credentials'), '[dev]\naws_access_key_id = AKIADEV\naws_secret_access_key = secret\n');
    expect(await checkCredentials({ region: 'us-east-1', profile: 'dev' })).toBeUndefined();
  });

  it('accepts env credentials, explicit credentials and the fleet', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAENV';
    process.env.AWS_SECRET_ACCESS_KEY = 'secret';
    expect(await checkCredentials({ region: 'us-east-1' })).toBeUndefined();
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    expect(await checkCredentials({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })).toBeUndefined();
    expect(await checkCredentials({ region: 'us-east-1', simHandler: async () => ({ status: 500, headers: {}, body: '' }) })).toBeUndefined();
  });

  it('names what is missing in one line', async () => {
    const none = await checkCredentials({ region: 'us-east-1' });
    expect(none).toEqual({ kind: 'no-credentials', message: expect.stringMatching(/^No AWS credentials: set AWS_PROFILE/) });
    const unknown = await checkCredentials({ region: 'us-east-1', profile: 'nope' });
    expect(unknown?.kind).toBe('no-credentials');
    expect(unknown?.message).toContain("profile 'nope' does not exist in");
    expect(unknown?.message).not.toContain('\n');
  });
});

describe('endpoints', () => {
  it('honours AWS_ENDPOINT_URL when no endpoint is given', async () => {
    const port = await freePort();
    process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${port}`;
    const api = createAwsApi({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    await expect(api.listInstances()).rejects.toMatchObject({ error: { kind: 'network', message: expect.stringContaining(String(port)) } });
  });

  it('talks to the fleet in-process with static credentials and the fixed endpoint', async () => {
    const seen: SimRequest[] = [];
    const api = createAwsApi({
      region: 'us-east-1',
      simHandler: async (r) => {
        seen.push(r);
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>' };
      },
    });
    expect(await api.listInstances()).toEqual([]);
    expect(seen[0]?.headers.host).toBe('training-fleet.local');
    expect(seen[0]?.headers.authorization).toContain('Credential=AKIATRAININGFLEET/');
  });
});

describe('request counting (onCommand: the budget\'s figures in the data worker)', () => {
  it('counts every request sent: each page, each retry of a throttled one; none for a command refused before sending', async () => {
    let answered = 0;
    const commands: string[] = [];
    const api = createAwsApi({
      region: 'us-east-1',
      isReadOnly: true,
      onCommand: (service, command) => commands.push(`${service} ${command}`),
      simHandler: async () => {
        answered += 1;
        if (answered === 1) {
          return { status: 503, headers: { 'content-type': 'text/xml' }, body: '<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors></Response>' };
        }
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: '<DescribeInstancesResponse><reservationSet/></DescribeInstancesResponse>' };
      },
    });
    expect(await api.listInstances()).toEqual([]);
    expect(commands).toEqual(['EC2Client DescribeInstancesCommand', 'EC2Client DescribeInstancesCommand']);
    expect(answered).toBe(2);
    // Host checks were not consented to: SendCommand is refused in the process and counts nothing.
    await expect(api.sendHostCheck('i-1', 'memory')).rejects.toThrow();
    expect(commands).toHaveLength(2);
    expect(answered).toBe(2);
  });
});

describe('simRequestHandler', () => {
  it('hands the fleet method, path, flat query, lower-cased headers and the body as text', async () => {
    const seen: SimRequest[] = [];
    const handler = simRequestHandler(async (r) => {
      seen.push(r);
      return { status: 200, headers: { 'x-amzn-requestid': 'r' }, body: 'ok' };
    });
    const request = (body: unknown) =>
      new HttpRequest({ method: 'POST', hostname: 'h', path: '/p', query: { a: '1', b: ['2', '3'] }, headers: { 'Content-Type': 'x' }, body });
    for (const body of ['Action=X', new TextEncoder().encode('Action=X'), Readable.from([Buffer.from('Action='), Buffer.from('X')])]) {
      const { response } = await handler.handle(request(body));
      expect(response.statusCode).toBe(200);
    }
    expect(seen.map((r) => r.body)).toEqual(['Action=X', 'Action=X', 'Action=X']);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/p', query: { a: '1', b: '2' }, headers: { 'content-type': 'x' } });
  });
});

describe('the SDK Node-version warning', () => {
  // A bundled child (esbuild, packages external) so the real ESM module order runs, outside vitest's env.
  const runChild = async (name: string, code: string): Promise<string> => {
    const out = join(ROOT, 'node_modules', '.cache', 'ec2-triage-aws-test');
    mkdirSync(out, { recursive: true });
    const entry = join(out, `${name}.ts`);
    writeFileSync(entry, code);
    const outfile = join(out, `${name}.mjs`);
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
    const env = { ...process.env };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const child = spawnSync(process.execPath, [outfile], { env, encoding: 'utf8', timeout: 20_000 });
    expect(child.stdout).toContain('done');
    return child.stderr;
  };

  it('never reaches stderr when clients come from aws/', async () => {
    const index = join(ROOT, 'source', 'aws', 'index.ts');
    const stderr = await runChild(
      'quiet',
      `import { createAwsApi, checkCredentials } from ${JSON.stringify(index)};
       const api = createAwsApi({ region: 'us-east-1', endpointUrl: 'http://127.0.0.1:9', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
       await api.listInstances().catch(() => undefined);
       await checkCredentials({ region: 'us-east-1' });
       process.stdout.write('done\\n');`,
    );
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    expect(stderr.trim()).toBe('');
  }, 30_000);

  it.skipIf(Number(process.versions.node.split('.')[0]) >= 22)('does print for a bare client (proves the check above can fail)', async () => {
    const stderr = await runChild('loud', `import { EC2Client } from '@aws-sdk/client-ec2'; new EC2Client({ region: 'us-east-1' }); process.stdout.write('done\\n');`);
    expect(stderr).toContain('NodeVersionSupportWarning');
  }, 30_000);
});

describe('an expired SSO session at start', () => {
  it('names the profile in the one command that fixes it', async () => {
    const savedHome = process.env.HOME;
    process.env.HOME = dir;
    try {
      writeFileSync(join(dir, 'config'), [
        '[profile prod]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1',
        'sso_account_id = 123456789012', 'sso_role_name = Ops', 'region = us-east-1', '',
      ].join('\n'));
      const cache = join(dir, '.aws', 'sso', 'cache');
      mkdirSync(cache, { recursive: true });
      const key = createHash('sha1').update('https://example.awsapps.com/start').digest('hex');
      writeFileSync(join(cache, `${key}.json`), JSON.stringify({
        accessToken: 'x', expiresAt: '2020-01-01T00:00:00Z', region: 'us-east-1', startUrl: 'https://example.awsapps.com/start',
      }));
      const problem = await checkCredentials({ region: 'us-east-1', profile: 'prod' });
      expect(problem).toEqual({ kind: 'no-credentials', message: 'SSO session expired: run aws sso login --profile prod' });
    } finally {
      process.env.HOME = savedHome;
    }
  });
});
