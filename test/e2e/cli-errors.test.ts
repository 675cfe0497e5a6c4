// The exit-2 paths: one line on stderr, no stack trace, no UI started.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/pty.js';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const emptyHome = mkdtempSync(join(tmpdir(), 'ec2-triage-home-'));

/** Runs the CLI without a TTY and with no AWS settings from this machine. */
function run(args: readonly string[], env: Record<string, string> = {}): Promise<Outcome> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('AWS_') && v !== undefined) clean[k] = v;
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      {
        env: {
          ...clean,
          HOME: emptyHome,
          AWS_CONFIG_FILE: join(emptyHome, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(emptyHome, 'credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env,
        },
        timeout: 15_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function expectOneLineError(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  const lines = outcome.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ec2-triage: /);
  expect(lines[0]).toMatch(pattern);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['--refresh', '-1'], /--refresh must be between 1 and 3600, got -1/],
    [['--demo', '--speed', '0'], /--speed must be greater than 0/],
    [['--demo', '--scenario', 'meltdown'], /unknown scenario 'meltdown'; choose one of: .*oom/],
    [['--endpoint-url', 'localhost:4566', '--region', 'us-east-1'], /--endpoint-url must be an http/],
    [['--demo', '--fleet-size', 'lots'], /--fleet-size must be a whole number/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--demo', '--region', 'us-east-1'], /cannot be combined with --demo/],
    [['--speed', '5'], /applies to the training fleet; add --demo/],
    [['sim', '--port', '99999'], /--port must be between 0 and 65535/],
    [['sim', '--scenario', 'nope'], /unknown scenario 'nope'/],
    [['--demo', '--write', '--read-only'], /--write and --read-only contradict each other; pick one/],
    [['--demo', '--deny', 'StopInstances'], /--deny takes IAM actions such as ec2:StopInstances/],
    [['--deny', 'ec2:StopInstances', '--region', 'us-east-1'], /--deny applies to the training fleet; add --demo/],
    [['--region', 'us-east-1,,eu-west-1'], /--region takes a comma-separated list without empty entries/],
    [['--region', 'us-east-1,europe'], /--region must be an AWS region such as us-east-1, got 'europe'/],
    [['--all-regions', '--region', 'us-east-1'], /--all-regions and --region contradict each other; pick one/],
    [['--demo', '--all-regions'], /--all-regions cannot be combined with --demo/],
    [['--profile', 'prod,nosuch', '--region', 'us-east-1'], /profile 'prod' does not exist/],
  ])('%j', async (args, pattern) => {
    expectOneLineError(await run(args), pattern);
  });

  it('no region names what is missing and suggests --demo', async () => {
    expectOneLineError(await run([]), /no AWS region.*--demo/);
  });

  it('no credentials names what is missing and suggests --demo', async () => {
    expectOneLineError(await run(['--region', 'us-east-1']), /credentials.*--demo/i);
  });

  it('not a terminal: the UI does not start', async () => {
    const outcome = await run(['--demo']);
    expectOneLineError(outcome, /must be a terminal/);
    expect(outcome.stdout).toBe('');
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--demo/);
    expect(help.stdout).toMatch(/--endpoint-url/);
    const version = await run(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('sim', () => {
  it('a port in use: one line, exit 2', async () => {
    const { createServer } = await import('node:net');
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      expectOneLineError(await run(['sim', '--port', String(port)]), new RegExp(`port ${port} is already in use`));
    } finally {
      blocker.close();
    }
  });
});
