// The contract between aws/ and an AWS-compatible endpoint that runs inside the process (the training fleet):
// aws/ hands it the signed, serialised HTTP request the SDK would have sent on a socket, and parses its answer
// like any other. aws/ defines what it consumes; sim/ satisfies it without aws/ ever importing sim/.

/** An HTTP request as an in-process endpoint receives it. */
export interface InProcessRequest {
  readonly method: string;
  /** Path without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Its answer. */
export interface InProcessResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An endpoint in the same process: the SDK's request handler calls it instead of opening a socket. */
export type InProcessHandler = (request: InProcessRequest) => Promise<InProcessResponse>;
