// Can't SSH fixes: the security group rule for the caller's address (never 0.0.0.0/0), an Elastic IP, the route to
// an internet gateway, the NACL entries, and a way in without the lost key. Exact ids come from the evidence.
import type { CauseId } from './diagnosis.js';
import type { Evidence } from './evidence.js';
import { valueOf } from './evidence.js';
import { defaultRoute, isWorld, naclVerdict, probeAddress, sshAccess, SSH_PORT } from './network-checks.js';
import type { Recommendation } from './recommendation.js';
import { awsCommand, raw } from './shell.js';

/** What to put in --cidr when the caller's address is unknown (quoted by awsCommand, so never a shell redirect). */
export const CIDR_PLACEHOLDER = '<your-ip>/32';

const aws = (id: string, title: string, why: string, commands: string[], notes?: string[]): Recommendation => ({ id, title, why, where: 'aws', commands, isDisruptive: false, ...(notes === undefined ? {} : { notes }) });

function sgFix(e: Evidence): Recommendation[] {
  const groups = valueOf(e.network.securityGroups) ?? [];
  const groupId = groups[0]?.groupId ?? e.instance.securityGroups[0]?.id ?? '<security-group-id>';
  const cidr = e.network.callerCidr ?? CIDR_PLACEHOLDER;
  const out: Recommendation[] = [
    aws('authorize-ssh', `Allow SSH (TCP 22) from ${cidr} in ${groupId}`, 'Opens port 22 to your address only: never to 0.0.0.0/0',
      [awsCommand(e.target, 'ec2', 'authorize-security-group-ingress', ['--group-id', groupId, '--protocol', 'tcp', '--port', String(SSH_PORT), '--cidr', cidr])],
      e.network.callerCidr === undefined ? ['Replace <your-ip> with your public address (curl -s https://checkip.amazonaws.com)'] : undefined),
  ];
  const world = sshAccess(groups).rules.filter(({ rule }) => rule.cidrs.includes('0.0.0.0/0'));
  for (const { groupId: g } of world) {
    out.push(aws('revoke-world-ssh', `Close port 22 to the world in ${g}`, 'SSH open to 0.0.0.0/0 invites brute-force attempts; keep only narrow sources',
      [awsCommand(e.target, 'ec2', 'revoke-security-group-ingress', ['--group-id', g, '--protocol', 'tcp', '--port', String(SSH_PORT), '--cidr', '0.0.0.0/0'])]));
  }
  return out;
}

function eipFix(e: Evidence): Recommendation {
  const alloc = `ALLOC_ID=$(${awsCommand(e.target, 'ec2', 'allocate-address', ['--domain', 'vpc', '--query', 'AllocationId', '--output', 'text'])})`;
  return aws('elastic-ip', 'Give the instance an Elastic IP', 'A public address that survives stop/start (the subnet must route to an internet gateway)',
    [alloc, awsCommand(e.target, 'ec2', 'associate-address', ['--instance-id', e.instance.id, '--allocation-id', raw('"$ALLOC_ID"')])]);
}

function routeFix(e: Evidence): Recommendation | undefined {
  const table = valueOf(e.network.routeTable);
  const subnet = valueOf(e.network.subnet);
  const vpc = subnet?.vpcId ?? e.instance.vpcId;
  if (table === undefined || vpc === undefined) return undefined;
  const route = defaultRoute(table);
  if (route?.target.startsWith('igw-') === true) return undefined;
  const op = table.routes.some((r) => r.destination === '0.0.0.0/0') ? 'replace-route' : 'create-route';
  const t = e.target;
  const gateway = valueOf(e.network.internetGateway);
  // A VPC without an attached internet gateway (moto's default VPC is one) needs one created and attached first.
  const create = `IGW_ID=$(${awsCommand(t, 'ec2', 'create-internet-gateway', ['--query', 'InternetGateway.InternetGatewayId', '--output', 'text'])})`;
  const attach = awsCommand(t, 'ec2', 'attach-internet-gateway', ['--internet-gateway-id', raw('"$IGW_ID"'), '--vpc-id', vpc]);
  const lookup = `IGW_ID=$(${awsCommand(t, 'ec2', 'describe-internet-gateways', ['--filters', `Name=attachment.vpc-id,Values=${vpc}`, '--query', 'InternetGateways[0].InternetGatewayId', '--output', 'text'])})`;
  const gatewayCommands = gateway?.internetGatewayId !== undefined ? []
    : gateway !== undefined ? [create, attach]
      // Not read: look it up, and create and attach one when the lookup finds none ("None").
      : [lookup, `if [ "$IGW_ID" = None ] || [ -z "$IGW_ID" ]; then ${create} && ${attach}; fi`];
  const gatewayId = gateway?.internetGatewayId ?? raw('"$IGW_ID"');
  return aws('igw-route', `Route 0.0.0.0/0 to ${gateway?.internetGatewayId ?? 'an internet gateway'} in ${table.routeTableId}`, 'Without it no reply reaches the internet',
    [...gatewayCommands, awsCommand(t, 'ec2', op, ['--route-table-id', table.routeTableId, '--destination-cidr-block', '0.0.0.0/0', '--gateway-id', gatewayId])],
    [
      ...(gateway !== undefined && gateway.internetGatewayId === undefined ? [`${vpc} has no internet gateway: one is created and attached first`] : []),
      `This makes every subnet using ${table.routeTableId} public${route === undefined ? '' : ` and replaces the route to ${route.target}`}: for a private subnet prefer a bastion or Session Manager (below)`,
    ]);
}

