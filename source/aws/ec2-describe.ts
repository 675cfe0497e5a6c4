// The describe view's reads: one instance's DescribeInstances answer as the API returned it, its EBS volumes and
// its Elastic IPs. SDK shapes are mapped to domain types (or plain JSON for the raw view) and never leave this file.
import { DescribeAddressesCommand, DescribeImagesCommand, DescribeInstanceCreditSpecificationsCommand, DescribeInstancesCommand, paginateDescribeVolumes } from '@aws-sdk/client-ec2';
import type { EC2Client, Volume as SdkVolume } from '@aws-sdk/client-ec2';
import type { CallOptions } from './api.js';
import { AwsFailure, guard, toAwsError } from './errors.js';
import type { ElasticAddress, ImageInfo, Volume } from '../domain/types.js';

/** A value as JSON would carry it: Dates become ISO strings, undefined members go (what `aws … describe-instances` prints). */
export function toJsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null)) as unknown;
}

/** `{ Reservations: [ { …reservation, Instances: [ the instance ] } ] }` for one instance, or undefined when absent. */
export function rawReservationOf(
  reservations: readonly { readonly Instances?: readonly { readonly InstanceId?: string }[] }[] | undefined,
  instanceId: string,
): unknown {
  for (const reservation of reservations ?? []) {
    const instance = reservation.Instances?.find((i) => i.InstanceId === instanceId);
    if (instance !== undefined) return toJsonValue({ Reservations: [{ ...reservation, Instances: [instance] }] });
  }
  return undefined;
}

/** One instance's DescribeInstances answer as JSON (the reservation holding only it). */
export function describeInstanceRaw(ec2: EC2Client, instanceId: string, options?: CallOptions): Promise<unknown> {
  return guard('ec2:DescribeInstances', async () => {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), { abortSignal: options?.signal });
    const raw = rawReservationOf(out.Reservations, instanceId);
    if (raw === undefined) throw new AwsFailure({ kind: 'not-found', message: `instance ${instanceId} is not in the DescribeInstances answer` });
    return raw;
  });
}

/** Maps one DescribeVolumes entry. */
export function toVolume(v: SdkVolume): Volume {
  return { id: v.VolumeId ?? '', sizeGiB: v.Size ?? 0, type: v.VolumeType ?? '', state: v.State ?? '', iops: v.Iops, isEncrypted: v.Encrypted === true };
}

/** EBS volumes by id (the SDK's paginator). */
export function describeVolumes(ec2: EC2Client, volumeIds: readonly string[], options?: CallOptions): Promise<Volume[]> {
  return guard('ec2:DescribeVolumes', async () => {
    if (volumeIds.length === 0) return [];
    const out: Volume[] = [];
    for await (const page of paginateDescribeVolumes({ client: ec2 }, { VolumeIds: [...volumeIds] }, { abortSignal: options?.signal })) {
      out.push(...(page.Volumes ?? []).map(toVolume));
    }
    return out;
  });
}

/** The Elastic IPs associated with one instance. */
export function describeAddresses(ec2: EC2Client, instanceId: string, options?: CallOptions): Promise<ElasticAddress[]> {
  return guard('ec2:DescribeAddresses', async () => {
    const out = await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [instanceId] }] }), { abortSignal: options?.signal });
    return (out.Addresses ?? []).flatMap((a) =>
      a.PublicIp === undefined ? [] : [{ publicIp: a.PublicIp, allocationId: a.AllocationId, associationId: a.AssociationId }],
    );
  });
}

/** One AMI's name and platform; undefined when it is gone (deregistered, or shared no more). */
export function describeImage(ec2: EC2Client, imageId: string, options?: CallOptions): Promise<ImageInfo | undefined> {
  return guard('ec2:DescribeImages', async () => {
    try {
      const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), { abortSignal: options?.signal });
      const image = out.Images?.find((i) => i.ImageId === imageId);
      return image === undefined ? undefined : { id: imageId, name: image.Name, description: image.Description, platformDetails: image.PlatformDetails };
    } catch (e) {
      if (toAwsError(e).kind === 'not-found') return undefined;
      throw e;
    }
  });
}

/** A burstable instance's CPU credit mode (DescribeInstanceCreditSpecifications); undefined when EC2 names none. */
export function describeCreditMode(ec2: EC2Client, instanceId: string, options?: CallOptions): Promise<'standard' | 'unlimited' | undefined> {
  return guard('ec2:DescribeInstanceCreditSpecifications', async () => {
    const out = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [instanceId] }), { abortSignal: options?.signal });
    const mode = out.InstanceCreditSpecifications?.find((c) => c.InstanceId === instanceId)?.CpuCredits;
    return mode === 'standard' || mode === 'unlimited' ? mode : undefined;
  });
}
