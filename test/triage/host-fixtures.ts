// Host-check outputs for engine tests: the real-format fixtures of test/fixtures/host/<distro>/<check>.txt (what the
// fixed scripts print, section markers included), wrapped as the HostEvidence model/ gathers from SSM.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HostCheckId, HostCheckOutput, ManagedInstance } from '../../source/domain/host-checks.js';
import type { Evidence, HostEvidence, Item } from '../../source/triage/evidence.js';
import { ID } from './evidence-fixtures.js';

export type Distro = 'al2' | 'al2023' | 'ubuntu2204' | 'ubuntu2404';
export const DISTROS: readonly Distro[] = ['al2', 'al2023', 'ubuntu2204', 'ubuntu2404'];

/** The stdout a fixed script printed on that distro. */
export const fixture = (distro: Distro, check: HostCheckId): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/host/${distro}/${check}.txt`, import.meta.url)), 'utf8');

/** One check's invocation as GetCommandInvocation returns it once it succeeded. */
export function output(id: HostCheckId, stdout: string, at = new Date('2024-01-15T03:00:00Z'), stderr = ''): HostCheckOutput {
  return { id, commandId: `cmd-${id}`, status: 'Success', responseCode: 0, stdout, stderr, at };
}

const MANAGED: ManagedInstance = { instanceId: ID, pingStatus: 'Online', lastPingAt: new Date('2024-01-15T02:59:00Z'), agentVersion: '3.3.40.0', platformName: 'Amazon Linux', platformVersion: '2023' };

/** Every check of one distro's fixtures, with some replaced (a stdout string, or a missing item). */
export function host(distro: Distro, replace: Partial<Record<HostCheckId, string | Item<HostCheckOutput>>> = {}, at?: Date): HostEvidence {
  const ids: HostCheckId[] = ['memory', 'cpu', 'disk', 'ssh'];
  const checks = Object.fromEntries(ids.map((id) => {
    const r = replace[id];
    return [id, r === undefined ? output(id, fixture(distro, id), at) : typeof r === 'string' ? output(id, r, at) : r];
  }));
  return { managed: MANAGED, checks };
}

/** Evidence with the host checks added. */
export const withHost = (e: Evidence, h: Item<HostEvidence> | undefined): Evidence => (h === undefined ? e : { ...e, host: h });
