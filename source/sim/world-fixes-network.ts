// The network the user changed: security group rules, internet gateways, routes and network ACL entries. The
// network as built stays a pure function of the fleet; these edits lie over it (apply), and each change is
// checked the way EC2 checks it first (the named errors of fix-errors.ts). No HTTP here: services parse.
import {
  aclEntryExists, aclEntryNotFound, alreadyAttached, dependencyViolation, differentNetworks, duplicatePermission, gatewayNotAttached,
  gatewayNotFound, groupNotFound, internetGatewayNotFound, networkAclNotFound, noRouteToReplace, permissionNotFound, routeAlreadyExists,
  routeNotFound, routeTableNotFound, vpcHasGateway, vpcNotFound,
} from './fix-errors.js';
import type {
  SimInternetGateway, SimIpPermission, SimNetwork, SimNetworkAcl, SimNetworkAclEntry, SimRoute, SimRouteTable, SimSecurityGroup,
} from './types.js';

/** A route's target as CreateRoute names it (one of). */
export interface RouteTarget {
  readonly gatewayId?: string;
  readonly natGatewayId?: string;
}

/** The network's changes; every method checks first and changes nothing when it throws. */
export interface NetworkEdits {
  /** The network as built with every change so far laid over it (cached until the next change). */
  apply(base: SimNetwork): SimNetwork;
  /** Adds inbound rules; returns the rules added, each with its sgr- id. */
  authorizeIngress(base: SimNetwork, groupId: string, permissions: readonly SimIpPermission[]): { ruleId: string; permission: SimIpPermission }[];
  /** Removes inbound rules; returns those not found (when some were). */
  revokeIngress(base: SimNetwork, groupId: string, permissions: readonly SimIpPermission[]): SimIpPermission[];
  createInternetGateway(tags: Readonly<Record<string, string>>): SimInternetGateway;
  attachInternetGateway(base: SimNetwork, gatewayId: string, vpcId: string): void;
  detachInternetGateway(base: SimNetwork, gatewayId: string, vpcId: string): void;
  deleteInternetGateway(base: SimNetwork, gatewayId: string): void;
  /** mode 'create' fails when the destination has a route, 'replace' when it has none. */
  putRoute(base: SimNetwork, tableId: string, destination: string, target: RouteTarget, mode: 'create' | 'replace'): void;
  deleteRoute(base: SimNetwork, tableId: string, destination: string): void;
  putAclEntry(base: SimNetwork, aclId: string, entry: SimNetworkAclEntry, mode: 'create' | 'replace'): void;
  deleteAclEntry(base: SimNetwork, aclId: string, ruleNumber: number, isEgress: boolean): void;
}

const sameTarget = (a: SimIpPermission, b: SimIpPermission): boolean =>
  a.protocol === b.protocol && (a.fromPort ?? -1) === (b.fromPort ?? -1) && (a.toPort ?? -1) === (b.toPort ?? -1);

/** Each (permission, single source) pair: EC2 keeps one rule per source and groups them by protocol and ports. */
function singles(permissions: readonly SimIpPermission[]): SimIpPermission[] {
  return permissions.flatMap((p) => [
    ...p.ipRanges.map((r) => ({ ...p, ipRanges: [r], groupPairs: [] })),
    ...p.groupPairs.map((g) => ({ ...p, ipRanges: [], groupPairs: [g] })),
  ]);
}

const hasSource = (p: SimIpPermission, s: SimIpPermission): boolean =>
  sameTarget(p, s) &&
  (s.ipRanges.some((r) => p.ipRanges.some((x) => x.cidr === r.cidr)) || s.groupPairs.some((g) => p.groupPairs.some((x) => x.groupId === g.groupId)));

/** How EC2 names a rule in InvalidPermission.Duplicate: "peer: 203.0.113.7/32, TCP, from port: 22, to port: 22, ALLOW". */
function ruleText(p: SimIpPermission): string {
  const peer = p.ipRanges[0]?.cidr ?? p.groupPairs[0]?.groupId ?? '';
  const protocol = p.protocol === '-1' ? 'ALL' : p.protocol.toUpperCase();
  return `peer: ${peer}, ${protocol}, from port: ${p.fromPort ?? -1}, to port: ${p.toPort ?? -1}, ALLOW`;
}

