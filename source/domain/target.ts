// Where AWS calls go, and so where a printed `aws` command must go: the region, the profile when one is in use,
// the endpoint when one is set. Every command the app prints is built from one of these, never from a bare region.

/** The target of the calls and of every printed command. */
export interface CommandTarget {
  readonly region: string;
  /** The named profile in use (--profile or AWS_PROFILE); absent with env-var or default credentials. */
  readonly profile?: string;
  /** An AWS-compatible endpoint (--endpoint-url / AWS_ENDPOINT_URL, moto, LocalStack, `ec2-triage sim`). */
  readonly endpointUrl?: string;
  /** The in-process training fleet: commands name the endpoint `ec2-triage sim` serves by default. */
  readonly isTrainingFleet?: boolean;
  /** The training fleet served by this very run (`learn`): its commands reach the same world while the app runs. */
  readonly isServedHere?: boolean;
  /** The address the user connects from (a /32), when known: SSH fixes and checks name it instead of <your-ip>. */
  readonly callerCidr?: string;
}

/**
 * The trainee's address on the training fleet: `learn`'s stand-in for "your public address" (TEST-NET-3, never
 * routed), so a lesson can ask for a /32 rule and tell it from 0.0.0.0/0.
 */
export const TRAINING_CALLER_ADDRESS = '203.0.113.7';

/** The training address as the one-address CIDR a security group rule names. */
export const TRAINING_CALLER_CIDR = `${TRAINING_CALLER_ADDRESS}/32`;

/** The port `ec2-triage sim` listens on by default (LocalStack's, so tools that know it just work). */
export const SIM_DEFAULT_PORT = 4566;

/** The address of a training fleet served on 127.0.0.1 at that port. */
export function trainingFleetUrl(port: number): string {
  return `http://127.0.0.1:${port}`;
}

/**
 * The training fleet's commands: against the port this run serves its own fleet on (`learn`, where the trainee is
 * at the training address), else against `ec2-triage sim` on its default port.
 */
export function trainingFleetTarget(region: string, servedPort?: number): CommandTarget {
  if (servedPort !== undefined) {
    return { region, endpointUrl: trainingFleetUrl(servedPort), isTrainingFleet: true, isServedHere: true, callerCidr: TRAINING_CALLER_CIDR };
  }
  return { region, endpointUrl: trainingFleetUrl(SIM_DEFAULT_PORT), isTrainingFleet: true };
}

/** One line to print above commands that need it (the training fleet's are not for a real account). */
export function targetNote(target: CommandTarget): string | undefined {
  if (target.isTrainingFleet !== true) return undefined;
  if (target.isServedHere === true) {
    return `Training fleet: these commands run against this lesson's fleet at ${target.endpointUrl ?? ''} while ec2-triage runs (with AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test), not a real account`;
  }
  return `Training fleet: these commands run against \`ec2-triage sim --port ${SIM_DEFAULT_PORT}\` (with AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test), not a real account`;
}
