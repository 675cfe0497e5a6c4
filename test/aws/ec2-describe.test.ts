import { describe, expect, it } from 'vitest';
import { rawReservationOf, toJsonValue, toVolume } from '../../source/aws/ec2-describe.js';
import { toInstance } from '../../source/aws/ec2.js';

describe('raw DescribeInstances JSON', () => {
  it('keeps the reservation with only the asked instance, Dates as ISO strings, undefined members dropped', () => {
    const launched = new Date(Date.UTC(2024, 0, 6, 0, 0, 0));
    const reservations = [
      { ReservationId: 'r-1', OwnerId: '1', Instances: [{ InstanceId: 'i-a' }] },
      { ReservationId: 'r-2', OwnerId: '1', Instances: [{ InstanceId: 'i-b', LaunchTime: launched, KeyName: undefined }, { InstanceId: 'i-c' }] },
    ];
    expect(rawReservationOf(reservations, 'i-b')).toEqual({
      Reservations: [{ ReservationId: 'r-2', OwnerId: '1', Instances: [{ InstanceId: 'i-b', LaunchTime: '2024-01-06T00:00:00.000Z' }] }],
    });
    expect(rawReservationOf(reservations, 'i-z')).toBeUndefined();
    expect(toJsonValue(undefined)).toBeNull();
  });
});

describe('mapping', () => {
  it('maps volumes, and the DNS names, IAM profile and block devices of an instance', () => {
    expect(toVolume({ VolumeId: 'vol-1', Size: 8, VolumeType: 'gp3', State: 'in-use', Iops: 3000, Encrypted: true })).toEqual({
      id: 'vol-1', sizeGiB: 8, type: 'gp3', state: 'in-use', iops: 3000, isEncrypted: true,
    });
    const i = toInstance({
      InstanceId: 'i-1', PublicDnsName: '', PrivateDnsName: 'ip-10-0-0-1.ec2.internal', IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/x' },
      RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', Status: 'attached', DeleteOnTermination: true } }, { DeviceName: '/dev/sdb' }],
    });
    expect(i.publicDns).toBeUndefined();
    expect(i.privateDns).toBe('ip-10-0-0-1.ec2.internal');
    expect(i.iamInstanceProfileArn).toBe('arn:aws:iam::1:instance-profile/x');
    expect(i.blockDevices).toEqual([{ deviceName: '/dev/xvda', volumeId: 'vol-1', status: 'attached', deleteOnTermination: true }]);
    expect(i.rootDeviceName).toBe('/dev/xvda');
  });
});