function addTo(ingress: readonly SimIpPermission[], single: SimIpPermission): SimIpPermission[] {
  const index = ingress.findIndex((p) => sameTarget(p, single));
  if (index < 0) return [...ingress, single];
  const p = ingress[index] as SimIpPermission;
  const merged = { ...p, ipRanges: [...p.ipRanges, ...single.ipRanges], groupPairs: [...p.groupPairs, ...single.groupPairs] };
  return ingress.map((x, i) => (i === index ? merged : x));
}

function removeFrom(ingress: readonly SimIpPermission[], single: SimIpPermission): SimIpPermission[] {
  return ingress
    .map((p) =>
      sameTarget(p, single)
        ? {
            ...p,
            ipRanges: p.ipRanges.filter((r) => !single.ipRanges.some((s) => s.cidr === r.cidr)),
            groupPairs: p.groupPairs.filter((g) => !single.groupPairs.some((s) => s.groupId === g.groupId)),
          }
        : p,
    )
    .filter((p) => p.ipRanges.length > 0 || p.groupPairs.length > 0);
}

const find = <T extends { readonly id: string }>(items: readonly T[], id: string, missing: (id: string) => Error): T => {
  const item = items.find((x) => x.id === id);
  if (item === undefined) throw missing(id);
  return item;
};

