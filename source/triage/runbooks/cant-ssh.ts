// Can't SSH, following the reference flowchart link by link — security group → public IP → route to an internet
// gateway → network ACL → key pair → instance status → console (sshd/firewall) — and stopping at the first broken
// link with its fix: once a link is broken, the ones after it cannot be observed from outside anyway.
import type { Evidence } from '../evidence.js';
import { stateOf, valueOf } from '../evidence.js';
import { callerAllowed, defaultRoute, naclSshProblem, probeAddress, sshAccess } from '../network-checks.js';
import { networkRecommendations } from '../recommendations-network.js';
import { scanEvidence } from '../rules-logs.js';
import { hostFacts } from '../host-facts.js';
import { hostRunbookStep } from './host-step.js';
import type { Runbook, RunbookStep } from './types.js';
import { result, skippedFor, step } from './types.js';

/** The commands of one fix (by id) of the recommendations for a cause, else of its first. */
const fixFor = (e: Evidence, cause: Parameters<typeof networkRecommendations>[1], id?: string): string[] => {
  const recs = networkRecommendations(e, cause);
  return (recs.find((r) => r.id === id) ?? recs[0])?.commands.slice() ?? [];
};

function links(e: Evidence): RunbookStep[] {
  const n = e.network;
  const groups = valueOf(n.securityGroups);
  const access = groups === undefined ? undefined : sshAccess(groups);
  const out: RunbookStep[] = [];
  const sg = { id: 'security-group', title: 'Security group allows inbound TCP 22', apiCall: 'ec2:DescribeSecurityGroups' };
  if (access === undefined) out.push(skippedFor(sg, n.securityGroups));
  else if (access.rules.length === 0) out.push(step(sg, 'failed', groups === undefined || groups.length === 0 ? 'The instance has no security group attached: nothing allows port 22' : `No inbound rule for port 22 in ${groups.map((g) => g.groupId).join(', ')}`, fixFor(e, 'ssh-blocked')));
  else if (n.callerCidr !== undefined && !callerAllowed(access, n.callerCidr)) out.push(step(sg, 'failed', `Port 22 open to ${access.cidrs.join(', ')}, not to ${n.callerCidr}`, fixFor(e, 'ssh-blocked')));
  else if (access.isOpenToWorld) out.push(step(sg, 'warning', 'Port 22 open to 0.0.0.0/0 (the whole internet): restrict it', networkRecommendations(e, 'ssh-open-to-world').find((r) => r.id === 'revoke-world-ssh')?.commands));
  else out.push(step(sg, 'ok', `Port 22 open to ${[...access.cidrs, ...access.sourceGroupIds].join(', ')}`));

  const ip = { id: 'public-ip', title: 'Public IP or Elastic IP', apiCall: 'ec2:DescribeInstances' };
  const subnet = valueOf(n.subnet);
  out.push(e.instance.publicIp !== undefined
    ? step(ip, 'ok', `Public IP ${e.instance.publicIp}`)
    : step(ip, 'failed', `No public IP${subnet === undefined ? '' : ` (subnet ${subnet.subnetId} MapPublicIpOnLaunch=${String(subnet.mapPublicIpOnLaunch)})`}`, fixFor(e, 'no-public-ip', 'elastic-ip')));

  const rt = { id: 'route-table', title: "Subnet's route table sends 0.0.0.0/0 to an internet gateway", apiCall: 'ec2:DescribeRouteTables' };
  const table = valueOf(n.routeTable);
  const route = table === undefined ? undefined : defaultRoute(table);
  if (table === undefined) out.push(skippedFor(rt, n.routeTable));
  else if (route?.target.startsWith('igw-') === true) out.push(step(rt, 'ok', `${table.routeTableId}: 0.0.0.0/0 → ${route.target}`));
  else out.push(step(rt, 'failed', `${table.routeTableId}: 0.0.0.0/0 → ${route?.target ?? 'no route'}`, fixFor(e, 'no-igw-route', 'igw-route')));

  const nacl = { id: 'network-acl', title: 'Network ACL allows 22 in and 1024-65535 out', apiCall: 'ec2:DescribeNetworkAcls' };
  const acl = valueOf(n.networkAcl);
  const problem = acl === undefined ? '' : naclSshProblem(acl, probeAddress(access, n.callerCidr));
  out.push(acl === undefined ? skippedFor(nacl, n.networkAcl) : problem === '' ? step(nacl, 'ok', `${acl.aclId} allows SSH both ways`) : step(nacl, 'failed', `${acl.aclId}: ${problem}`, fixFor(e, 'nacl-blocks-ssh')));

  const key = { id: 'key-pair', title: 'Key pair exists', apiCall: 'ec2:DescribeKeyPairs' };
  const pair = valueOf(n.keyPair);
  if (e.instance.keyName === undefined) out.push(step(key, 'warning', 'The instance was launched without a key pair: use Session Manager or EC2 Instance Connect', fixFor(e, 'key-pair-missing')));
  else if (pair === undefined) out.push(skippedFor(key, n.keyPair));
  else out.push(pair.exists ? step(key, 'ok', `${pair.keyName} exists: use its private key (ssh -i ${pair.keyName}.pem)`) : step(key, 'failed', `${pair.keyName} was deleted`, fixFor(e, 'key-pair-missing')));

  const st = { id: 'instance-status', title: 'Instance status checks', apiCall: 'ec2:DescribeInstanceStatus' };
  const status = valueOf(e.status);
  if (status === undefined) out.push(skippedFor(st, e.status));
  else if (status.system.status === 'impaired' || status.instance.status === 'impaired') out.push(step(st, 'failed', `System ${status.system.status}, instance ${status.instance.status}: see the Status check failed runbook`));
  else out.push(step(st, status.system.status === 'ok' && status.instance.status === 'ok' ? 'ok' : 'warning', `System ${status.system.status}, instance ${status.instance.status}`));

  const con = { id: 'console-sshd', title: 'Console output and logs: sshd and firewall errors', apiCall: 'ec2:GetConsoleOutput' };
  const sshd = scanEvidence(e).filter((m) => m.match.signature === 'sshd-failed' || m.match.signature === 'cloud-init-failed');
  if (sshd.length === 0 && stateOf(e.consoleOutput) === 'unknown') out.push(skippedFor(con, e.consoleOutput));
  else if (sshd.length > 0) out.push(step(con, 'failed', sshd.at(-1)?.match.line.trim() ?? 'sshd errors', ['sudo systemctl status sshd', 'sudo ss -tlnp | grep :22', 'sudo iptables -L -n']));
  else out.push(step(con, 'ok', 'No sshd errors; if it still fails, check the OS firewall (sudo iptables -L) and ssh -vvv', ['ssh -vvv -i KEY.pem ec2-user@HOST']));
  // Only when the host checks ran: then the OS side is read, not guessed from the console.
  if (hostFacts(e).ssh !== undefined) out.push(hostRunbookStep(e, 'ssh', 'host-ssh', 'sshd, port 22 and the host firewall (on the instance)', ['sudo systemctl enable --now sshd || sudo systemctl enable --now ssh', "sudo ss -tlnp 'sport = :22'", 'sudo iptables -S INPUT']));
  return out;
}

/** Can't SSH: each link in order; the ones after the first failed link are skipped. */
export const CANT_SSH: Runbook = {
  id: 'cant-ssh',
  title: "Can't SSH",
  whenItApplies: 'The instance runs but ssh times out or is refused: security group, NACL, route, public IP, key, sshd.',
  run: (e) => {
    const all = links(e);
    const broken = all.findIndex((s) => s.state === 'failed');
    const steps = broken < 0 ? all : all.map((s, i) => (i <= broken ? s : { id: s.id, title: s.title, apiCall: s.apiCall, state: 'skipped' as const, result: 'Not reached: fix the broken link above first' }));
    return result('cant-ssh', "Can't SSH", steps);
  },
};
