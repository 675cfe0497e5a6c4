// "Can't SSH", first branch of the runbook: someone removed the port-22 rules from the ML server's security group
// 35 minutes before T0 (the app port 8080 stays open). sshd is fine and the checks pass; SSH attempts now time out
// at the group, so nothing reaches sshd: the syslog's logins simply stop.
import { allowsTcpPort } from '../network-groups.js';
import { MIN, atSecond } from './incident.js';
import { LOG_GROUPS, syslogLine } from './logs.js';
import type { ScenarioContext, ScenarioDefinition, ScenarioOverrides } from './types.js';

/** Offsets from T0 (ms). */
export const SSH_BLOCKED_TIMELINE = { ruleRemoved: -35 * MIN, lastLogin: -52 * MIN } as const;

function build({ t0, target }: ScenarioContext): ScenarioOverrides {
  const removedAt = atSecond(t0 + SSH_BLOCKED_TIMELINE.ruleRemoved);
  const login = atSecond(t0 + SSH_BLOCKED_TIMELINE.lastLogin);
  const ip = target.privateIp;
  // The last session before the change: the engineer who edited the group, logged in from the office.
  const lines = [
    syslogLine(login, ip, 'sshd[48211]: Accepted publickey for ec2-user from 203.0.113.24 port 51934 ssh2: ED25519 SHA256:pT3q9kX2mVb8cLw4yZ1nR6sJ0uHf7eDg5aQiWoKtMxE'),
    syslogLine(login + 40, ip, 'systemd-logind[788]: New session 412 of user ec2-user.'),
    syslogLine(removedAt - 3 * MIN, ip, 'sshd[48211]: Received disconnect from 203.0.113.24 port 51934:11: disconnected by user'),
    syslogLine(removedAt - 3 * MIN + 5, ip, 'systemd-logind[788]: Session 412 logged out. Waiting for processes to exit.'),
  ];
  return {
    securityGroup: (group) => ({ ...group, ingress: group.ingress.filter((p) => !allowsTcpPort(p, 22)) }),
    app: { traffic: () => 1, isServing: () => true, acceptsSsh: (t) => t < removedAt - 3 * MIN },
    logLines: (group, from, to) => (group === LOG_GROUPS.system ? lines.filter((l) => l.t >= from && l.t < to) : []),
  };
}

/** The ML server's security group lost its inbound port-22 rules; everything else is healthy. */
export const SSH_BLOCKED_SCENARIO: ScenarioDefinition = {
  name: 'ssh-blocked',
  summary: "pettracker-ml-server's security group has no inbound rule for port 22 any more (8080 still open; checks ok)",
  build,
};
