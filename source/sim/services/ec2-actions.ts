// EC2's instance actions: StopInstances, StartInstances, RebootInstances, ModifyInstanceAttribute (instanceType)
// and DescribeInstanceAttribute (its answers in ec2-attributes.ts). Every id is checked before any changes (one
// refusal fails the whole call, as EC2 does); DryRun answers DryRunOperation once the ids are known and changes nothing.
import { SimError } from '../protocol/errors.js';
import { STATE_CODES } from '../types.js';
import type { SimActionOutcome, SimActionRequest, SimInstanceState, SimWorld } from '../types.js';
import { INSTANCE_ID, checkDryRun, readInstanceIds } from './ec2-common.js';
import { describeAttribute, isInstanceAttribute, unknownAttribute } from './ec2-attributes.js';
import { readString, readStruct } from './input.js';
import type { Fail } from './input.js';
import type { Operations, WireObject } from './operation.js';

type Input = Readonly<Record<string, unknown>>;

const invalid: Fail = (message) => new SimError('InvalidParameterValue', message);
/** HTTP status per refusal code: capacity is a server-side error on AWS (and the SDKs retry it). */
const STATUS: Readonly<Record<string, number>> = { InsufficientInstanceCapacity: 500 };

const refused = (outcome: SimActionOutcome): SimError | undefined =>
  outcome.ok ? undefined : new SimError(outcome.refusal.code, outcome.refusal.message, STATUS[outcome.refusal.code] ?? 400);
const state = (name: SimInstanceState) => ({ code: STATE_CODES[name], name });

function requireIds(input: Input): string[] {
  const ids = [...new Set(readInstanceIds(input))];
  if (ids.length === 0) throw new SimError('MissingParameter', 'The request must contain the parameter InstanceId');
  return ids;
}

/** Checks every id, then (unless DryRun) applies the action to each; the transitions in id order. */
function act(world: SimWorld, input: Input, request: SimActionRequest): { id: string; outcome: SimActionOutcome & { ok: true } }[] {
  const ids = requireIds(input);
  const missing = ids.filter((id) => world.instance(id) === undefined);
  if (missing.length === 1) throw new SimError('InvalidInstanceID.NotFound', `The instance ID '${missing[0] ?? ''}' does not exist`);
  if (missing.length > 1) throw new SimError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  checkDryRun(input);
  for (const id of ids) {
    const error = refused(world.instanceAction(id, request, false));
    if (error !== undefined) throw error;
  }
  return ids.map((id) => {
    const outcome = world.instanceAction(id, request, true);
    if (!outcome.ok) throw refused(outcome) ?? new Error('unreachable');
    return { id, outcome };
  });
}

const transitions = (kind: 'stop' | 'start') => (world: SimWorld, input: Input): WireObject => ({
  instancesSet: act(world, input, { kind }).map(({ id, outcome }) => ({
    instanceId: id,
    currentState: state(outcome.current),
    previousState: state(outcome.previous),
  })),
});

function rebootInstances(world: SimWorld, input: Input): WireObject {
  act(world, input, { kind: 'reboot' });
  return { return: true };
}

function readOneId(input: Input): string {
  const id = readString(input.InstanceId, 'InstanceId', invalid);
  if (id === undefined || id === '') throw new SimError('MissingParameter', 'The request must contain the parameter InstanceId');
  if (!INSTANCE_ID.test(id)) throw new SimError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  return id;
}

/** The new type from either form: InstanceType.Value=… (SDK, CLI --instance-type) or Attribute=instanceType&Value=…. */
function readNewType(input: Input): string {
  const structured = readString(readStruct(input.InstanceType, 'InstanceType', invalid).Value, 'InstanceType.Value', invalid);
  const attribute = readString(input.Attribute, 'Attribute', invalid);
  if (structured !== undefined) return structured;
  if (attribute === undefined) throw new SimError('InvalidParameterCombination', 'No attributes specified.');
  if (!isInstanceAttribute(attribute)) throw unknownAttribute(attribute);
  if (attribute !== 'instanceType') {
    throw new SimError('UnsupportedOperation', `The training fleet can only modify the instanceType attribute, not ${attribute}.`);
  }
  const value = readString(input.Value, 'Value', invalid);
  if (value === undefined || value === '') throw new SimError('MissingParameter', 'The request must contain the parameter Value');
  return value;
}

function modifyInstanceAttribute(world: SimWorld, input: Input): WireObject {
  const id = readOneId(input);
  const instanceType = readNewType(input);
  if (world.instance(id) === undefined) throw new SimError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  checkDryRun(input);
  const error = refused(world.instanceAction(id, { kind: 'modify-type', instanceType }, true));
  if (error !== undefined) throw error;
  return { return: true };
}

function describeInstanceAttribute(world: SimWorld, input: Input): WireObject {
  const id = readOneId(input);
  const attribute = readString(input.Attribute, 'Attribute', invalid);
  if (attribute === undefined) throw new SimError('MissingParameter', 'The request must contain the parameter Attribute');
  const instance = world.instance(id);
  if (instance === undefined) throw new SimError('InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
  checkDryRun(input);
  return describeAttribute(world, instance, attribute);
}

/** The instance actions by action name. */
export const ec2ActionOperations: Operations = {
  StopInstances: transitions('stop'),
  StartInstances: transitions('start'),
  RebootInstances: rebootInstances,
  ModifyInstanceAttribute: modifyInstanceAttribute,
  DescribeInstanceAttribute: describeInstanceAttribute,
};
