// EC2 instance sizes and types in words: the one size ladder (c5.large → c5.xlarge → …) and the one way a type is
// described ('c5.large 2 vCPU 4 GiB'), for triage advice, the resize picker, the preview and the gatherer.
import type { InstanceTypeInfo } from './types.js';

/** Sizes in the order EC2 names them, smallest first. */
export const SIZES: readonly string[] = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];

/** 4096 MiB → '4 GiB', 1536 → '1.5 GiB'. */
export const gib = (mib: number): string => `${Math.round((mib / 1024) * 10) / 10} GiB`;

/** 'c5.large 2 vCPU 4 GiB' */
export const typeText = (t: InstanceTypeInfo): string => `${t.type} ${t.vcpus} vCPU ${gib(t.memoryMiB)}`;

/** The next size by name ('c5.large' → 'c5.xlarge'); undefined for an unknown or the largest size. */
export function nextSizeName(type: string): string | undefined {
  const [family, size = ''] = type.split('.');
  const at = SIZES.indexOf(size);
  const next = SIZES[at + 1];
  return family === undefined || at < 0 || next === undefined ? undefined : `${family}.${next}`;
}

/** The type and the next sizes up its family's ladder (c5.large → c5.xlarge, c5.2xlarge), for resize advice. */
export function familyLadder(type: string, steps = 2): string[] {
  const [family, size] = type.split('.');
  const at = SIZES.indexOf(size ?? '');
  if (family === undefined || at < 0) return [type];
  return SIZES.slice(at, at + steps + 1).map((s) => `${family}.${s}`);
}

/** The size below ('c5.xlarge' → 'c5.large'): the type a start refused for capacity may try. Not every family has it. */
export function previousSizeName(type: string): string | undefined {
  const [family, size = ''] = type.split('.');
  const at = SIZES.indexOf(size);
  const previous = SIZES[at - 1];
  return family === undefined || at <= 0 || previous === undefined ? undefined : `${family}.${previous}`;
}
