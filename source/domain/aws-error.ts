// An AwsError in words: the one line every view (panes, checklist, check, report) shows for a failed call, saying
// what to do. Pure; aws/ maps SDK errors to AwsError, everything else only reads this.
import type { AwsError } from './types.js';

/** The first line of a message with runs of whitespace collapsed: panes have one row per error. */
export const oneLine = (message: string): string => (message.split('\n')[0] ?? '').replace(/\s+/g, ' ').trim();

const PROXY_HINT = '(proxy? HTTPS_PROXY is honoured)';

function describeNetwork(e: Extract<AwsError, { kind: 'network' }>): string {
  const host = e.host ?? 'the endpoint';
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve ${host}: no network or DNS from this host ${PROXY_HINT}`;
    case 'ECONNREFUSED':
      return `${host} refused the connection: is the endpoint running? ${PROXY_HINT}`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${host}: no network from this host ${PROXY_HINT}`;
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return `the connection to ${host} was cut; retrying`;
    case 'EPROXY':
      return `${oneLine(e.message)}: check HTTPS_PROXY / NO_PROXY`;
    case undefined:
      return `network error reaching ${host}: ${oneLine(e.message)}`;
    default:
      if (/^(CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|ERR_TLS)/.test(e.code)) {
        return `the TLS certificate of ${host} is not trusted (${e.code}): set AWS_CA_BUNDLE to your proxy's CA file`;
      }
      return `network error reaching ${host} (${e.code})`;
  }
}

/** How an instance becomes managed by SSM, said wherever a host check cannot run because it is not. */
export const MAKE_MANAGED =
  'run the SSM Agent on it (preinstalled on Amazon Linux and Ubuntu AMIs) and attach an instance profile whose role has AmazonSSMManagedInstanceCore';

const SEND_COMMAND_DENIED =
  'access denied: you lack ssm:SendCommand (allow it on the instance and on document AWS-RunShellScript; the instance itself needs AmazonSSMManagedInstanceCore)';

// SSM's own error codes that are not denials, throttling or not-found.
const SSM_CODES: Readonly<Record<string, string>> = {
  InvalidInstanceId: `SSM cannot reach the instance (not managed, agent offline, or not running): ${MAKE_MANAGED}`,
  InvalidDocument: 'SSM does not know document AWS-RunShellScript in this region: host checks need it',
  UnsupportedPlatformType: 'SSM cannot run AWS-RunShellScript on this platform (Linux only)',
};

/** Why a host check did not succeed, from its invocation's terminal status, with what to do; undefined for Success. */
export function describeCommandStatus(status: string, details: { readonly responseCode?: number; readonly stderr?: string } = {}): string | undefined {
  const stderr = oneLine(details.stderr ?? '');
  switch (status) {
    case 'Success':
      return undefined;
    case 'DeliveryTimedOut':
    case 'Undeliverable':
      return `the SSM Agent did not pick the command up (${status}): check the agent runs and reaches SSM (VPC endpoint or internet), then t`;
    case 'TimedOut':
    case 'ExecutionTimedOut':
      return `the command ran out of time on the instance (${status}): it may be overloaded; t runs it again, or connect with c`;
    case 'Failed':
      return `the command failed on the instance (exit ${details.responseCode ?? '?'})${stderr === '' ? '' : `: ${stderr}`}`;
    case 'AccessDenied':
      return "the instance's SSM role may not run it (AccessDenied): its role needs AmazonSSMManagedInstanceCore";
    case 'InvalidPlatform':
      return 'AWS-RunShellScript does not run on this platform (Linux only)';
    case 'Cancelled':
    case 'Terminated':
      return `the command was ${status.toLowerCase()} before it finished: t runs it again`;
    default:
      return `the command ended ${status}`;
  }
}

/** The one line every view shows for an AwsError, in words an on-call engineer can act on. */
export function describeAwsError(e: AwsError): string {
  switch (e.kind) {
    case 'throttled':
      return 'throttled by AWS (request rate exceeded)';
    case 'denied':
      // ec2-triage's own refusals (aws/read-only.ts) say why in their message.
      if (e.message.startsWith('not sent: ')) return oneLine(e.message);
      if (e.action === 'ssm:SendCommand') return SEND_COMMAND_DENIED;
      if (e.action?.startsWith('ssm:') === true) return `access denied: you lack ${e.action} (host checks need ssm:DescribeInstanceInformation, ssm:SendCommand and ssm:GetCommandInvocation)`;
      return e.action === undefined ? `access denied: ${oneLine(e.message)}` : `access denied: you lack ${e.action}`;
    case 'expired-credentials': {
      if (e.isSso === true) return `SSO session expired: aws sso login${e.profile === undefined ? '' : ` --profile ${e.profile}`}, then r`;
      const which = e.profile === undefined ? 'them' : `profile ${e.profile}`;
      return `credentials expired or refused: renew ${which} (aws sso login / aws configure), then r`;
    }
    case 'no-credentials':
      return oneLine(e.message);
    case 'not-found':
      return `not found: ${oneLine(e.message)}`;
    case 'network':
      return describeNetwork(e);
    case 'timeout':
      return e.phase === 'connect' ? `no connection to ${e.host} in ${e.seconds} s ${PROXY_HINT}` : `no answer from ${e.host} in ${e.seconds} s`;
    case 'malformed':
      return `malformed answer from ${e.service} (${e.operation}); retrying`;
    case 'bad-endpoint':
      return `the endpoint answered ${e.status}: is it an AWS-compatible endpoint?`;
    case 'aborted':
      return 'request cancelled';
    case 'unknown':
      return SSM_CODES[e.code ?? ''] ?? `${e.code ?? 'error'}: ${oneLine(e.message)}`;
  }
}

