// Pure reading of the network evidence for SSH: does a security group open 22 (to whom), does the subnet route
// 0.0.0.0/0 to an internet gateway, does the network ACL let 22 in and the ephemeral replies out. Shared by the
// rules (findings) and the Can't SSH runbook (steps). IPv4 only: EC2's SSH story is IPv4 in practice.
import type { IngressRule, NetworkAcl, RouteTable, SecurityGroup } from '../domain/network-types.js';

export const SSH_PORT = 22;
/** Ports the SSH client's replies go back to: the NACL must let these out (it is stateless). */
export const EPHEMERAL_PROBES: readonly number[] = [1024, 32768, 49152, 65535];
/** Any internet address, for probing NACL rules when the caller's address is unknown (TEST-NET-2). */
export const INTERNET_PROBE = '198.51.100.10';

const isTcp = (protocol: string): boolean => ['-1', 'all', 'tcp', '6'].includes(protocol.toLowerCase());
const coversPort = (from: number | undefined, to: number | undefined, port: number): boolean =>
  (from === undefined || from === -1 || from <= port) && (to === undefined || to === -1 || port <= to);

/** True for 0.0.0.0/0 and ::/0. */
export const isWorld = (cidr: string): boolean => cidr === '0.0.0.0/0' || cidr === '::/0';

const toInt = (ip: string): number | undefined => {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return parts.reduce((acc, p) => acc * 256 + p, 0);
};

/** Whether an IPv4 CIDR contains an address (or a whole smaller CIDR's first address). */
export function cidrContains(cidr: string, ipOrCidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const net = toInt(base);
  const ip = toInt(ipOrCidr.split('/')[0] ?? '');
  const bits = Number(bitsText);
  if (net === undefined || ip === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(net / size) === Math.floor(ip / size);
}

/** RFC 1918 space: a source there means "from inside the VPC / VPN", not from the internet. */
export const isPrivateCidr = (cidr: string): boolean => ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((p) => cidrContains(p, cidr));

/** Who may reach port 22, over every group. */
export interface SshAccess {
  readonly rules: readonly { readonly groupId: string; readonly rule: IngressRule }[];
  readonly cidrs: readonly string[];
  readonly sourceGroupIds: readonly string[];
  readonly isOpenToWorld: boolean;
  /** Some CIDR outside private space may connect: the design expects SSH from the internet. */
  readonly isInternetFacing: boolean;
}

/** The inbound rules of the groups that allow TCP 22. */
export function sshAccess(groups: readonly SecurityGroup[]): SshAccess {
  const rules = groups.flatMap((g) => g.ingress.filter((r) => isTcp(r.protocol) && coversPort(r.fromPort, r.toPort, SSH_PORT)).map((rule) => ({ groupId: g.groupId, rule })));
  const cidrs = rules.flatMap(({ rule }) => [...rule.cidrs, ...rule.ipv6Cidrs]);
  return {
    rules,
    cidrs,
    sourceGroupIds: rules.flatMap(({ rule }) => rule.sourceGroupIds),
    isOpenToWorld: cidrs.some(isWorld),
    isInternetFacing: cidrs.some((c) => !c.includes(':') && !isPrivateCidr(c)) || cidrs.includes('::/0') || rules.some(({ rule }) => (rule.prefixListIds ?? []).length > 0),
  };
}

/** Whether the caller's address is allowed by one of the CIDRs. */
export const callerAllowed = (access: SshAccess, callerCidr: string): boolean => access.cidrs.some((c) => !c.includes(':') && cidrContains(c, callerCidr));

/** The route for 0.0.0.0/0, if any (a blackholed one counts as none). */
export function defaultRoute(table: RouteTable): RouteTable['routes'][number] | undefined {
  return table.routes.find((r) => r.destination === '0.0.0.0/0' && r.state === 'active');
}

/** The NACL's verdict for TCP `port` from/to `address`: the lowest-numbered matching rule decides; none means deny. */
export function naclVerdict(acl: NetworkAcl, direction: 'inbound' | 'outbound', port: number, address: string): { action: 'allow' | 'deny'; ruleNumber: number | undefined } {
  const entries = acl.entries
    .filter((e) => e.egress === (direction === 'outbound') && !e.cidr.includes(':'))
    .slice()
    .sort((a, b) => a.ruleNumber - b.ruleNumber);
  const hit = entries.find((e) => isTcp(e.protocol) && coversPort(e.fromPort, e.toPort, port) && cidrContains(e.cidr, address));
  return hit === undefined ? { action: 'deny', ruleNumber: undefined } : { action: hit.action, ruleNumber: hit.ruleNumber };
}

/** What the ACL blocks for an SSH session with `address`: '' when nothing. */
export function naclSshProblem(acl: NetworkAcl, address: string): string {
  const inbound = naclVerdict(acl, 'inbound', SSH_PORT, address);
  if (inbound.action === 'deny') return `inbound TCP 22 from ${address} is denied (${inbound.ruleNumber === undefined ? 'no allow rule; the * rule denies' : `rule #${inbound.ruleNumber}`})`;
  const blocked = EPHEMERAL_PROBES.map((p) => ({ p, v: naclVerdict(acl, 'outbound', p, address) })).find((x) => x.v.action === 'deny');
  if (blocked !== undefined) {
    return `outbound replies to ephemeral port ${blocked.p} (1024-65535) are denied (${blocked.v.ruleNumber === undefined ? 'no allow rule; the * rule denies' : `rule #${blocked.v.ruleNumber}`})`;
  }
  return '';
}

/** The address to probe the NACL with: the caller's, else an address the SG lets in, else any internet address. */
export function probeAddress(access: SshAccess | undefined, callerCidr: string | undefined): string {
  if (callerCidr !== undefined) return callerCidr.split('/')[0] ?? INTERNET_PROBE;
  const first = access?.cidrs.find((c) => !c.includes(':') && !isWorld(c));
  return first === undefined ? INTERNET_PROBE : first.split('/')[0] ?? INTERNET_PROBE;
}
