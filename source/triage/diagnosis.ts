// Findings → the most likely root cause, told as a causal chain, with a confidence and what was not checked.
// Causes are tried in order of how much they explain: an instance that cannot start or whose host failed explains
// everything downstream; an OOM kill explains the memory peak and the errors; a closed port only explains SSH.
import type { Evidence } from './evidence.js';
import { hm, hms } from './format.js';
import type { NotChecked } from './not-checked.js';
import { notCheckedOf } from './not-checked.js';
import { burstBaseline } from './rules.js';
import type { FindingId } from './rules.js';
import { decodeStateReason } from './state-reasons.js';
import type { Finding } from './types.js';

export type CauseId =
  | 'wont-start' | 'not-running' | 'system-check-failed' | 'instance-check-failed' | 'oom' | 'disk-full' | 'cpu-credits'
  | 'high-cpu' | 'high-memory' | 'ssh-blocked' | 'no-public-ip' | 'no-igw-route' | 'nacl-blocks-ssh' | 'key-pair-missing'
  | 'ssh-open-to-world' | 'os-errors' | 'scheduled-event' | 'healthy' | 'inconclusive';

export type Confidence = 'high' | 'medium' | 'low';

export interface Diagnosis {
  readonly cause: CauseId;
  /** One line: 'Out of memory: the OOM killer killed python3 (pid 1234) at 02:45:12 UTC'. */
  readonly title: string;
  /** Root cause first, symptom last. */
  readonly chain: readonly string[];
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

type Lookup = (id: FindingId) => Finding | undefined;
interface Story { title: string; chain: string[]; confidence: Confidence; why: string; uses: FindingId[] }
type Rule = { cause: CauseId; applies: (f: Lookup) => boolean; tell: (f: Lookup, e: Evidence) => Story };

const label = (f: Finding | undefined, i = 0): string | undefined => f?.evidence?.[i]?.label;
const killed = (f: Finding | undefined): string => /killed (.+?)(?: at |$)/.exec(f?.text ?? '')?.[1] ?? 'the process';

const OOM: Rule = {
  cause: 'oom',
  applies: (f) => f('oom-kill') !== undefined,
  tell: (f) => {
    const kill = f('oom-kill');
    const mem = f('mem-high');
    const spike = f('traffic-spike');
    return {
      title: `Out of memory: ${kill?.text ?? 'the OOM killer killed a process'}`,
      chain: [
        spike === undefined ? 'Memory demand grew (no traffic spike seen in NetworkIn)' : `Traffic spike (${label(spike) ?? spike.text})`,
        mem === undefined ? 'Memory climbs (not measured: no CloudWatch Agent)' : `Memory climbs (${label(mem) ?? mem.text})`,
        `OOM killer triggered${kill?.at === undefined ? '' : ` at ${hms(kill.at)}`}`,
        `${killed(kill)} killed`,
        'Service unavailable',
      ],
      confidence: mem !== undefined ? 'high' : 'medium',
      why: mem !== undefined ? 'the kernel logged the OOM kill and memory peaked just before it' : 'the kernel logged the OOM kill, but memory was not measured (no CloudWatch Agent)',
      uses: ['traffic-spike', 'mem-high', 'oom-kill', 'log-errors', 'cpu-high'],
    };
  },
};

const RULES: readonly Rule[] = [
  {
    cause: 'wont-start',
    applies: (f) => f('wont-start') !== undefined,
    tell: (f, e) => {
      const info = decodeStateReason(e.instance.stateReason?.code);
      return {
        title: `The instance won't start: ${info?.code ?? e.instance.stateReason?.code ?? 'unknown reason'}`,
        chain: [`Start requested (${e.instance.type} in ${e.instance.az})`, `EC2 refused: ${info?.code ?? 'unknown'} — ${info?.cause ?? e.instance.stateReason?.message ?? ''}`, `Instance stays ${e.instance.state}`, 'Service down'],
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
        chain: ['AWS host problem (hardware, power or network)', `System status check failed${check?.at === undefined ? '' : ` since ${hm(check.at)}`}`, 'Instance unreachable', 'Service down'],
        confidence: 'high', why: 'EC2 reports the system check impaired: the fault is below the OS', uses: ['system-check-failed', 'status-check-history', 'scheduled-event'],
      };
    },
  },
  {
    cause: 'instance-check-failed',
    applies: (f) => f('instance-check-failed') !== undefined || f('kernel-panic') !== undefined,
    tell: (f) => {
      const check = f('instance-check-failed');
      const panic = f('kernel-panic');
      const fs = f('fs-error') ?? f('fsck-failed');
      const root = panic !== undefined ? panic.text : fs !== undefined ? fs.text : 'OS failure (kernel, boot, file system or network configuration)';
      return {
        title: `Instance status check failed${panic === undefined ? '' : ': kernel panic'}`,
        chain: [root, 'The OS stops responding', check === undefined ? 'Instance status check (not read)' : `Instance status check failed${check.at === undefined ? '' : ` since ${hm(check.at)}`}`, 'Instance unreachable, service down'],
        confidence: check !== undefined && (panic !== undefined || fs !== undefined) ? 'high' : 'medium',
        why: check !== undefined && panic !== undefined ? 'the check is impaired and the console shows the panic'
          : check !== undefined ? 'the check is impaired; the console output names no cause' : 'the console shows a panic, but the status checks were not read',
        uses: ['instance-check-failed', 'kernel-panic', 'fs-error', 'fsck-failed', 'soft-lockup', 'status-check-history'],
      };
    },
  },
  OOM,
  {
    cause: 'disk-full',
    applies: (f) => f('disk-high')?.severity === 'critical' || f('disk-full') !== undefined || f('read-only-fs') !== undefined,
    tell: (f) => {
      const disk = f('disk-high');
      const full = f('disk-full');
      const ro = f('read-only-fs');
      return {
        title: 'Disk full: the root volume has no space left',
        chain: [
          disk === undefined ? 'The root volume fills (not measured: no CloudWatch Agent)' : `The root volume fills (${label(disk) ?? disk.text})`,
          full === undefined ? 'Writes fail' : `Writes fail: No space left on device${full.at === undefined ? '' : ` (first at ${hms(full.at)})`}`,
          ...(ro === undefined ? [] : ['The file system is remounted read-only']),
          'Service errors',
        ],
        confidence: disk !== undefined && (full !== undefined || ro !== undefined) ? 'high' : 'medium',
        why: disk !== undefined && full !== undefined ? 'disk_used_percent reached the top and the logs show ENOSPC' : disk !== undefined ? 'disk_used_percent is at the top; no ENOSPC in the logs read' : 'the logs show ENOSPC, but disk space was not measured',
        uses: ['disk-high', 'disk-full', 'read-only-fs', 'log-errors'],
      };
    },
  },
  {
    cause: 'cpu-credits',
    applies: (f) => f('cpu-credits-exhausted') !== undefined,
    tell: (f, e) => {
      const credits = f('cpu-credits-exhausted');
      const baseline = burstBaseline(e.instance.type);
      return {
        title: `CPU credits exhausted: ${e.instance.type} is throttled to its baseline`,
        chain: [`Sustained CPU demand above the ${e.instance.type} baseline${baseline === undefined ? '' : ` (${baseline}%)`}`, `CPU credits drain to 0${credits?.at === undefined ? '' : ` at ${hm(credits.at)}`}`, `CPU throttled to the baseline${baseline === undefined ? '' : ` (${baseline}%)`}`, 'Requests slow down'],
        confidence: label(credits, 1) !== undefined ? 'high' : 'medium',
        why: label(credits, 1) !== undefined ? 'CPUCreditBalance is 0 and CPU sits at the baseline' : 'CPUCreditBalance is 0 (CPU average not read)',
        uses: ['cpu-credits-exhausted', 'cpu-high'],
      };
    },
  },
  {
    cause: 'high-cpu', applies: (f) => f('cpu-high') !== undefined,
    tell: (f) => ({ title: `High CPU: ${f('cpu-high')?.text ?? ''}`, chain: ['A process (or noisy neighbour: steal) uses the CPU', f('cpu-high')?.text ?? 'CPU high', 'Requests queue and slow down'], confidence: 'low', why: 'CloudWatch shows the load, not which process: run the host commands', uses: ['cpu-high'] }),
  },
  {
    cause: 'high-memory', applies: (f) => f('mem-high') !== undefined,
    tell: (f) => ({ title: `High memory: ${f('mem-high')?.text ?? ''}`, chain: ['Memory demand grows (load or a leak)', f('mem-high')?.text ?? 'Memory high', 'Risk of OOM kills and swapping'], confidence: 'medium', why: 'memory is high but no OOM kill was logged', uses: ['mem-high', 'traffic-spike'] }),
  },
  ...(['ssh-port-closed', 'ssh-caller-not-allowed'] as const).map((id): Rule => ({
    cause: 'ssh-blocked', applies: (f) => f(id)?.severity === 'warning',
    tell: (f) => ({ title: `SSH blocked by the security group: ${f(id)?.text.split(':')[0] ?? ''}`, chain: [label(f(id)) ?? 'No inbound rule for TCP 22', 'SSH packets are dropped at the security group', 'ssh times out'], confidence: 'high', why: 'the security group rules were read directly', uses: [id] }),
  })),
  {
    cause: 'no-public-ip', applies: (f) => f('no-public-ip') !== undefined,
    tell: (f) => ({
      title: 'No public IP: the instance cannot be reached from the internet',
      chain: [f('no-public-ip')?.text.split(':')[0] ?? 'No public IP', ...(f('no-igw-route') === undefined ? [] : [f('no-igw-route')?.text.split(':')[0] ?? '']), 'Unreachable from the internet: ssh times out'],
      confidence: 'high', why: 'DescribeInstances shows no public address', uses: ['no-public-ip', 'no-igw-route'],
    }),
  },
  ...(['no-igw-route', 'nacl-blocks-ssh', 'key-pair-missing', 'ssh-open-to-world'] as const).map((id): Rule => ({
    cause: id, applies: (f) => f(id) !== undefined,
    tell: (f) => ({ title: f(id)?.text ?? id, chain: [f(id)?.text.split(':')[0] ?? id, id === 'ssh-open-to-world' ? 'Anyone can try to log in (brute force)' : id === 'key-pair-missing' ? 'Nobody without the old private key can log in' : 'SSH packets are dropped on the way', id === 'ssh-open-to-world' ? 'Security risk' : 'ssh fails'], confidence: id === 'key-pair-missing' ? 'medium' : 'high', why: 'read from the network configuration', uses: [id] }),
  })),
  {
    cause: 'not-running', applies: (f) => f('not-running')?.severity === 'warning',
    tell: (f, e) => ({ title: f('not-running')?.text ?? 'The instance is not running', chain: [decodeStateReason(e.instance.stateReason?.code)?.cause ?? e.instance.stateTransitionReason ?? 'Stopped', `Instance ${e.instance.state}`], confidence: 'high', why: 'EC2 reports the state', uses: ['not-running'] }),
  },
  ...(['sshd-failed', 'cloud-init-failed', 'nic-error', 'soft-lockup', 'fs-error', 'fsck-failed'] as const).map((id): Rule => ({
    cause: 'os-errors', applies: (f) => f(id) !== undefined,
    tell: (f) => ({ title: `OS errors: ${f(id)?.text ?? id}`, chain: [f(id)?.text ?? id, 'Part of the OS misbehaves', 'Symptoms depend on the component'], confidence: 'medium', why: 'the console/logs show the error; status checks pass', uses: [id, 'log-errors'] }),
  })),
  {
    cause: 'scheduled-event', applies: (f) => f('scheduled-event') !== undefined || f('status-check-history') !== undefined,
    tell: (f) => { const x = f('scheduled-event') ?? f('status-check-history'); return { title: x?.text ?? '', chain: [x?.text ?? ''], confidence: 'medium', why: 'reported by EC2', uses: ['scheduled-event', 'status-check-history'] }; },
  },
];

/** The most likely root cause of the findings, with its chain, confidence, and what was not checked. */
export function diagnose(evidence: Evidence, findings: readonly Finding[]): Diagnosis {
  const notChecked = notCheckedOf(evidence);
  const serious = findings.filter((f) => f.severity !== 'info');
  const lookup: Lookup = (id) => findings.find((f) => f.id === id);
  const rule = RULES.find((r) => r.applies(lookup));
  if (rule === undefined || serious.length === 0) {
    const isBlind = notChecked.some((n) => n.what.startsWith('Status')) && notChecked.some((n) => n.what.startsWith('CPU average'));
    const cause: CauseId = isBlind ? 'inconclusive' : 'healthy';
    return {
      cause, healthy: !isBlind && evidence.instance.state === 'running',
      title: isBlind ? 'Inconclusive: neither status checks nor metrics could be read' : `No problem found${notChecked.length > 0 ? ` (${notChecked.length} item(s) not checked)` : ''}`,
      chain: [],
      confidence: isBlind ? 'low' : notChecked.length === 0 ? 'high' : 'medium',
      confidenceWhy: isBlind ? 'the main evidence is missing' : notChecked.length === 0 ? 'status, metrics, logs and network all read and clean' : `clean, but ${notChecked.map((n) => n.what).join(', ')} not checked`,
      supporting: [], otherFindings: findings, notChecked,
    };
  }
  const story = rule.tell(lookup, evidence);
  const supporting = findings.filter((f) => f.id !== undefined && (story.uses as readonly string[]).includes(f.id));
  return {
    cause: rule.cause, title: story.title, chain: story.chain, confidence: story.confidence, confidenceWhy: story.why,
    healthy: false, supporting, otherFindings: serious.filter((f) => !supporting.includes(f)), notChecked,
  };
}

/** The chain as one line: 'Traffic spike → Memory climbs → …'. */
export const chainText = (d: Diagnosis): string => d.chain.join(' → ');

