// The network domain types live with the other domain types in aws/; triage reads them from here.
export type * from '../aws/network-types.js';
