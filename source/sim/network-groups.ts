// Security groups of the fleet: which ports each role opens, as the console would show them. The ML server's
// group is the one the "Can't SSH" runbook checks first: SSH from the office VPN and the bastion, the app on 8080.
import type { SimIpPermission, SimSecurityGroup } from './types.js';

/** The office VPN range that may SSH in (the ML server's syslog shows logins from 203.0.113.x). */
export const OFFICE_CIDR = '203.0.113.0/24';

const tcp = (port: number, from: readonly { cidr?: string; groupId?: string; description: string }[], userId: string): SimIpPermission => ({
  protocol: 'tcp',
  fromPort: port,
  toPort: port,
  ipRanges: from.flatMap((f) => (f.cidr === undefined ? [] : [{ cidr: f.cidr, description: f.description }])),
  groupPairs: from.flatMap((f) => (f.groupId === undefined ? [] : [{ groupId: f.groupId, userId, description: f.description }])),
});
const ALL_OUT: SimIpPermission = { protocol: '-1', ipRanges: [{ cidr: '0.0.0.0/0' }], groupPairs: [] };

/** What the named groups reference by id. */
export interface GroupIds {
  readonly bastion: string;
  readonly web: string;
  readonly genWeb: string;
}

/** A group's inbound rules by its name; `undefined` for a name the fleet does not know. */
function ingressOf(name: string, ids: GroupIds, userId: string, vpcCidr: string): SimIpPermission[] | undefined {
  const office = { cidr: OFFICE_CIDR, description: 'Office VPN' };
  const bastion = { groupId: ids.bastion, description: 'SSH from pettracker-bastion' };
  if (name === 'pettracker-ml-sg' || name.startsWith('scenario-')) {
    return [
      tcp(22, [office, bastion], userId),
      tcp(8080, [{ cidr: '0.0.0.0/0', description: 'PetTracker inference API' }], userId),
    ];
  }
  switch (name) {
    case 'pettracker-web-sg':
    case 'gen-web-sg':
      return [
        tcp(80, [{ cidr: '0.0.0.0/0', description: 'HTTP' }], userId),
        tcp(443, [{ cidr: '0.0.0.0/0', description: 'HTTPS' }], userId),
        ...(name === 'pettracker-web-sg' ? [tcp(22, [bastion], userId)] : []),
      ];
    case 'pettracker-api-sg':
      return [tcp(8000, [{ groupId: ids.web, description: 'API from web tier' }], userId), tcp(22, [bastion], userId)];
    case 'gen-api-sg':
      return [tcp(8000, [{ groupId: ids.genWeb, description: 'API from web tier' }], userId)];
    case 'pettracker-worker-sg':
      return [tcp(22, [bastion], userId)];
    case 'pettracker-bastion-sg':
      return [tcp(22, [office], userId)];
    case 'gen-worker-sg':
    case 'gen-batch-sg':
    case 'gen-cache-sg':
      return [tcp(22, [{ cidr: vpcCidr, description: 'SSH inside the VPC' }], userId)];
    default:
      return undefined;
  }
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'pettracker-ml-sg': 'PetTracker ML inference server',
  'pettracker-web-sg': 'PetTracker web tier',
  'pettracker-api-sg': 'PetTracker API tier',
  'pettracker-worker-sg': 'PetTracker background workers',
  'pettracker-bastion-sg': 'SSH bastion',
};

/** A named group with its rules; a `scenario-*` group is a copy of the ML server's. */
export function namedGroup(
  group: { readonly id: string; readonly name: string },
  vpc: { readonly id: string; readonly cidr: string },
  ids: GroupIds,
  ownerId: string,
): SimSecurityGroup {
  return {
    id: group.id,
    name: group.name,
    description: DESCRIPTIONS[group.name] ?? (group.name.startsWith('scenario-') ? 'Training: copy of pettracker-ml-sg' : 'Generated fleet'),
    vpcId: vpc.id,
    ownerId,
    ingress: ingressOf(group.name, ids, ownerId, vpc.cidr) ?? [],
    egress: [ALL_OUT],
    tags: { Name: group.name },
  };
}

/** The group every VPC is created with: all traffic from its own members, all traffic out. */
export function defaultGroup(id: string, vpcId: string, ownerId: string): SimSecurityGroup {
  return {
    id,
    name: 'default',
    description: 'default VPC security group',
    vpcId,
    ownerId,
    ingress: [{ protocol: '-1', ipRanges: [], groupPairs: [{ groupId: id, userId: ownerId }] }],
    egress: [ALL_OUT],
    tags: {},
  };
}

/** True when a permission lets TCP `port` in (protocol -1 or tcp with the port in range). */
export function allowsTcpPort(permission: SimIpPermission, port: number): boolean {
  if (permission.protocol === '-1') return true;
  if (permission.protocol !== 'tcp' && permission.protocol !== '6') return false;
  return (permission.fromPort ?? 0) <= port && port <= (permission.toPort ?? 65535);
}
