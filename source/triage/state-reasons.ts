// StateReason codes decoded: what EC2 records on an instance that stopped or could not start, with cause and fix.
// EC2 records most codes with a 'Server.' or 'Client.' prefix on the instance, while the StartInstances error
// itself omits it (InsufficientInstanceCapacity); both spellings are looked up.

export interface StateReasonInfo {
  readonly code: string;
  /** A failure to start/keep running, as opposed to a deliberate stop. */
  readonly isFailure: boolean;
  readonly cause: string;
  readonly fix: string;
}

const ROWS: readonly StateReasonInfo[] = [
  { code: 'Server.InsufficientInstanceCapacity', isFailure: true, cause: 'AWS has no spare capacity for this instance type in this Availability Zone right now', fix: 'Retry in a few minutes, start it as another type (same family, or the previous one), or launch from an AMI into another AZ' },
  { code: 'Server.InternalError', isFailure: true, cause: 'An internal error on the AWS side while starting the instance', fix: 'Start it again; if it persists, stop/start once more or launch a replacement from an AMI, and contact AWS Support' },
  { code: 'Client.VolumeLimitExceeded', isFailure: true, cause: 'The account hit its EBS volume or storage limit', fix: 'Delete unused EBS volumes/snapshots or request a higher EBS quota (Service Quotas)' },
  { code: 'Client.InvalidSnapshot.NotFound', isFailure: true, cause: "A snapshot the AMI's block device mapping refers to was deleted", fix: 'Launch from an AMI whose snapshots exist, or restore/re-register the AMI with a valid snapshot' },
  { code: 'Client.InternalError', isFailure: true, cause: 'A client-side error on start: usually an encrypted EBS volume whose KMS key the instance cannot use (key disabled, pending deletion, or the key policy/grant denies it)', fix: 'Enable the KMS key or restore access to it (key policy, grants for the EC2 service role), then start again' },
  { code: 'Client.UserInitiatedShutdown', isFailure: false, cause: 'Someone stopped the instance (console, CLI/API, or an automation)', fix: 'Start it if it should be running; CloudTrail (StopInstances) names who stopped it' },
  { code: 'Client.InstanceInitiatedShutdown', isFailure: true, cause: 'The OS shut itself down (shutdown/poweroff inside the instance, or a user-data script that ends in halt)', fix: 'Start it and read the console output and OS logs for what ran shutdown; check InstanceInitiatedShutdownBehavior' },
  { code: 'Server.ScheduledStop', isFailure: true, cause: 'AWS stopped the instance for a scheduled retirement of its host', fix: 'Start it again: it moves to new hardware' },
  { code: 'Server.SpotInstanceTermination', isFailure: true, cause: 'The Spot Instance was interrupted (capacity reclaimed or price above your maximum)', fix: 'Use On-Demand for this workload, diversify Spot types/AZs, or handle the two-minute interruption notice' },
  { code: 'Server.SpotInstanceShutdown', isFailure: true, cause: 'The Spot Instance was stopped by an interruption', fix: 'Start it when capacity returns, or move the workload to On-Demand' },
  { code: 'Client.InstanceLimitExceeded', isFailure: true, cause: 'The account reached its limit of running instances', fix: 'Request a higher On-Demand limit in Service Quotas or stop other instances' },
  { code: 'Client.VcpuLimitExceeded', isFailure: true, cause: 'The account reached its vCPU quota for this instance family', fix: 'Request a higher vCPU quota (Service Quotas: Running On-Demand instances) or use fewer/smaller instances' },
];

const BY_CODE = new Map<string, StateReasonInfo>(ROWS.flatMap((r) => [[r.code, r], [r.code.replace(/^(?:Server|Client)\./, ''), r]]));

/** The row for a StateReason code (with or without its Server./Client. prefix); undefined when unknown. */
export function decodeStateReason(code: string | undefined): StateReasonInfo | undefined {
  if (code === undefined || code === '') return undefined;
  return BY_CODE.get(code) ?? BY_CODE.get(code.replace(/^(?:Server|Client)\./, ''));
}

/** Every decoded code, for the Won't start runbook's table. */
export const STATE_REASONS: readonly StateReasonInfo[] = ROWS;
