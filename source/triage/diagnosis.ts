// Findings → the most likely root cause, told as a causal chain, with a confidence and what was not checked.
// Causes are tried in order of how much they explain: an instance that cannot start or whose host failed explains
// everything downstream; an OOM kill explains the memory peak and the errors; a closed port only explains SSH.
// A link of a chain names the evidence it rests on: when that evidence could not be read, the link is not drawn and
// the confidence drops. "Healthy" needs every deciding piece of evidence read; otherwise the verdict is that the
// app could not determine it, and says which evidence was missing and why.
import type { Evidence, EvidenceKey } from './evidence.js';
import { evidenceItem, missingReason, stateOfKey } from './evidence.js';
import { hm, hms } from './format.js';
import type { NotChecked } from './not-checked.js';
import { notCheckedOf } from './not-checked.js';
import { burstBaseline } from './rules.js';
import { decodeStateReason } from './state-reasons.js';
import type { Finding } from './types.js';
import type { CauseId, ChainLink, Confidence, Lookup, Rule } from './diagnosis-story.js';
import { disagreement, fact, head, label, link } from './diagnosis-story.js';
import { CPU_STEAL, HIGH_CPU, HIGH_MEMORY, hostClears, OOM, SSH_HOST } from './causes-host.js';

export type { CauseId, ChainLink, Confidence } from './diagnosis-story.js';

export interface Diagnosis {
  readonly cause: CauseId;
  /** One line: 'Out of memory: the OOM killer killed python3 (pid 1234) at 02:45:12 UTC'. */
  readonly title: string;
  /** Root cause first, symptom last; the texts of `links`. */
  readonly chain: readonly string[];
  /** The chain's links with their times: in time order, none resting on evidence that could not be read. */
  readonly links: readonly ChainLink[];
  readonly confidence: Confidence;
  readonly confidenceWhy: string;
  /** No warning or critical finding, and the instance is running. */
  readonly healthy: boolean;
  /** The findings the chain is built from. */
  readonly supporting: readonly Finding[];
  /** Other warnings and criticals the cause does not explain. */
  readonly otherFindings: readonly Finding[];
  readonly notChecked: readonly NotChecked[];
}

