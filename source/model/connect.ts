// What `c` does for an instance: an SSM session when it can work here, else the SSH line to use instead. Pure:
// the facts (PATH, SSM's answer) are read by the caller; this only decides and words it.
import type { ManagedInstance } from '../domain/host-checks.js';
import type { CommandTarget } from '../domain/target.js';
import type { Instance } from '../domain/types.js';
import { shellQuote, targetArgv } from '../triage/shell.js';

/** What is known when `c` is pressed. `managed`: SSM's entry (undefined: not managed); a string: why it is unknown. */
export interface ConnectFacts {
  readonly instance: Instance;
  readonly managed: ManagedInstance | undefined | string;
  readonly hasAwsCli: boolean;
  readonly hasPlugin: boolean;
  /** The AMI's name (DescribeImages), which tells the family when SSM does not. */
  readonly imageName?: string | undefined;
}

export type ConnectPlan =
  /** `argv[0]` is `aws`: `aws ssm start-session --target <id> <target flags>`. */
  | { readonly kind: 'session'; readonly argv: readonly string[] }
  /** No session: why (one line), the SSH command, and what to know about it (user, address). */
  | { readonly kind: 'ssh'; readonly reason: string; readonly command: string; readonly notes: readonly string[] };

/**
 * The login user of an AMI family, from SSM's platform name, an AMI name (al2023-ami-…, amzn2-ami-…,
 * ubuntu/images/…, debian-12-…, RHEL-9…) or the platform details; undefined when unknown.
 */
export function sshUserFor(platform: string | undefined): string | undefined {
  const p = (platform ?? '').toLowerCase();
  if (p === '') return undefined;
  if (p.includes('ubuntu')) return 'ubuntu';
  if (p.includes('debian')) return 'admin';
  if (/amazon linux|^al20\d\d-ami|^amzn|red hat|rhel|centos|fedora|suse|sles|rocky|alma|oracle/.test(p)) return 'ec2-user';
  return undefined;
}

/** `aws ssm start-session --target <id>` with the app's target flags, as argv. */
export function sessionArgv(instanceId: string, target: CommandTarget): string[] {
  return ['aws', 'ssm', 'start-session', '--target', instanceId, ...targetArgv(target)];
}

/** Why no session is started, in one line; undefined when one can be. */
export function noSessionReason(facts: ConnectFacts): string | undefined {
  const { instance, managed } = facts;
  if (instance.state !== 'running') return `${instance.id} is ${instance.state}: a session needs it running`;
  // The instance's side first: installing tools would not help an instance SSM cannot reach.
  if (typeof managed === 'string') return `SSM could not be asked whether it manages ${instance.id}: ${managed}`;
  if (managed === undefined) return `${instance.id} is not managed by SSM (no agent registered, or no instance profile allowing it)`;
  if (managed.pingStatus !== 'Online') return `the SSM agent on ${instance.id} is ${managed.pingStatus} (not online): a session would not connect`;
  if (!facts.hasAwsCli) return 'the aws CLI is not on PATH: Session Manager needs it (and session-manager-plugin)';
  if (!facts.hasPlugin) return 'session-manager-plugin is not on PATH: install it for `aws ssm start-session`';
  return undefined;
}

/** The SSH line and its notes: key pair, user for the AMI family, and the address (public, else private via a bastion). */
export function sshPlan(instance: Instance, managed: ManagedInstance | undefined, imageName?: string): { readonly command: string; readonly notes: readonly string[] } {
  const notes: string[] = [];
  if (/windows/i.test(instance.platformDetails ?? '')) notes.push('Windows: connect with RDP (port 3389, the password from the key pair), or Fleet Manager');
  const user = sshUserFor(managed?.platformName) ?? sshUserFor(imageName) ?? sshUserFor(instance.platformDetails);
  if (user === undefined) notes.push('user depends on the AMI (ec2-user on Amazon Linux/RHEL, ubuntu on Ubuntu, admin on Debian)');
  const publicAddress = instance.publicIp ?? instance.publicDns;
  if (publicAddress === undefined) {
    notes.push(`no public IP: reach ${instance.privateIp ?? 'its private IP'} from inside the VPC (a bastion, VPN or EC2 Instance Connect Endpoint)`);
  }
  const address = publicAddress ?? instance.privateIp ?? '<address>';
  if (instance.keyName === undefined) notes.push('no key pair on the instance: only a key put there another way (user data, SSM) can log in');
  const key = instance.keyName === undefined ? [] : ['-i', shellQuote(`${instance.keyName}.pem`)];
  return { command: ['ssh', ...key, `${user ?? '<user>'}@${address}`].join(' '), notes };
}

/** The decision: a session when the CLI, the plugin and an online SSM agent are all there; else the SSH line. */
export function connectPlan(facts: ConnectFacts, target: CommandTarget): ConnectPlan {
  const reason = noSessionReason(facts);
  if (reason === undefined) return { kind: 'session', argv: sessionArgv(facts.instance.id, target) };
  const managed = typeof facts.managed === 'string' ? undefined : facts.managed;
  return { kind: 'ssh', reason, ...sshPlan(facts.instance, managed, facts.imageName) };
}