/** The change store; `newId(prefix)` names what it creates, stable for a seed. */
export function createNetworkEdits(newId: (prefix: string) => string): NetworkEdits {
  const groups = new Map<string, SimSecurityGroup>();
  const gateways = new Map<string, SimInternetGateway>();
  const routes = new Map<string, readonly SimRoute[]>();
  const acls = new Map<string, readonly SimNetworkAclEntry[]>();
  const deleted = new Set<string>();
  let version = 0;
  let cache: { base: SimNetwork; version: number; network: SimNetwork } | undefined;

  const apply = (base: SimNetwork): SimNetwork => {
    if (version === 0) return base;
    if (cache?.base === base && cache.version === version) return cache.network;
    const known = new Set(base.internetGateways.map((g) => g.id));
    const internetGateways = [...base.internetGateways.map((g) => gateways.get(g.id) ?? g), ...[...gateways.values()].filter((g) => !known.has(g.id))]
      .filter((g) => !deleted.has(g.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const attached = new Set(internetGateways.flatMap((g) => g.vpcIds.map((v) => `${g.id}/${v}`)));
    // A route to a gateway no longer attached to the table's VPC is a blackhole, as EC2 reports it.
    const routeState = (t: SimRouteTable, r: SimRoute): SimRoute =>
      r.gatewayId?.startsWith('igw-') === true ? { ...r, state: attached.has(`${r.gatewayId}/${t.vpcId}`) ? 'active' : 'blackhole' } : r;
    const network: SimNetwork = {
      ...base,
      internetGateways,
      routeTables: base.routeTables.map((t) => ({ ...t, routes: (routes.get(t.id) ?? t.routes).map((r) => routeState(t, r)) })),
      securityGroups: base.securityGroups.map((g) => groups.get(g.id) ?? g),
      networkAcls: base.networkAcls.map((a) => {
        const entries = acls.get(a.id);
        return entries === undefined ? a : { ...a, entries };
      }),
    };
    cache = { base, version, network };
    return network;
  };
  const changed = (): void => {
    version += 1;
  };
  const group = (base: SimNetwork, id: string): SimSecurityGroup => find(apply(base).securityGroups, id, groupNotFound);
  const gateway = (base: SimNetwork, id: string): SimInternetGateway => find(apply(base).internetGateways, id, internetGatewayNotFound);
  const table = (base: SimNetwork, id: string): SimRouteTable => find(apply(base).routeTables, id, routeTableNotFound);
  const acl = (base: SimNetwork, id: string): SimNetworkAcl => find(apply(base).networkAcls, id, networkAclNotFound);
  const checkTarget = (base: SimNetwork, t: SimRouteTable, target: RouteTarget): void => {
    if (target.gatewayId === undefined || target.gatewayId === 'local') return;
    const g = apply(base).internetGateways.find((x) => x.id === target.gatewayId);
    if (g === undefined) throw gatewayNotFound(target.gatewayId);
    if (!g.vpcIds.includes(t.vpcId)) throw differentNetworks(t.id, g.id);
  };

  return {
    apply,
    authorizeIngress: (base, groupId, permissions) => {
      const g = group(base, groupId);
      let ingress = g.ingress;
      const added: { ruleId: string; permission: SimIpPermission }[] = [];
      for (const single of singles(permissions)) {
        if (ingress.some((p) => hasSource(p, single))) throw duplicatePermission(ruleText(single));
        ingress = addTo(ingress, single);
        added.push({ ruleId: newId('sgr'), permission: single });
      }
      groups.set(g.id, { ...g, ingress });
      changed();
      return added;
    },
    revokeIngress: (base, groupId, permissions) => {
      const g = group(base, groupId);
      const wanted = singles(permissions);
      const unknown = wanted.filter((s) => !g.ingress.some((p) => hasSource(p, s)));
      if (unknown.length === wanted.length) throw permissionNotFound();
      groups.set(g.id, { ...g, ingress: wanted.reduce(removeFrom, g.ingress) });
      changed();
      return unknown;
    },
    createInternetGateway: (tags) => {
      const g: SimInternetGateway = { id: newId('igw'), vpcIds: [], tags };
      gateways.set(g.id, g);
      changed();
      return g;
    },
    attachInternetGateway: (base, gatewayId, vpcId) => {
      const g = gateway(base, gatewayId);
      const now = apply(base);
      if (!now.vpcs.some((v) => v.id === vpcId)) throw vpcNotFound(vpcId);
      const attachedTo = g.vpcIds[0];
      if (attachedTo !== undefined) throw alreadyAttached(g.id, attachedTo);
      if (now.internetGateways.some((x) => x.vpcIds.includes(vpcId))) throw vpcHasGateway(vpcId);
      gateways.set(g.id, { ...g, vpcIds: [vpcId] });
      changed();
    },
    detachInternetGateway: (base, gatewayId, vpcId) => {
      const g = gateway(base, gatewayId);
      if (!apply(base).vpcs.some((v) => v.id === vpcId)) throw vpcNotFound(vpcId);
      if (!g.vpcIds.includes(vpcId)) throw gatewayNotAttached(g.id, vpcId);
      gateways.set(g.id, { ...g, vpcIds: g.vpcIds.filter((v) => v !== vpcId) });
      changed();
    },
    deleteInternetGateway: (base, gatewayId) => {
      const g = gateway(base, gatewayId);
      if (g.vpcIds.length > 0) throw dependencyViolation(g.id);
      deleted.add(g.id);
      changed();
    },
    putRoute: (base, tableId, destination, target, mode) => {
      const t = table(base, tableId);
      const existing = t.routes.find((r) => r.destinationCidrBlock === destination);
      if (mode === 'create' && existing !== undefined) throw routeAlreadyExists(destination);
      if (mode === 'replace' && existing === undefined) throw noRouteToReplace(destination);
      checkTarget(base, t, target);
      const route: SimRoute = { destinationCidrBlock: destination, ...target, state: 'active', origin: 'CreateRoute' };
      routes.set(t.id, existing === undefined ? [...t.routes, route] : t.routes.map((r) => (r === existing ? route : r)));
      changed();
    },
    deleteRoute: (base, tableId, destination) => {
      const t = table(base, tableId);
      if (!t.routes.some((r) => r.destinationCidrBlock === destination && r.gatewayId !== 'local')) throw routeNotFound(destination, t.id);
      routes.set(t.id, t.routes.filter((r) => r.destinationCidrBlock !== destination));
      changed();
    },
    putAclEntry: (base, aclId, entry, mode) => {
      const a = acl(base, aclId);
      const same = (e: SimNetworkAclEntry): boolean => e.ruleNumber === entry.ruleNumber && e.isEgress === entry.isEgress;
      const existing = a.entries.find(same);
      if (mode === 'create' && existing !== undefined) throw aclEntryExists(entry.ruleNumber);
      if (mode === 'replace' && existing === undefined) throw aclEntryNotFound(entry.ruleNumber, entry.isEgress, a.id);
      acls.set(a.id, [...a.entries.filter((e) => !same(e)), entry].sort((x, y) => Number(x.isEgress) - Number(y.isEgress) || x.ruleNumber - y.ruleNumber));
      changed();
    },
    deleteAclEntry: (base, aclId, ruleNumber, isEgress) => {
      const a = acl(base, aclId);
      if (!a.entries.some((e) => e.ruleNumber === ruleNumber && e.isEgress === isEgress)) throw aclEntryNotFound(ruleNumber, isEgress, a.id);
      acls.set(a.id, a.entries.filter((e) => !(e.ruleNumber === ruleNumber && e.isEgress === isEgress)));
      changed();
    },
  };
}
