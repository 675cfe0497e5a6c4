// An AwsApi whose SDK-backed implementation is loaded on first use: the UI can draw its first frame while the
// AWS SDK (most of the bundle) is still being read, instead of after.
import type { AwsApi } from '../aws/api.js';

/** Wraps a loader; every method waits for the one load, then delegates. */
export function createLazyAwsApi(region: string, load: () => Promise<AwsApi>): AwsApi {
  let loaded: Promise<AwsApi> | undefined;
  let resolved: AwsApi | undefined;
  const api = (): Promise<AwsApi> =>
    (loaded ??= load().then((a) => {
      resolved = a;
      return a;
    }));
  return {
    region,
    listInstances: async (o) => (await api()).listInstances(o),
    describeStatuses: async (ids, o) => (await api()).describeStatuses(ids, o),
    describeInstanceTypes: async (t, o) => (await api()).describeInstanceTypes(t, o),
    getConsoleOutput: async (id, o) => (await api()).getConsoleOutput(id, o),
    getMetricData: async (q, s, e, o) => (await api()).getMetricData(q, s, e, o),
    alarmingInstances: async (o) => (await api()).alarmingInstances(o),
    listLogGroups: async (p, o) => (await api()).listLogGroups(p, o),
    filterLogEvents: async (g, s, e, o) => (await api()).filterLogEvents(g, s, e, o),
    describeSecurityGroups: async (ids, o) => (await api()).describeSecurityGroups(ids, o),
    describeSubnet: async (id, o) => (await api()).describeSubnet(id, o),
    describeRouteTableForSubnet: async (s, v, o) => (await api()).describeRouteTableForSubnet(s, v, o),
    describeNetworkAclForSubnet: async (s, o) => (await api()).describeNetworkAclForSubnet(s, o),
    describeKeyPair: async (k, o) => (await api()).describeKeyPair(k, o),
    describeInternetGatewayForVpc: async (v, o) => (await api()).describeInternetGatewayForVpc(v, o),
    describeInstanceRaw: async (id, o) => (await loadedWith(api, 'describeInstanceRaw')).describeInstanceRaw(id, o),
    describeVolumes: async (ids, o) => (await loadedWith(api, 'describeVolumes')).describeVolumes(ids, o),
    describeAddresses: async (id, o) => (await loadedWith(api, 'describeAddresses')).describeAddresses(id, o),
    describeImage: async (id, o) => (await loadedWith(api, 'describeImage')).describeImage(id, o),
    describeCreditMode: async (id, o) => (await loadedWith(api, 'describeCreditMode')).describeCreditMode(id, o),
    describeInstanceInformation: async (ids, o) => (await api()).describeInstanceInformation(ids, o),
    sendHostCheck: async (id, c, o) => (await api()).sendHostCheck(id, c, o),
    getCommandInvocation: async (c, id, o) => (await api()).getCommandInvocation(c, id, o),
    // Before the first call there is nothing resolved to drop.
    renewCredentials: () => void loaded?.then((a) => a.renewCredentials?.()),
    // The endpoint's clock once the api answered; ours before.
    serverNow: () => resolved?.serverNow?.() ?? Date.now(),
  };
}

/** The loaded API, which must have the optional method `name` (the SDK-backed one has every describe-view read). */
async function loadedWith<K extends keyof AwsApi>(api: () => Promise<AwsApi>, name: K): Promise<AwsApi & Required<Pick<AwsApi, K>>> {
  const loaded = await api();
  if (loaded[name] === undefined) throw new Error(`${name} is not available on this endpoint`);
  return loaded as AwsApi & Required<Pick<AwsApi, K>>;
}
