// The engine's thresholds, in one place: the CloudWatch rules and the host-check rules judge with the same lines.

/** Percent thresholds: warning at HIGH, critical at FULL (disk). */
export const HIGH = 90;
export const DISK_FULL = 97;
/** Memory is nearly exhausted on the host when less than this share of it is available (free -m "available"). */
export const HOST_MEM_LOW_PERCENT = 10;
/** CPU steal (vmstat st) at or above this is a finding: the hypervisor gives the CPU to others. */
export const STEAL_HIGH = 10;
/** CloudWatch and the host disagree when their used-percent differ by at least this many points. */
export const DISAGREE_POINTS = 30;
/** A CloudWatch datapoint this close to the host's reading describes the same moment. */
export const SAME_MOMENT_MS = 15 * 60_000;
