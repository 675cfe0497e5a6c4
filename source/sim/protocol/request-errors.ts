// Named errors for requests the fleet refuses before any operation runs (as moto's exceptions.py names its
// errors): limits, malformed encodings, unknown parameters, and callers the server does not serve. Codes are the
// ones AWS's Query services document as common errors (MalformedQueryString, InvalidQueryParameter,
// UnknownParameter) or, where no Query service has one, the code another AWS service uses for the same refusal.
import { SimError } from './errors.js';

const thousands = (n: number): string => n.toLocaleString('en-US');

/** A %-escape that does not decode, or bytes that are not UTF-8 (400 MalformedQueryString). */
export function malformedQueryString(detail: string): SimError {
  return new SimError('MalformedQueryString', `The query string contains a syntax error: ${detail}.`);
}

/** More fields than the fleet reads in one request (400 InvalidQueryParameter). */
export function tooManyParameters(limit: number): SimError {
  return new SimError('InvalidQueryParameter', `The AWS query string is malformed or does not adhere to AWS standards: more than ${thousands(limit)} parameters.`);
}

/** A field name nested deeper than any AWS parameter (400 InvalidQueryParameter); names only its start. */
export function tooDeeplyNested(name: string, limit: number): SimError {
  return new SimError(
    'InvalidQueryParameter',
    `The AWS query string is malformed or does not adhere to AWS standards: parameter ${name.slice(0, 40)}… nests deeper than ${limit} levels.`,
  );
}

/** A parameter the operation does not have (400 UnknownParameter, as EC2 answers it). */
export function unknownParameter(name: string): SimError {
  return new SimError('UnknownParameter', `The parameter ${name.slice(0, 128)} is not recognized`);
}

/** A body past the size limit (413 RequestEntityTooLarge, CloudWatch's answer to an oversized request). */
export function requestTooLarge(limitBytes: number): SimError {
  return new SimError('RequestEntityTooLarge', `Request size exceeded ${thousands(limitBytes)} bytes.`, 413);
}

/** Request headers past Node's limit (400 RequestHeaderSectionTooLarge, as S3 answers it). */
export function headersTooLarge(): SimError {
  return new SimError('RequestHeaderSectionTooLarge', 'Your request header section exceeds the maximum allowed size.');
}

/** HTTP the server cannot parse (400 InvalidRequest). */
export function invalidHttpRequest(): SimError {
  return new SimError('InvalidRequest', 'The request is not valid HTTP/1.1.');
}

/** Headers or body that did not arrive in time (400 RequestTimeout, as S3 answers it). */
export function requestTimeout(): SimError {
  return new SimError('RequestTimeout', 'Your socket connection to the server was not read from or written to within the timeout period.');
}

/** A mutating action sent as GET (405 MethodNotAllowed): writes come as POST, as the SDKs and the CLI send them. */
export function writeNeedsPost(action: string): SimError {
  return new SimError('MethodNotAllowed', `${action.slice(0, 64)} changes the fleet and is accepted only as POST.`, 405);
}

/** A Host the fleet does not answer to (400 InvalidHostHeader): DNS rebinding sends a foreign name. */
export function foreignHost(host: string): SimError {
  return new SimError('InvalidHostHeader', `The training fleet answers only requests addressed to 127.0.0.1 or localhost, not ${host.slice(0, 64)}.`);
}

/** A request a web page made (403 AccessDenied): the fleet refuses every foreign Origin. */
export function foreignOrigin(origin: string): SimError {
  return new SimError('AccessDenied', `Cross-origin requests are refused (Origin ${origin.slice(0, 64)}).`, 403);
}
