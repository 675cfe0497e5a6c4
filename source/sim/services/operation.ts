// The shape every service operation has: read the world, return a plain result object in the service's
// wire member names (Dates for timestamps), or throw a SimError.
import type { SimWorld } from '../types.js';
import type { XmlValue } from '../protocol/xml.js';

/** A plain result tree: renderable as XML (query protocols) or JSON. */
export type WireObject = { readonly [key: string]: XmlValue };

export type Operation = (world: SimWorld, input: Readonly<Record<string, unknown>>) => WireObject;

/** The operations one service offers, by action name. */
export type Operations = Readonly<Record<string, Operation>>;

/** Looks an operation up without reaching into Object.prototype (an action named 'toString' is unknown). */
export function findOperation(operations: Operations, action: string): Operation | undefined {
  return Object.prototype.hasOwnProperty.call(operations, action) ? operations[action] : undefined;
}