const RULES: readonly Rule[] = [
  {
    cause: 'wont-start',
    applies: (f) => f('wont-start') !== undefined,
    tell: (f, e) => {
      const info = decodeStateReason(e.instance.stateReason?.code);
      return {
        title: `The instance won't start: ${info?.code ?? e.instance.stateReason?.code ?? 'unknown reason'}`,
        chain: [link(`Start requested (${e.instance.type} in ${e.instance.az})`), link(`EC2 refused: ${info?.code ?? 'unknown'} — ${info?.cause ?? e.instance.stateReason?.message ?? ''}`), link(`Instance stays ${e.instance.state}`, f('wont-start')?.at), link('Service down')],
        confidence: 'high', why: 'EC2 itself recorded the StateReason', uses: ['wont-start'],
      };
    },
  },
  {
    cause: 'system-check-failed',
    applies: (f) => f('system-check-failed') !== undefined,
    tell: (f) => {
      const check = f('system-check-failed');
      return {
        title: 'System status check failed: the AWS host under the instance has a problem',
        chain: [link('AWS host problem (hardware, power or network)'), link(`System status check failed${check?.at === undefined ? '' : ` since ${hm(check.at)}`}`, check?.at, ['status']), link('Instance unreachable'), link('Service down')],
        confidence: 'high', why: 'EC2 reports the system check impaired: the fault is below the OS', uses: ['system-check-failed', 'status-check-history', 'scheduled-event'],
      };
    },
  },
  {
    cause: 'instance-check-failed',
    applies: (f) => f('instance-check-failed') !== undefined || f('kernel-panic') !== undefined,
    tell: (f, e) => {
      const check = f('instance-check-failed');
      const panic = f('kernel-panic');
      const fs = f('fs-error') ?? f('fsck-failed');
      const root = panic ?? fs;
      const statusRead = stateOfKey(e, 'status') !== 'unknown';
      return {
        title: `Instance status check failed${panic === undefined ? '' : ': kernel panic'}`,
        chain: [
          link(root?.text ?? 'OS failure (kernel, boot, file system or network configuration)', root?.at),
          link('The OS stops responding'),
          check !== undefined ? link(`Instance status check failed${check.at === undefined ? '' : ` since ${hm(check.at)}`}`, check.at, ['status'])
            : link('Instance status check passes now', undefined, ['status']),
          link('Instance unreachable, service down'),
        ],
        confidence: check !== undefined && root !== undefined ? 'high' : 'medium',
        why: check !== undefined && panic !== undefined ? 'the check is impaired and the console shows the panic'
          : check !== undefined ? 'the check is impaired; the console output names no cause'
            : statusRead ? 'the console shows a panic, but the instance check passes now' : 'the console shows a panic, but the status checks could not be read',
        uses: ['instance-check-failed', 'kernel-panic', 'fs-error', 'fsck-failed', 'soft-lockup', 'status-check-history'],
      };
    },
  },
  OOM,
  {
    cause: 'disk-full',
    applies: (f) => f('disk-high')?.severity === 'critical' || f('disk-full') !== undefined || f('read-only-fs') !== undefined
      || f('host-disk-full')?.severity === 'critical' || f('host-inodes-full')?.severity === 'critical',
    tell: (f, e) => {
      const disk = f('disk-high');
      const full = f('disk-full');
      const ro = f('read-only-fs');
      const host = f('host-disk-full')?.severity === 'critical' ? f('host-disk-full') : f('host-inodes-full')?.severity === 'critical' ? f('host-inodes-full') : undefined;
      const disagrees = f('host-disk-disagrees');
      const diskState = stateOfKey(e, 'disk');
      const confirmations = [disk, host, full ?? ro].filter((x) => x !== undefined).length;
      const hostLink = host === undefined ? [] : [link(`On the host: ${fact(host)}`, undefined, ['hostDisk'])];
      return {
        title: 'Disk full: the root volume has no space left',
        chain: [
          disk !== undefined ? link(`The root volume fills (${label(disk) ?? disk.text})`, disk.at, ['disk'])
            : host !== undefined ? link(`The root volume fills (on the host: ${fact(host)})`, undefined, ['hostDisk'])
              : diskState === 'absent' ? link('The root volume fills (not measured: no CloudWatch Agent)') : link('The root volume fills', undefined, ['disk']),
          ...(disk === undefined ? [] : hostLink),
          full === undefined ? link('Writes fail') : link(`Writes fail: No space left on device${full.at === undefined ? '' : ` (first at ${hms(full.at)})`}`, full.at),
          ...(ro === undefined ? [] : [link('The file system is remounted read-only', ro.at)]),
          link('Service errors'),
        ],
        confidence: disagrees !== undefined ? 'low' : confirmations >= 2 ? 'high' : 'medium',
        why: `${disk !== undefined && full !== undefined ? 'disk_used_percent reached the top and the logs show ENOSPC'
          : disk !== undefined ? 'disk_used_percent is at the top; no ENOSPC in the logs read'
            : host !== undefined ? `df on the host shows it full${full === undefined ? '' : ' and the logs show ENOSPC'}` : 'the logs show ENOSPC, but disk space was not measured'}${disk !== undefined && host !== undefined ? '; the host confirms it' : ''}${disagreement(disagrees)}`,
        uses: ['disk-high', 'disk-full', 'read-only-fs', 'log-errors', 'host-disk-full', 'host-inodes-full', 'host-disk-disagrees'],
      };
    },
  },
  {
    cause: 'cpu-credits',
    applies: (f) => f('cpu-credits-exhausted') !== undefined,
    tell: (f, e) => {
      const credits = f('cpu-credits-exhausted');
      const baseline = burstBaseline(e.instance.type);
      const b = baseline === undefined ? '' : ` (${baseline}%)`;
      return {
        title: `CPU credits exhausted: ${e.instance.type} is throttled to its baseline`,
        chain: [link(`Sustained CPU demand above the ${e.instance.type} baseline${b}`, undefined, ['cpuAvg']), link(`CPU credits drain to 0${credits?.at === undefined ? '' : ` at ${hm(credits.at)}`}`, credits?.at), link(`CPU throttled to the baseline${b}`), link('Requests slow down')],
        confidence: label(credits, 1) !== undefined ? 'high' : 'medium',
        why: label(credits, 1) !== undefined ? 'CPUCreditBalance is 0 and CPU sits at the baseline' : 'CPUCreditBalance is 0 (CPU average not read)',
        uses: ['cpu-credits-exhausted', 'cpu-high', 'host-steal', 'host-cpu'],
      };
    },
  },
  HIGH_CPU,
  HIGH_MEMORY,
  CPU_STEAL,
  ...(['ssh-port-closed', 'ssh-caller-not-allowed'] as const).map((id): Rule => ({
    cause: 'ssh-blocked', applies: (f) => f(id)?.severity === 'warning',
    tell: (f) => ({ title: `SSH blocked by the security group: ${head(f(id), '')}`, chain: [link(label(f(id)) ?? 'No inbound rule for TCP 22'), link('SSH packets are dropped at the security group'), ...hostClears(f), link('ssh times out')], confidence: 'high', why: 'the security group rules were read directly', uses: [id, 'host-ssh-ok'] }),
  })),
  {
    cause: 'no-public-ip', applies: (f) => f('no-public-ip') !== undefined,
    tell: (f) => ({
      title: 'No public IP: the instance cannot be reached from the internet',
      chain: [link(head(f('no-public-ip'), 'No public IP')), ...(f('no-igw-route') === undefined ? [] : [link(head(f('no-igw-route'), ''))]), link('Unreachable from the internet: ssh times out')],
      confidence: 'high', why: 'DescribeInstances shows no public address', uses: ['no-public-ip', 'no-igw-route'],
    }),
  },
  ...(['no-igw-route', 'nacl-blocks-ssh', 'key-pair-missing', 'ssh-open-to-world'] as const).map((id): Rule => ({
    cause: id, applies: (f) => f(id) !== undefined,
    tell: (f) => ({ title: f(id)?.text ?? id, chain: [link(head(f(id), id)), link(id === 'ssh-open-to-world' ? 'Anyone can try to log in (brute force)' : id === 'key-pair-missing' ? 'Nobody without the old private key can log in' : 'SSH packets are dropped on the way'), ...(id === 'ssh-open-to-world' || id === 'key-pair-missing' ? [] : hostClears(f)), link(id === 'ssh-open-to-world' ? 'Security risk' : 'ssh fails')], confidence: id === 'key-pair-missing' ? 'medium' : 'high', why: 'read from the network configuration', uses: [id, 'host-ssh-ok'] }),
  })),
  SSH_HOST,
  {
    cause: 'not-running', applies: (f) => f('not-running')?.severity === 'warning',
    tell: (f, e) => ({ title: f('not-running')?.text ?? 'The instance is not running', chain: [link(decodeStateReason(e.instance.stateReason?.code)?.cause ?? e.instance.stateTransitionReason ?? 'Stopped'), link(`Instance ${e.instance.state}`, f('not-running')?.at)], confidence: 'high', why: 'EC2 reports the state', uses: ['not-running'] }),
  },
  ...(['sshd-failed', 'cloud-init-failed', 'nic-error', 'soft-lockup', 'fs-error', 'fsck-failed'] as const).map((id): Rule => ({
    cause: 'os-errors', applies: (f) => f(id) !== undefined,
    tell: (f) => ({ title: `OS errors: ${f(id)?.text ?? id}`, chain: [link(f(id)?.text ?? id, f(id)?.at), link('Part of the OS misbehaves'), link('Symptoms depend on the component')], confidence: 'medium', why: 'the console/logs show the error; status checks pass', uses: [id, 'log-errors'] }),
  })),
  {
    cause: 'scheduled-event', applies: (f) => f('scheduled-event') !== undefined,
    tell: (f) => { const x = f('scheduled-event'); return { title: x?.text ?? '', chain: [link(x?.text ?? '', x?.at)], confidence: 'medium', why: 'reported by EC2', uses: ['scheduled-event', 'status-check-history'] }; },
  },
];

