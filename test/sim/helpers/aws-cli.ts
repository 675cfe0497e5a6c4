// Runs the installed AWS CLI (botocore) against an endpoint: the second, independent client the fleet must satisfy.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `aws` is on PATH. */
export async function hasAwsCli(): Promise<boolean> {
  try {
    await run('aws', ['--version']);
    return true;
  } catch {
    return false;
  }
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `aws <args> --endpoint-url <url> --region us-east-1 --output json` with test credentials and one attempt (plus `extraEnv`). */
export async function awsCli(endpointUrl: string, args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', ...extraEnv };
  try {
    const { stdout, stderr } = await run('aws', [...args, '--endpoint-url', endpointUrl, '--region', 'us-east-1', '--output', 'json'], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}
