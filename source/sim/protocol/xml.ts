// A small XML writer for AWS's query-protocol responses. Services hand over plain objects; lists become
// repeated <item> (EC2) or <member> (awsQuery) children, dates become ISO 8601, undefined members vanish.

/** A value the XML writer can render. */
export type XmlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | undefined
  | readonly XmlValue[]
  | { readonly [key: string]: XmlValue };

export interface XmlStyle {
  /** The element each list entry is wrapped in. */
  readonly listItem: 'item' | 'member';
  readonly formatDate: (date: Date) => string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or attribute values; also strips characters XML 1.0 cannot carry. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** AWS's EC2 timestamp form, with milliseconds: 2024-01-15T02:10:00.000Z. */
export function isoWithMillis(date: Date): string {
  return date.toISOString();
}

/** CloudWatch's awsQuery timestamp form, without milliseconds when they are zero: 2024-01-15T02:10:00Z. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** Renders one element and its content. */
export function renderElement(name: string, value: XmlValue, style: XmlStyle): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${name}/>`;
    return `<${name}>${value.map((entry: XmlValue) => renderElement(style.listItem, entry, style)).join('')}</${name}>`;
  }
  return `<${name}>${renderContent(value as Exclude<XmlValue, readonly XmlValue[]>, style)}</${name}>`;
}

/** Renders the children of a structure (or the text of a scalar) without a wrapping element. */
export function renderContent(value: XmlValue, style: XmlStyle): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return escapeXml(style.formatDate(value));
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return value.map((entry: XmlValue) => renderElement(style.listItem, entry, style)).join('');
  return Object.entries(value as { readonly [key: string]: XmlValue })
    .map(([key, child]) => renderElement(key, child, style))
    .join('');
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
