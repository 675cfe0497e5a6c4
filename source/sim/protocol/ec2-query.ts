// EC2 Query responses: `<XResponse xmlns=...><requestId/>...` with lowerCamel members and <item> lists,
// and the EC2 error envelope `<Response><Errors><Error>...</Errors><RequestID/>` (note: RequestID, capital D).
import { XML_DECLARATION, escapeXml, isoWithMillis, renderContent } from './xml.js';
import type { XmlStyle, XmlValue } from './xml.js';

export const EC2_VERSION = '2016-11-15';
export const EC2_XMLNS = `http://ec2.amazonaws.com/doc/${EC2_VERSION}/`;
export const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';

const EC2_STYLE: XmlStyle = { listItem: 'item', formatDate: isoWithMillis };

/** Renders a successful EC2 response document for `action` from a lowerCamel result object. */
export function renderEc2Response(action: string, requestId: string, result: { readonly [key: string]: XmlValue }): string {
  const body = renderContent({ requestId, ...result }, EC2_STYLE);
  return `${XML_DECLARATION}\n<${action}Response xmlns="${EC2_XMLNS}">${body}</${action}Response>`;
}

/** Renders EC2's error document. */
export function renderEc2Error(code: string, message: string, requestId: string): string {
  return (
    `${XML_DECLARATION}\n<Response><Errors><Error><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${escapeXml(requestId)}</RequestID></Response>`
  );
}