/**
 * The evidence a clean verdict depends on: each could have shown a problem. Unread (denied, throttled, timed out…),
 * "no problem found" cannot be said. Network items are judged only for running instances (as the rules are).
 */
export function decidingEvidence(e: Evidence): EvidenceKey[] {
  const metrics: EvidenceKey[] = ['cpuAvg', 'cpuMax', 'statusFailedSystem', 'statusFailedInstance', 'mem', 'disk', ...(e.metrics.cpuCreditBalance === undefined ? [] : (['cpuCreditBalance'] as const))];
  const network: EvidenceKey[] = e.instance.state === 'running' ? ['securityGroups', 'subnet', 'routeTable', 'networkAcl', 'keyPair'] : [];
  return ['status', ...metrics, 'console', 'logs', ...network];
}

/** The core of the reference's Status → Metrics → Logs: without it read, nothing can be said at all. */
const CORE: readonly (readonly EvidenceKey[])[] = [['status'], ['cpuAvg', 'cpuMax'], ['console', 'logs']];

const DOWN: Readonly<Record<Confidence, Confidence>> = { high: 'medium', medium: 'low', low: 'low' };

/** Series a running instance always has: none in the window means the window shows nothing (e.g. --at before it). */
const ALWAYS_REPORTED: readonly EvidenceKey[] = ['cpuAvg', 'cpuMax'];

