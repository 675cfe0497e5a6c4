// "Can't SSH", second branch: no public IP. A Terraform change moved the ML server's subnet_id to the private
// subnet, so it was replaced 95 minutes before T0: it now lives in pettracker-private-1a (mapPublicIpOnLaunch
// false, 0.0.0.0/0 → NAT gateway, no internet gateway), with a new private IP and no public IP. The app still
// serves its VPC callers on 8080; SSH to the old 54.123.45.67 times out. (AWS would give the replacement a new
// instance id; the world keeps the story's id so the runbook's commands still find it.)
import { MIN, atSecond } from './incident.js';
import type { ScenarioContext, ScenarioDefinition, ScenarioOverrides } from './types.js';

/** Offsets from T0 (ms). */
export const NO_PUBLIC_IP_TIMELINE = { relaunched: -95 * MIN } as const;

/** The address in `cidr` (a /20) at the same place the old one had in its own /20. */
function movedIp(privateIp: string, cidr: string): string {
  const [a = 0, b = 0, third = 0, fourth = 0] = privateIp.split('.').map(Number);
  const base = Number(cidr.split('.')[2] ?? 0);
  return `${a}.${b}.${base + (third & 15)}.${fourth}`;
}

function build({ t0, privateSubnet }: ScenarioContext): ScenarioOverrides {
  const launchTime = atSecond(t0 + NO_PUBLIC_IP_TIMELINE.relaunched);
  return {
    instance: (base) => ({
      ...base,
      subnetId: privateSubnet.id,
      privateIp: movedIp(base.privateIp, privateSubnet.cidrBlock),
      publicIp: undefined,
      launchTime,
    }),
  };
}

/** The ML server was relaunched into a private subnet: no public IP, no route to an internet gateway. */
export const NO_PUBLIC_IP_SCENARIO: ScenarioDefinition = {
  name: 'no-public-ip',
  summary: 'pettracker-ml-server was relaunched into the private subnet: no public IP, 0.0.0.0/0 goes to a NAT gateway',
  build,
};
