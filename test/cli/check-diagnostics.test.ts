// `check` and the host checks: without --diagnostics no SendCommand reaches the fleet (its record); with it the four
// fixed checks are sent and their evidence is printed under its own heading.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FleetConfig } from '../../source/cli/config.js';
import { parseDiagnostics, UsageError } from '../../source/cli/options.js';
import { runCheck } from '../../source/cli/run-check.js';
import type { CheckConfig } from '../../source/cli/run-check.js';

const FLEET: FleetConfig = { scenario: 'oom', speed: 1, seed: 1, fleetSize: 0, deny: [], isLive: false };
const ML = 'i-1234567890abcdef0';

const config = (hasDiagnostics: boolean, isJson = false, target = ML): CheckConfig => ({
  target, isJson, runbook: undefined, at: undefined, reportPath: undefined, alarmTopic: undefined, hasDiagnostics,
  connection: { kind: 'demo', fleet: FLEET },
});

async function check(c: CheckConfig): Promise<{ code: number; out: string; requests: string[] }> {
  const requests: string[] = [];
  let out = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    const code = await runCheck(c, { onFleetRequest: (op) => requests.push(`${op.service}:${op.action}`) });
    return { code, out, requests };
  } finally {
    write.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('check --diagnostics', () => {
  it('without the flag: no SSM request at all reaches the fleet, and no host-check heading', async () => {
    const { code, out, requests } = await check(config(false));
    expect(code).toBe(1);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((r) => r.startsWith('ssm:'))).toEqual([]);
    expect(out).not.toContain('Host checks');
  });

  it('with the flag: DescribeInstanceInformation, then the four checks sent once each, read until done, printed', async () => {
    const { out, requests } = await check(config(true));
    const ssm = requests.filter((r) => r.startsWith('ssm:'));
    expect(ssm[0]).toBe('ssm:DescribeInstanceInformation');
    expect(ssm.filter((r) => r === 'ssm:SendCommand')).toHaveLength(4);
    expect(ssm).toContain('ssm:GetCommandInvocation');
    expect(out).toContain('Host checks (SSM Run Command, AWS-RunShellScript, read-only):');
    expect(out).toMatch(/Memory: (Success|Failed)/);
    expect(out).toMatch(/SSH: /);
  }, 40_000);

  it('with the flag on an instance SSM does not manage: said in words, no SendCommand', async () => {
    const { out, requests } = await check(config(true, false, 'pettracker-bastion'));
    expect(requests).toContain('ssm:DescribeInstanceInformation');
    expect(requests).not.toContain('ssm:SendCommand');
    expect(out).toMatch(/not run: not managed by SSM, so no host checks: run the SSM Agent .* AmazonSSMManagedInstanceCore/);
  });

  it('--json carries hostChecks only with the flag', async () => {
    const without = JSON.parse((await check(config(false, true))).out) as Record<string, unknown>;
    expect(without.hostChecks).toBeUndefined();
    const withFlag = JSON.parse((await check(config(true, true, 'pettracker-bastion'))).out) as { hostChecks: { ran: boolean; kind: string } };
    expect(withFlag.hostChecks).toMatchObject({ ran: false, kind: 'not-applicable' });
  });

  it('--diagnostics is a switch: a value is refused, not read as consent', () => {
    expect(parseDiagnostics(undefined)).toBe(false);
    expect(parseDiagnostics(true)).toBe(true);
    expect(() => parseDiagnostics('no')).toThrow(UsageError);
  });
});

describe('--deny takes ssm: actions (practise a missing ssm:SendCommand)', () => {
  it('parses them, and still refuses other services', async () => {
    const { parseDeny } = await import('../../source/cli/config.js');
    expect(parseDeny('ssm:SendCommand,ec2:StopInstances')).toEqual(['ssm:SendCommand', 'ec2:StopInstances']);
    expect(() => parseDeny('iam:CreateUser')).toThrow(UsageError);
  });
});