/** Deciding evidence that could not be read (not-applicable items are not missing: there is nothing to read). */
export function unreadEvidence(e: Evidence): EvidenceKey[] {
  return decidingEvidence(e).filter((k) => {
    const kind = missingReason(evidenceItem(e, k))?.kind;
    if (kind === 'no-data') return e.instance.state === 'running' && ALWAYS_REPORTED.includes(k);
    return stateOfKey(e, k) === 'unknown' && kind !== 'not-applicable';
  });
}

function verdictWithoutCause(evidence: Evidence, findings: readonly Finding[], notChecked: readonly NotChecked[]): Diagnosis {
  const unread = unreadEvidence(evidence);
  const base = { chain: [], links: [], supporting: [], otherFindings: findings, notChecked };
  if (unread.length === 0) {
    return {
      ...base, cause: 'healthy', healthy: evidence.instance.state === 'running',
      title: 'No problem found',
      confidence: notChecked.length === 0 ? 'high' : 'medium',
      confidenceWhy: notChecked.length === 0 ? 'status, metrics, logs and network all read and clean' : `clean; not read but not deciding: ${notChecked.map((n) => n.what).join(', ')}`,
    };
  }
  const isBlind = CORE.some((group) => group.every((k) => unread.includes(k)));
  // Right after a start or a fix the metrics simply have not come yet: say that, and when to look again.
  const isTooSoon = unread.every((k) => missingReason(evidenceItem(evidence, k))?.kind === 'not-yet');
  if (isTooSoon) {
    return {
      ...base, cause: 'inconclusive', healthy: false,
      title: 'Not yet: no metric datapoint since the instance started (or the fix); t again in a minute or five',
      confidence: 'low',
      confidenceWhy: `not read yet: ${notChecked.filter((n) => n.kind === 'not-yet').map((n) => n.what).join(', ')}`,
    };
  }
  const reasons = notChecked.filter((n) => n.kind !== 'no-agent' && n.kind !== 'no-log-group').map((n) => `${n.what} (${n.why})`);
  return {
    ...base, cause: 'inconclusive', healthy: false,
    title: isBlind
      ? `Could not determine: ${reasons.slice(0, 2).join('; ')}`
      : `No problem in what was read, but ${unread.length} deciding check(s) could not run: ${reasons.slice(0, 2).join('; ')}`,
    confidence: 'low',
    confidenceWhy: `not read: ${reasons.join('; ')}`,
  };
}

/** The most likely root cause of the findings, with its chain, confidence, and what was not checked. */
export function diagnose(evidence: Evidence, findings: readonly Finding[]): Diagnosis {
  const notChecked = notCheckedOf(evidence);
  const serious = findings.filter((f) => f.severity !== 'info');
  const lookup: Lookup = (id) => findings.find((f) => f.id === id);
  const rule = RULES.find((r) => r.applies(lookup));
  if (rule === undefined || serious.length === 0) return verdictWithoutCause(evidence, findings, notChecked);
  const story = rule.tell(lookup, evidence);
  // A link that states something about evidence which could not be read is not drawn: it would be a guess.
  const links = story.chain.filter((l) => (l.rests ?? []).every((k) => stateOfKey(evidence, k) !== 'unknown'));
  const dropped = story.chain.length - links.length;
  const confidence = dropped === 0 ? story.confidence : DOWN[story.confidence];
  const supporting = findings.filter((f) => f.id !== undefined && (story.uses as readonly string[]).includes(f.id));
  return {
    cause: rule.cause, title: story.title, chain: links.map((l) => l.text), links, confidence,
    confidenceWhy: dropped === 0 ? story.why : `${story.why}; ${dropped} link(s) left out: their evidence could not be read`,
    healthy: false, supporting, otherFindings: serious.filter((f) => !supporting.includes(f)), notChecked,
  };
}

/** The chain as one line: 'Traffic spike → Memory climbs → …'. */
export const chainText = (d: Diagnosis): string => d.chain.join(' → ');
