// The instance-side writes the triage's fixes use, through the SDK in-process: the CPU credit mode (and what
// unlimited mode does to the metrics), CreateImage (pending, then available), and the root volume's size.
import {
  CreateImageCommand, DescribeImagesCommand, DescribeInstanceCreditSpecificationsCommand, DescribeInstancesCommand, DescribeInstanceStatusCommand,
  DescribeVolumesCommand, ModifyInstanceCreditSpecificationCommand, ModifyVolumeCommand, RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { ML_SERVER_ID } from '../../source/sim/world.js';
import type { TrainingWorld } from '../../source/sim/world.js';
import { T0, errorOf, fixWorld } from './helpers/fix-world.js';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** The 5-minute averages of an ML server metric over [from, to). */
const series = (world: TrainingWorld, name: string, from: number, to: number): number[] =>
  [...world.datapoints({ namespace: 'AWS/EC2', metricName: name, dimensions: { InstanceId: ML_SERVER_ID } }, from, to, 300, 'Average').values];

describe('CPU credit specification', () => {
  it('Describe says standard; Modify to unlimited succeeds per instance, an unknown or fixed-performance one is listed as unsuccessful', async () => {
    const { world, ec2 } = fixWorld('cpu-credits');
    const before = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [ML_SERVER_ID] }));
    expect(before.InstanceCreditSpecifications).toEqual([{ InstanceId: ML_SERVER_ID, CpuCredits: 'standard' }]);
    const fixed = world.instances().find((i) => !i.type.startsWith('t'))?.id ?? '';
    const out = await ec2.send(new ModifyInstanceCreditSpecificationCommand({
      InstanceCreditSpecifications: [
        { InstanceId: ML_SERVER_ID, CpuCredits: 'unlimited' }, { InstanceId: 'i-0000000000000000f', CpuCredits: 'unlimited' }, { InstanceId: fixed, CpuCredits: 'unlimited' },
      ],
    }));
    expect(out.SuccessfulInstanceCreditSpecifications).toEqual([{ InstanceId: ML_SERVER_ID }]);
    expect(out.UnsuccessfulInstanceCreditSpecifications?.map((u) => [u.InstanceId, u.Error?.Code])).toEqual([
      ['i-0000000000000000f', 'InvalidInstanceID.NotFound'], [fixed, 'InvalidParameterValue'],
    ]);
    const after = await ec2.send(new DescribeInstanceCreditSpecificationsCommand({ InstanceIds: [ML_SERVER_ID] }));
    expect(after.InstanceCreditSpecifications?.[0]?.CpuCredits).toBe('unlimited');
    const bogus = await errorOf(ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: ML_SERVER_ID, CpuCredits: 'turbo' }] })));
    expect(bogus.name).toBe('InvalidParameterValue');
    const dry = await errorOf(ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: ML_SERVER_ID, CpuCredits: 'standard' }], DryRun: true })));
    expect(dry.name).toBe('DryRunOperation');
    expect(world.fixes.creditSpec(world.instance(ML_SERVER_ID) ?? (undefined as never)).mode).toBe('unlimited');
  });

  it('unlimited: CPU rises above the 30% baseline to the demand, the balance stays 0 and the surplus accrues', async () => {
    const { world, ec2, advance } = fixWorld('cpu-credits');
    const throttled = series(world, 'CPUUtilization', T0 - 30 * MIN, T0);
    expect(Math.max(...throttled)).toBeLessThanOrEqual(30);
    await ec2.send(new ModifyInstanceCreditSpecificationCommand({ InstanceCreditSpecifications: [{ InstanceId: ML_SERVER_ID, CpuCredits: 'unlimited' }] }));
    advance(HOUR);
    const free = series(world, 'CPUUtilization', T0 + 5 * MIN, T0 + HOUR);
    expect(Math.min(...free)).toBeGreaterThan(50);
    expect(series(world, 'CPUCreditBalance', T0, T0 + HOUR).every((v) => v === 0)).toBe(true);
    const surplus = series(world, 'CPUSurplusCreditBalance', T0 - HOUR, T0 + HOUR);
    expect(surplus.slice(0, 12).every((v) => v === 0)).toBe(true);
    // (≈62% − 30%) × 2 vCPUs = 0.64 credits a minute: about 35 after 55 minutes.
    expect(surplus.at(-1)).toBeGreaterThan(25);
    expect(surplus.at(-1)).toBeLessThan(45);
  });
});

