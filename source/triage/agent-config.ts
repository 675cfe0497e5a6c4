// The CloudWatch Agent for one instance: why memory/disk metrics are missing, and the reference's agent config
// (mem_used_percent, disk_used_percent for /, system and application logs) with the commands to install and start
// it. Log groups are named after the Name tag the way triage finds them again (log-sources.ts): for
// 'pettracker-ml-server', /pettracker/ec2/system and /pettracker/ml-server. Pure.
import type { Instance } from '../domain/types.js';
import { nameStem } from './log-sources.js';
import { shellQuote } from './shell.js';

/** What ListMetrics said of the agent's metrics for the instance. */
export interface AgentMetricsSeen {
  /** Dimension sets (beyond InstanceId) that mem_used_percent is published with; empty when none. */
  readonly memDimensionSets: readonly (readonly string[])[];
  readonly hasDisk: boolean;
}

export const AGENT_CONFIG_PATH = '/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json';

export interface AgentSetup {
  /** The config file's JSON text. */
  readonly json: string;
  readonly logGroups: { readonly system: string; readonly app: string };
  /** The shell script: install, write the config, start. */
  readonly script: string;
  /** The same three steps as one-line commands (the triage's recommendation prints these). */
  readonly commands: readonly string[];
  /** Suggested file name for saving the script. */
  readonly fileName: string;
}

const slug = (s: string): string => s.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

/** '/pettracker/ec2/system' and '/pettracker/ml-server' for 'pettracker-ml-server'; the id when there is no Name. */
export function agentLogGroups(instance: Instance): { system: string; app: string } {
  const name = slug(instance.name);
  const stem = nameStem(name);
  if (stem === undefined) {
    const base = name === '' ? instance.id : name;
    return { system: `/${base}/ec2/system`, app: `/${base}/app` };
  }
  const rest = name.slice(stem.length).replace(/^[-_.]+/, '');
  return { system: `/${stem}/ec2/system`, app: `/${stem}/${rest === '' ? 'app' : rest}` };
}

/** The application's log files: /opt/<app>/logs/*.log, after the app part of the Name. */
function appLogPath(groups: { app: string }): string {
  const app = groups.app.split('/').pop() ?? 'app';
  return `/opt/${app}/logs/*.log`;
}

/** The agent config and the commands, for an instance (Amazon Linux: yum; the agent's own ctl to start). */
export function agentSetup(instance: Instance): AgentSetup {
  const logGroups = agentLogGroups(instance);
  const config = {
    metrics: {
      metrics_collected: {
        mem: { measurement: ['mem_used_percent'] },
        disk: { measurement: ['disk_used_percent'], resources: ['/'] },
      },
      append_dimensions: { InstanceId: '${aws:InstanceId}' },
    },
    logs: {
      logs_collected: {
        files: {
          collect_list: [
            { file_path: '/var/log/messages', log_group_name: logGroups.system },
            { file_path: appLogPath(logGroups), log_group_name: logGroups.app },
          ],
        },
      },
    },
  };
  const json = JSON.stringify(config, null, 4);
  const label = instance.name === '' ? instance.id : `${instance.name} (${instance.id})`;
  const install = 'sudo yum install -y amazon-cloudwatch-agent';
  const start = `sudo /opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG_PATH}`;
  const commands = [install, `echo ${shellQuote(JSON.stringify(config))} | sudo tee ${AGENT_CONFIG_PATH} > /dev/null`, start];
  const script = [
    '#!/bin/sh',
    `# CloudWatch Agent for ${label}: memory and disk metrics, system and application logs.`,
    '# Run on the instance. Its role needs the CloudWatchAgentServerPolicy managed policy.',
    'set -e',
    install,
    `sudo tee ${AGENT_CONFIG_PATH} > /dev/null << 'EOF'`,
    json,
    'EOF',
    start,
    '',
  ].join('\n');
  return { json, logGroups, script, commands, fileName: `cloudwatch-agent-${instance.id}.sh` };
}

/**
 * Why the agent's metrics are not on the charts, in words: not reporting at all, or reporting with dimensions
 * the charts do not ask for (append_dimensions adds ImageId/InstanceType, or InstanceId is missing).
 * `undefined` when the agent reports as expected.
 */
export function agentExplanation(isAgentReporting: boolean | undefined, seen: AgentMetricsSeen | undefined): string[] | undefined {
  if (isAgentReporting === true) return undefined;
  if (seen !== undefined && seen.memDimensionSets.length > 0) {
    const sets = seen.memDimensionSets.map((d) => (d.length === 0 ? 'InstanceId only' : `InstanceId + ${d.join(', ')}`));
    return [
      'The CloudWatch Agent reports mem_used_percent for this instance, but with other dimensions:',
      `  ${[...new Set(sets)].join('; ')}.`,
      'CloudWatch matches dimensions exactly: set append_dimensions to InstanceId alone (below), then restart the agent.',
    ];
  }
  return [
    'No CloudWatch Agent metrics (CWAgent mem_used_percent, disk_used_percent) for this instance.',
    'EC2 itself cannot see inside the OS: memory and disk use come only from the agent.',
    'Install and start it with the config below (saved with w), then wait one or two minutes.',
  ];
}
