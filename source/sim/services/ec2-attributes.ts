// DescribeInstanceAttribute's answers, one per attribute of the EC2 model, read from the same rendering as
// DescribeInstances so the two never disagree. An attribute outside the model is InvalidParameterValue, as EC2
// (and moto) answer it; enaSupport is in the enum but the model says DescribeInstanceAttribute does not support it.
import { SimError } from '../protocol/errors.js';
import type { SimInstance, SimWorld } from '../types.js';
import { renderInstance } from './ec2-render.js';
import type { WireObject } from './operation.js';

type Rendered = Readonly<Record<string, unknown>>;

const value = (v: unknown): WireObject => ({ value: v as string });

/** Each attribute's answer member (its wire name) and value, from the instance as DescribeInstances renders it. */
const ATTRIBUTES: Readonly<Record<string, (r: Rendered) => WireObject>> = {
  instanceType: (r) => ({ instanceType: value(r.instanceType) }),
  kernel: () => ({ kernel: {} }),
  ramdisk: () => ({ ramdisk: {} }),
  userData: () => ({ userData: {} }),
  disableApiTermination: () => ({ disableApiTermination: value(false) }),
  disableApiStop: () => ({ disableApiStop: value(false) }),
  instanceInitiatedShutdownBehavior: () => ({ instanceInitiatedShutdownBehavior: value('stop') }),
  rootDeviceName: (r) => ({ rootDeviceName: value(r.rootDeviceName) }),
  blockDeviceMapping: (r) => ({ blockDeviceMapping: r.blockDeviceMapping as WireObject[] }),
  productCodes: (r) => ({ productCodes: r.productCodes as WireObject[] }),
  sourceDestCheck: (r) => ({ sourceDestCheck: value(r.sourceDestCheck ?? true) }),
  groupSet: (r) => ({ groupSet: r.groupSet as WireObject[] }),
  ebsOptimized: (r) => ({ ebsOptimized: value(r.ebsOptimized) }),
  sriovNetSupport: () => ({ sriovNetSupport: {} }),
  enclaveOptions: () => ({ enclaveOptions: { enabled: false } }),
};

/** EC2's refusal of an attribute name it does not know. */
export function unknownAttribute(attribute: string): SimError {
  return new SimError('InvalidParameterValue', `Value (${attribute.slice(0, 64)}) for parameter attribute is invalid. Unknown attribute.`);
}

/** True for an attribute name of the EC2 model (ModifyInstanceAttribute's too). */
export function isInstanceAttribute(attribute: string): boolean {
  return Object.prototype.hasOwnProperty.call(ATTRIBUTES, attribute) || attribute === 'enaSupport';
}

/** One attribute of an instance as DescribeInstanceAttribute answers it. */
export function describeAttribute(world: SimWorld, instance: SimInstance, attribute: string): WireObject {
  const answer = Object.prototype.hasOwnProperty.call(ATTRIBUTES, attribute) ? ATTRIBUTES[attribute] : undefined;
  if (answer === undefined) throw unknownAttribute(attribute);
  return { instanceId: instance.id, ...answer(renderInstance(world, instance)) };
}
