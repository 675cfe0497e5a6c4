// STS GetCallerIdentity, the one STS call the app makes (the header's account id): answered in awsQuery XML with
// the world's account, so the training fleet's header reads like a real account's.
import { escapeXml } from '../protocol/xml.js';
import { parseForm } from '../protocol/query-form.js';
import { signedService } from '../handler-route.js';
import type { SimRequest, SimResponse } from '../types.js';

const STS_VERSION = '2011-06-15';
const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** The answer to a GetCallerIdentity request, or undefined when the request is not one. */
export function callerIdentityAnswer(request: SimRequest, accountId: string, requestId: string): SimResponse | undefined {
  if (request.headers['x-amz-target'] !== undefined) return undefined;
  let fields: Record<string, string>;
  try {
    fields = { ...request.query, ...(request.body.trim() === '' ? {} : parseForm(request.body)) };
  } catch {
    return undefined;
  }
  const isSts = fields.Version === STS_VERSION || signedService(request.headers.authorization) === 'sts';
  if (!isSts || fields.Action !== 'GetCallerIdentity') return undefined;
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse xmlns="${STS_XMLNS}"><GetCallerIdentityResult>` +
    `<Arn>arn:aws:iam::${escapeXml(accountId)}:user/trainee</Arn><UserId>AIDATRAINEE</UserId><Account>${escapeXml(accountId)}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