function naclFix(e: Evidence): Recommendation | undefined {
  const acl = valueOf(e.network.networkAcl);
  if (acl === undefined) return undefined;
  // The same source the rule judged: your address when known, else the range the security group lets SSH from.
  const groups = valueOf(e.network.securityGroups);
  const access = groups === undefined ? undefined : sshAccess(groups);
  const probe = probeAddress(access, e.network.callerCidr);
  const designated = access?.cidrs.find((c) => !c.includes(':') && !isWorld(c));
  const cidr = e.network.callerCidr ?? designated ?? CIDR_PLACEHOLDER;
  // A rule numbered below the one that denies wins (NACLs are evaluated lowest number first).
  const free = (deny: number | undefined, egress: boolean): number => {
    const used = new Set(acl.entries.filter((x) => x.egress === egress).map((x) => x.ruleNumber));
    for (let n = Math.min((deny ?? 32767) - 1, 100); n > 0; n--) if (!used.has(n) && (n % 10 === 0 || n < 10)) return n;
    return 1;
  };
  const inRule = naclVerdict(acl, 'inbound', SSH_PORT, probe);
  const outRule = naclVerdict(acl, 'outbound', 49152, probe);
  const commands = [
    ...(inRule.action === 'deny' ? [awsCommand(e.target, 'ec2', 'create-network-acl-entry', ['--network-acl-id', acl.aclId, '--ingress', '--rule-number', String(free(inRule.ruleNumber, false)), '--protocol', 'tcp', '--port-range', 'From=22,To=22', '--cidr-block', cidr, '--rule-action', 'allow'])] : []),
    ...(outRule.action === 'deny' ? [awsCommand(e.target, 'ec2', 'create-network-acl-entry', ['--network-acl-id', acl.aclId, '--egress', '--rule-number', String(free(outRule.ruleNumber, true)), '--protocol', 'tcp', '--port-range', 'From=1024,To=65535', '--cidr-block', cidr, '--rule-action', 'allow'])] : []),
  ];
  return commands.length === 0 ? undefined : aws('nacl-ssh', `Allow SSH through network ACL ${acl.aclId}`, 'NACLs are stateless: 22 in and the ephemeral ports 1024-65535 out', commands);
}

const ssm = (e: Evidence): Recommendation =>
  aws('session-manager', 'Or connect without SSH: Session Manager', 'Needs the SSM agent and an instance role with AmazonSSMManagedInstanceCore; no open port, no key', [awsCommand(e.target, 'ssm', 'start-session', ['--target', e.instance.id])]);

/** The fixes for the first broken link of the SSH path, and Session Manager as the way around. */
export function networkRecommendations(e: Evidence, cause: CauseId): Recommendation[] {
  const out: Recommendation[] = [];
  if (cause === 'ssh-blocked' || cause === 'ssh-open-to-world') out.push(...sgFix(e));
  if (cause === 'no-public-ip') {
    // The address first: it is what the finding lacks. Without a route to an internet gateway it is still
    // unreachable, so the route fix follows (the next triage then names that link).
    out.push(eipFix(e));
    const route = routeFix(e);
    if (route !== undefined) out.push(route);
  }
  if (cause === 'no-igw-route') {
    const route = routeFix(e);
    if (route !== undefined) out.push(route);
  }
  if (cause === 'nacl-blocks-ssh') {
    const nacl = naclFix(e);
    if (nacl !== undefined) out.push(nacl);
  }
  if (cause === 'key-pair-missing') {
    out.push(aws('instance-connect', 'Push a new public key with EC2 Instance Connect', 'A one-minute key for ec2-user, then add a permanent key to ~/.ssh/authorized_keys',
      [awsCommand(e.target, 'ec2-instance-connect', 'send-ssh-public-key', ['--instance-id', e.instance.id, '--instance-os-user', 'ec2-user', '--ssh-public-key', 'file://~/.ssh/id_ed25519.pub'])]));
  }
  out.push(ssm(e));
  return out;
}
