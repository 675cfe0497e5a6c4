// The instance types the training fleet knows, with AWS's published vCPU and memory figures.
import type { SimInstanceType } from './types.js';

/** T3 CPU-credit economics: baseline %, credits earned per hour, and the maximum balance (24 h of earnings). */
export interface BurstCredits {
  readonly baselinePercent: number;
  readonly creditsPerHour: number;
  readonly maxBalance: number;
}

const nitro = (type: string, vcpus: number, memoryMiB: number): SimInstanceType => ({
  type,
  vcpus,
  memoryMiB,
  architectures: ['x86_64'],
  isCurrentGeneration: true,
  isBurstable: type.startsWith('t'),
  hypervisor: 'nitro',
  virtualizationTypes: ['hvm'],
});

/** Every type the world knows, sorted by family then size. */
export const INSTANCE_TYPES: readonly SimInstanceType[] = [
  nitro('c5.large', 2, 4096),
  nitro('c5.xlarge', 4, 8192),
  nitro('c5.2xlarge', 8, 16384),
  nitro('c5.4xlarge', 16, 32768),
  nitro('m5.large', 2, 8192),
  nitro('m5.xlarge', 4, 16384),
  nitro('m5.2xlarge', 8, 32768),
  nitro('m5.4xlarge', 16, 65536),
  nitro('r5.large', 2, 16384),
  nitro('r5.xlarge', 4, 32768),
  nitro('r5.2xlarge', 8, 65536),
  nitro('t3.nano', 2, 512),
  nitro('t3.micro', 2, 1024),
  nitro('t3.small', 2, 2048),
  nitro('t3.medium', 2, 4096),
  nitro('t3.large', 2, 8192),
  nitro('t3.xlarge', 4, 16384),
  nitro('t3.2xlarge', 8, 32768),
];

const BY_NAME = new Map(INSTANCE_TYPES.map((t) => [t.type, t]));

const CREDITS: Readonly<Record<string, BurstCredits>> = {
  't3.nano': { baselinePercent: 5, creditsPerHour: 6, maxBalance: 144 },
  't3.micro': { baselinePercent: 10, creditsPerHour: 12, maxBalance: 288 },
  't3.small': { baselinePercent: 20, creditsPerHour: 24, maxBalance: 576 },
  't3.medium': { baselinePercent: 20, creditsPerHour: 24, maxBalance: 576 },
  't3.large': { baselinePercent: 30, creditsPerHour: 36, maxBalance: 864 },
  't3.xlarge': { baselinePercent: 40, creditsPerHour: 96, maxBalance: 2304 },
  't3.2xlarge': { baselinePercent: 40, creditsPerHour: 192, maxBalance: 4608 },
};

/** The catalogue entry of a type; undefined when the world does not know it. */
export function instanceType(type: string): SimInstanceType | undefined {
  return BY_NAME.get(type);
}

/** Credit economics of a burstable type; undefined for fixed-performance types. */
export function burstCredits(type: string): BurstCredits | undefined {
  return CREDITS[type];
}
