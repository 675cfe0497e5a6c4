// A service error as AWS would report it. Services throw it; the handler renders it in the caller's protocol.

/** Who is at fault: AWS's query protocols call a client error 'Sender' and a server error 'Receiver'. */
export type SimFault = 'Sender' | 'Receiver';

export class SimError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fault: SimFault;

  constructor(code: string, message: string, status = 400, fault: SimFault = status >= 500 ? 'Receiver' : 'Sender') {
    super(message);
    this.name = 'SimError';
    this.code = code;
    this.status = status;
    this.fault = fault;
  }
}

/** True when the value is a SimError (services' deliberate failures, as opposed to internal faults). */
export function isSimError(value: unknown): value is SimError {
  return value instanceof SimError;
}
