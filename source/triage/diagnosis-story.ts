// The vocabulary of a diagnosis: causes, chain links, and the rules that tell a cause's story from the findings,
// with the small helpers every story uses. Apart from diagnosis.ts so the causes can live in files of their own.
import type { Evidence, EvidenceKey } from './evidence.js';
import type { FindingId } from './rules.js';
import type { Finding } from './types.js';

export type CauseId =
  | 'wont-start' | 'not-running' | 'system-check-failed' | 'instance-check-failed' | 'oom' | 'disk-full' | 'cpu-credits'
  | 'high-cpu' | 'high-memory' | 'ssh-blocked' | 'no-public-ip' | 'no-igw-route' | 'nacl-blocks-ssh' | 'key-pair-missing'
  | 'ssh-open-to-world' | 'os-errors' | 'scheduled-event' | 'cpu-steal' | 'ssh-host' | 'healthy' | 'inconclusive';

export type Confidence = 'high' | 'medium' | 'low';

/** One link of a causal chain: what happened, when (if known), and the evidence it rests on. */
export interface ChainLink {
  readonly text: string;
  readonly at?: Date;
  /** Evidence the link states something about; unknown evidence means the link is not drawn. */
  readonly rests?: readonly EvidenceKey[];
}

export type Lookup = (id: FindingId) => Finding | undefined;
export interface Story { title: string; chain: ChainLink[]; confidence: Confidence; why: string; uses: FindingId[] }
export type Rule = { cause: CauseId; applies: (f: Lookup) => boolean; tell: (f: Lookup, e: Evidence) => Story };

export const label = (f: Finding | undefined, i = 0): string | undefined => f?.evidence?.[i]?.label;
export const killed = (f: Finding | undefined): string => /killed (.+?)(?: at |$)/.exec(f?.text ?? '')?.[1] ?? 'the process';
/** A link with its time and the evidence it rests on. */
export const link = (text: string, at?: Date, rests?: readonly EvidenceKey[]): ChainLink => ({ text, ...(at === undefined ? {} : { at }), ...(rests === undefined ? {} : { rests }) });
export const head = (f: Finding | undefined, fallback: string): string => f?.text.split(':')[0] ?? fallback;
/** A host finding's fact, without its lead-in: 'available memory 120 MiB of 7.6 GiB; python3 (pid 1234) uses 6.9 GiB'. */
export const fact = (f: Finding | undefined): string => f?.text.slice(f.text.indexOf(': ') + 2) ?? '';
/** "…; but CloudWatch and the host disagree on memory: …" — said, never settled by picking one of them. */
export const disagreement = (f: Finding | undefined): string => (f === undefined ? '' : `; but ${f.text}`);