describe('CreateImage', () => {
  it('the image is pending, then available a few minutes later; its name cannot be used twice; --no-reboot keeps the instance up', async () => {
    const { world, ec2, advance } = fixWorld('wont-start');
    const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: ML_SERVER_ID, Name: 'pettracker-ml-server-move-az', NoReboot: true }));
    expect(ImageId).toMatch(/^ami-0[0-9a-f]{16}$/);
    const state = async (): Promise<string | undefined> => (await ec2.send(new DescribeImagesCommand({ ImageIds: [ImageId ?? ''] }))).Images?.[0]?.State;
    expect(await state()).toBe('pending');
    advance(6 * MIN);
    expect(await state()).toBe('available');
    const image = (await ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['pettracker-ml-server-*'] }] }))).Images?.[0];
    expect(image).toMatchObject({ ImageId, OwnerId: '123456789012', Name: 'pettracker-ml-server-move-az', RootDeviceName: '/dev/xvda' });
    expect(image?.BlockDeviceMappings?.[0]?.Ebs?.VolumeSize).toBe(30);
    expect((await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images?.map((i) => i.ImageId)).toEqual([ImageId]);
    expect((await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.map((i) => i.ImageId)).toEqual([world.instance(ML_SERVER_ID)?.imageId]);
    const again = await errorOf(ec2.send(new CreateImageCommand({ InstanceId: ML_SERVER_ID, Name: 'pettracker-ml-server-move-az', NoReboot: true })));
    expect([again.name, again.message]).toEqual(['InvalidAMIName.Duplicate', `AMI name pettracker-ml-server-move-az is already in use by AMI ${ImageId ?? ''}`]);
    expect(world.actions()).toEqual([]);
    const unknown = await errorOf(ec2.send(new DescribeImagesCommand({ ImageIds: ['ami-0000000000000000f'] })));
    expect(unknown.name).toBe('InvalidAMIID.NotFound');
  });

  it('without NoReboot a running instance is rebooted for the image', async () => {
    const { world, ec2 } = fixWorld('oom');
    await ec2.send(new CreateImageCommand({ InstanceId: ML_SERVER_ID, Name: 'pettracker-ml-server-backup' }));
    expect(world.actions().map((a) => [a.kind, a.instanceId])).toEqual([['reboot', ML_SERVER_ID]]);
  });
});

describe('RunInstances: a copy in another Availability Zone', () => {
  it('refuses a pending image and the AZ without capacity; launches into another AZ: pending, running, checks ok', async () => {
    const { world, ec2, advance } = fixWorld('wont-start');
    const ml = world.instance(ML_SERVER_ID);
    const { ImageId } = await ec2.send(new CreateImageCommand({ InstanceId: ML_SERVER_ID, Name: 'pettracker-ml-server-move-az', NoReboot: true }));
    const subnetIn = (az: string): string => world.network().subnets.find((s) => s.vpcId === ml?.vpcId && s.az === az && s.isDefaultForAz)?.id ?? '';
    const run = (subnet: string) => new RunInstancesCommand({
      ImageId, InstanceType: 'c5.xlarge', MinCount: 1, MaxCount: 1, SubnetId: subnet, SecurityGroupIds: ml?.securityGroups.map((g) => g.id), KeyName: ml?.keyName,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'pettracker-ml-server-1b' }] }],
    });
    const pending = await errorOf(ec2.send(run(subnetIn('us-east-1b'))));
    expect([pending.name, pending.message]).toEqual(['InvalidAMIID.Unavailable', `AMI '${ImageId ?? ''}' is pending, and cannot be run`]);
    advance(6 * MIN);
    const sameAz = await errorOf(ec2.send(run(subnetIn(ml?.az ?? ''))));
    expect(sameAz.name).toBe('InsufficientInstanceCapacity');
    const out = await ec2.send(run(subnetIn('us-east-1b')));
    const launched = out.Instances?.[0];
    expect(launched).toMatchObject({ ImageId, InstanceType: 'c5.xlarge', State: { Name: 'pending' }, Placement: expect.objectContaining({ AvailabilityZone: 'us-east-1b' }) });
    const id = launched?.InstanceId ?? '';
    expect(id).toMatch(/^i-0[0-9a-f]{16}$/);
    advance(MIN);
    const described = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations?.[0]?.Instances?.[0];
    expect(described).toMatchObject({ State: { Name: 'running' }, Tags: [{ Key: 'Name', Value: 'pettracker-ml-server-1b' }], KeyName: ml?.keyName });
    expect(described?.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    advance(5 * MIN);
    const status = (await ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [id] }))).InstanceStatuses?.[0];
    expect([status?.SystemStatus?.Status, status?.InstanceStatus?.Status]).toEqual(['ok', 'ok']);
    expect(world.consoleOutput(id)?.text).toContain('Linux version');
  });
});

describe('root volumes', () => {
  it('DescribeVolumes by attachment; ModifyVolume grows it once, not smaller, not again within 6 hours', async () => {
    const { ec2, advance } = fixWorld('disk-full');
    const find = new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [ML_SERVER_ID] }] });
    const volume = (await ec2.send(find)).Volumes?.[0];
    expect(volume).toMatchObject({ Size: 30, State: 'in-use', VolumeType: 'gp3', Attachments: [expect.objectContaining({ InstanceId: ML_SERVER_ID, State: 'attached' })] });
    const smaller = await errorOf(ec2.send(new ModifyVolumeCommand({ VolumeId: volume?.VolumeId, Size: 20 })));
    expect(smaller.name).toBe('InvalidParameterValue');
    const out = await ec2.send(new ModifyVolumeCommand({ VolumeId: volume?.VolumeId, Size: 45 }));
    expect(out.VolumeModification).toMatchObject({ VolumeId: volume?.VolumeId, ModificationState: 'modifying', TargetSize: 45, OriginalSize: 30 });
    expect((await ec2.send(find)).Volumes?.[0]?.Size).toBe(45);
    advance(HOUR);
    expect((await errorOf(ec2.send(new ModifyVolumeCommand({ VolumeId: volume?.VolumeId, Size: 60 })))).name).toBe('VolumeModificationRateExceeded');
  });
});
