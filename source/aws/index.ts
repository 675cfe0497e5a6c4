// aws/'s front door: the AwsApi over SDK v3 clients (the start-up checks the CLI runs before the UI are in preflight.ts).
import type { AwsApi } from './api.js';
import { createClients } from './clients.js';
import type { AwsConfig } from './clients.js';
import { alarmingInstances, getMetricData } from './cloudwatch.js';
import { describeInstanceTypes, describeStatuses, getConsoleOutput, listInstances } from './ec2.js';
import { describeAddresses, describeCreditMode, describeImage, describeInstanceRaw, describeVolumes } from './ec2-describe.js';
import { filterLogEvents, listLogGroups } from './logs.js';
import { describeInstanceInformation, getCommandInvocation, sendHostCheck } from './ssm.js';
import {
  describeInternetGatewayForVpc,
  describeKeyPair,
  describeNetworkAclForSubnet,
  describeRouteTableForSubnet,
  describeSecurityGroups,
  describeSubnet,
} from './network.js';

export type { AwsConfig } from './clients.js';
export { AwsFailure, toAwsError } from './errors.js';
export { SIM_ENDPOINT } from './sim-handler.js';
export { networkEnvProblem } from './proxy.js';
export { checkCredentials, missingProfile, resolveRegion } from './preflight.js';

/** The AwsApi over real SDK clients (AWS, an AWS-compatible endpoint, or the in-process training fleet). */
export function createAwsApi(config: AwsConfig): AwsApi {
  const { ec2, cloudwatch, logs, ssm, renewCredentials, serverClock } = createClients(config);
  // Pages of 1,000 (the most DescribeInstances/DescribeInstanceStatus return) keep each parse short enough that a
  // keypress waits one page, not a whole 10,000-instance fleet.
  const pageSize = config.pageSize ?? 1000;
  return {
    region: config.region,
    listInstances: (options) => listInstances(ec2, pageSize, options),
    describeStatuses: (ids, options) => describeStatuses(ec2, pageSize, ids, options),
    describeInstanceTypes: (types, options) => describeInstanceTypes(ec2, types, options),
    getConsoleOutput: (id, options) => getConsoleOutput(ec2, id, options),
    getMetricData: (queries, start, end, options) => getMetricData(cloudwatch, queries, start, end, options),
    alarmingInstances: (options) => alarmingInstances(cloudwatch, options),
    listLogGroups: (prefix, options) => listLogGroups(logs, prefix, options),
    filterLogEvents: (group, start, end, options) => filterLogEvents(logs, group, start, end, options),
    describeSecurityGroups: (ids, options) => describeSecurityGroups(ec2, ids, options),
    describeSubnet: (id, options) => describeSubnet(ec2, id, options),
    describeRouteTableForSubnet: (subnetId, vpcId, options) => describeRouteTableForSubnet(ec2, subnetId, vpcId, options),
    describeNetworkAclForSubnet: (subnetId, options) => describeNetworkAclForSubnet(ec2, subnetId, options),
    describeKeyPair: (name, options) => describeKeyPair(ec2, name, options),
    describeInternetGatewayForVpc: (vpcId, options) => describeInternetGatewayForVpc(ec2, vpcId, options),
    describeInstanceRaw: (id, options) => describeInstanceRaw(ec2, id, options),
    describeVolumes: (ids, options) => describeVolumes(ec2, ids, options),
    describeAddresses: (id, options) => describeAddresses(ec2, id, options),
    describeImage: (id, options) => describeImage(ec2, id, options),
    describeCreditMode: (id, options) => describeCreditMode(ec2, id, options),
    describeInstanceInformation: (ids, options) => describeInstanceInformation(ssm, ids, options),
    sendHostCheck: (id, check, options) => sendHostCheck(ssm, id, check, options),
    getCommandInvocation: (commandId, id, options) => getCommandInvocation(ssm, commandId, id, options),
    ...(renewCredentials === undefined ? {} : { renewCredentials }),
    serverNow: () => serverClock.now(),
  };
}
