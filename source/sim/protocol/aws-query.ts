// CloudWatch's original awsQuery protocol (still sent by older AWS CLIs): form in, XML out, results wrapped
// in <XResult>, lists as <member>, and <ResponseMetadata><RequestId>.
import { XML_DECLARATION, escapeXml, isoSeconds, renderContent } from './xml.js';
import type { SimFault } from './errors.js';
import type { XmlStyle, XmlValue } from './xml.js';

export const CLOUDWATCH_VERSION = '2010-08-01';
export const CLOUDWATCH_XMLNS = `http://monitoring.amazonaws.com/doc/${CLOUDWATCH_VERSION}/`;

const QUERY_STYLE: XmlStyle = { listItem: 'member', formatDate: isoSeconds };

/** Renders a successful awsQuery response for `action` from a PascalCase result object. */
export function renderQueryResponse(action: string, requestId: string, result: { readonly [key: string]: XmlValue }): string {
  const inner = renderContent(result, QUERY_STYLE);
  return (
    `${XML_DECLARATION}\n<${action}Response xmlns="${CLOUDWATCH_XMLNS}">` +
    `<${action}Result>${inner}</${action}Result>` +
    `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${action}Response>`
  );
}

/** Renders awsQuery's error document. */
export function renderQueryError(code: string, message: string, fault: SimFault, requestId: string): string {
  return (
    `${XML_DECLARATION}\n<ErrorResponse xmlns="${CLOUDWATCH_XMLNS}"><Error><Type>${fault}</Type>` +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}
