// SSH reachability rules. A closed port 22 or a missing public IP is only a problem when the instance is meant to
// be reached that way, so intent is read from the evidence: a key pair means SSH is expected; a port-22 rule from
// a non-private CIDR means SSH from the internet is expected (private-only rules mean "via bastion/VPN": fine).
import type { Evidence } from './evidence.js';
import { valueOf } from './evidence.js';
import { callerAllowed, defaultRoute, naclSshProblem, probeAddress, sshAccess } from './network-checks.js';
import type { EvidenceRef, Finding } from './types.js';

const ref = (label: string, source: string): EvidenceRef => ({ label, at: undefined, source });

/** Findings on security groups, public IP, route to an internet gateway, NACL and key pair (running instances). */
export function networkRules(evidence: Evidence): Finding[] {
  const { instance, network } = evidence;
  if (instance.state !== 'running') return [];
  const at = evidence.gatheredAt;
  const findings: Finding[] = [];
  const groups = valueOf(network.securityGroups);
  const access = groups === undefined ? undefined : sshAccess(groups);
  const groupNames = (groups ?? []).map((g) => `${g.groupId} (${g.groupName})`).join(', ');
  if (access !== undefined && access.rules.length === 0) {
    const isExpected = instance.keyName !== undefined;
    findings.push({
      id: 'ssh-port-closed',
      severity: isExpected ? 'warning' : 'info',
      text: `No security group allows inbound TCP 22${isExpected ? ` although the instance uses key pair ${instance.keyName}` : ''}: SSH connections time out`,
      at,
      evidence: [ref(`inbound rules of ${groupNames || 'no groups'}: no rule covers port 22`, 'ec2:DescribeSecurityGroups')],
    });
  }
  if (access?.isOpenToWorld === true) {
    findings.push({
      id: 'ssh-open-to-world',
      severity: 'warning',
      text: 'Port 22 is open to the whole internet (0.0.0.0/0): restrict it to your address or use Session Manager',
      at,
      evidence: access.rules.filter(({ rule }) => rule.cidrs.includes('0.0.0.0/0') || rule.ipv6Cidrs.includes('::/0')).map(({ groupId }) => ref(`${groupId} allows TCP 22 from 0.0.0.0/0`, 'ec2:DescribeSecurityGroups')),
    });
  }
  if (access !== undefined && access.rules.length > 0 && network.callerCidr !== undefined && !callerAllowed(access, network.callerCidr)) {
    findings.push({
      id: 'ssh-caller-not-allowed',
      severity: 'warning',
      text: `Port 22 is open only to ${access.cidrs.join(', ') || 'other security groups'}, not to your address ${network.callerCidr}`,
      at,
      evidence: [ref(`SSH sources: ${[...access.cidrs, ...access.sourceGroupIds].join(', ')}`, 'ec2:DescribeSecurityGroups')],
    });
  }
  // From here the path from the internet: only judged when the instance is meant to be reached from it.
  const isInternetFacing = instance.publicIp !== undefined || access?.isInternetFacing === true || network.callerCidr !== undefined;
  if (!isInternetFacing) return findings.concat(keyPairRule(evidence));
  const subnet = valueOf(network.subnet);
  if (instance.publicIp === undefined) {
    findings.push({
      id: 'no-public-ip',
      severity: 'warning',
      text: `The instance has no public IP${subnet === undefined ? '' : ` (subnet ${subnet.subnetId} does not auto-assign one${subnet.mapPublicIpOnLaunch ? ' — it does now, but not when this instance launched' : ''})`}: it cannot be reached from the internet`,
      at,
      evidence: [
        ref(`PublicIpAddress: none; private IP ${instance.privateIp ?? 'unknown'}`, 'ec2:DescribeInstances'),
        ...(subnet === undefined ? [] : [ref(`${subnet.subnetId} MapPublicIpOnLaunch=${String(subnet.mapPublicIpOnLaunch)}`, 'ec2:DescribeSubnets')]),
      ],
    });
  }
  const table = valueOf(network.routeTable);
  const route = table === undefined ? undefined : defaultRoute(table);
  if (table !== undefined && route?.target.startsWith('igw-') !== true) {
    findings.push({
      id: 'no-igw-route',
      severity: 'warning',
      text: `The subnet's route table ${table.routeTableId} has no 0.0.0.0/0 route to an internet gateway${route === undefined ? '' : ` (it goes to ${route.target})`}: replies cannot reach the internet`,
      at,
      evidence: [ref(`routes: ${table.routes.map((r) => `${r.destination} → ${r.target}${r.state === 'blackhole' ? ' (blackhole)' : ''}`).join(', ')}`, 'ec2:DescribeRouteTables')],
    });
  }
  const acl = valueOf(network.networkAcl);
  const problem = acl === undefined ? '' : naclSshProblem(acl, probeAddress(access, network.callerCidr));
  if (acl !== undefined && problem !== '') {
    findings.push({ id: 'nacl-blocks-ssh', severity: 'warning', text: `Network ACL ${acl.aclId}: ${problem}`, at, evidence: [ref(problem, 'ec2:DescribeNetworkAcls')] });
  }
  return findings.concat(keyPairRule(evidence));
}

function keyPairRule(evidence: Evidence): Finding[] {
  const key = valueOf(evidence.network.keyPair);
  if (key === undefined || key.exists) return [];
  return [{
    id: 'key-pair-missing',
    severity: 'warning',
    text: `Key pair ${key.keyName} no longer exists in ${evidence.target.region}: only someone holding its private key can log in`,
    at: evidence.gatheredAt,
    evidence: [ref(`DescribeKeyPairs --key-names ${key.keyName}: not found`, 'ec2:DescribeKeyPairs')],
  }];
}
