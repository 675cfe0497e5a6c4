// The fleet's Systems Manager side: which instances the SSM agent manages, their pings, Session Manager
// sessions and Run Command commands. Times are fleet epoch ms; services/ssm.ts renders the wire shapes.

/** What the world knows of a managed instance's agent (undefined for an instance SSM does not manage). */
export interface SimAgentFacts {
  readonly instanceId: string;
  /** 'Amazon Linux' | 'Ubuntu'. */
  readonly platformName: string;
  /** '2023', '2', '22.04'. */
  readonly platformVersion: string;
  readonly agentVersion: string;
  readonly isLatestVersion: boolean;
  /** When the agent first registered (the instance's first boot). */
  readonly registeredAt: number;
  readonly computerName: string;
  readonly ipAddress: string;
  readonly iamRole: string;
}

/** A managed instance as of now (DescribeInstanceInformation). */
export interface SimManagedInstance extends SimAgentFacts {
  /** Online while the agent pings; ConnectionLost once the OS (or the instance) is down. */
  readonly pingStatus: 'Online' | 'ConnectionLost';
  readonly lastPingAt: number;
}

/** A Session Manager session. */
export interface SimSession {
  readonly sessionId: string;
  readonly target: string;
  readonly startedAt: number;
  /** Set by TerminateSession. */
  readonly endedAt: number | undefined;
}

/** A SendCommand as the fleet accepted it. */
export interface SimCommandRequest {
  readonly documentName: string;
  /** Parameters.commands of AWS-RunShellScript. */
  readonly commands: readonly string[];
  readonly instanceIds: readonly string[];
  /** The delivery timeout (TimeoutSeconds, default 3600). */
  readonly timeoutSeconds: number;
  /** The script's own limit (Parameters.executionTimeout, default 3600). */
  readonly executionTimeoutSeconds: number;
  readonly comment: string;
}

/** One command on one instance as of now. */
export interface SimInvocation {
  readonly commandId: string;
  readonly instanceId: string;
  readonly instanceName: string;
  readonly documentName: string;
  readonly comment: string;
  readonly requestedAt: number;
  /** Pending | InProgress | Success | Failed | DeliveryTimedOut | Undeliverable | ExecutionTimedOut. */
  readonly status: string;
  readonly statusDetails: string;
  /** The script's exit code; -1 until it ends. */
  readonly responseCode: number;
  readonly startedAt: number | undefined;
  readonly endedAt: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/** A command across its instances as of now (ListCommands). */
export interface SimCommand extends SimCommandRequest {
  readonly commandId: string;
  readonly requestedAt: number;
  readonly status: string;
  readonly statusDetails: string;
  readonly invocations: readonly SimInvocation[];
}

/** Why the fleet refused an SSM call, as the SSM error AWS would send. */
export interface SimSsmRefusal {
  readonly code: string;
  readonly message: string;
}

export type SimSsmOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: SimSsmRefusal };

/** The fleet's Systems Manager. */
export interface SimSsm {
  /** Every managed instance as of now, sorted by id (terminated instances are deregistered). */
  managedInstances(): readonly SimManagedInstance[];
  managedInstance(id: string): SimManagedInstance | undefined;
  startSession(target: string): SimSsmOutcome<SimSession>;
  /** Ends a session; ending an unknown or ended one is not an error (AWS answers with the id either way). */
  terminateSession(sessionId: string): void;
  sendCommand(request: SimCommandRequest): SimSsmOutcome<SimCommand>;
  /** Commands, newest first. */
  commands(): readonly SimCommand[];
  command(commandId: string): SimCommand | undefined;
}
