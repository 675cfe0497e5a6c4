// The network Describe operations over the real world, through the SDK's EC2 client in-process.
import {
  DescribeInternetGatewaysCommand, DescribeKeyPairsCommand, DescribeNetworkAclsCommand, DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client, paginateDescribeSecurityGroups,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import { createWorld, ML_SERVER_ID } from '../../source/sim/world.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const T0 = Date.parse('2024-06-01T12:00:00Z');
const client = (scenario: string): EC2Client => {
  const world = createWorld({ scenario, seed: 7, fleetSize: 100, clock: { now: () => T0 } });
  return new EC2Client({
    region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1,
    requestHandler: simRequestHandler(createSimHandler(world)),
  });
};
const ec2 = client('oom');
const world = createWorld({ scenario: 'oom', seed: 7, fleetSize: 100, clock: { now: () => T0 } });
const ml = world.instance(ML_SERVER_ID);
const mlGroupId = ml?.securityGroups[0]?.id ?? '';

async function errorOf(promise: Promise<unknown>): Promise<{ name?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name?: string; message?: string };
  }
  throw new Error('expected the call to fail');
}

describe('EC2 network operations', () => {
  it('DescribeSecurityGroups shows the ML server group: SSH from the office and the bastion, 8080 from anywhere', async () => {
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [mlGroupId] }));
    const group = out.SecurityGroups?.[0];
    expect(group).toMatchObject({ GroupId: mlGroupId, GroupName: 'pettracker-ml-sg', VpcId: ml?.vpcId, OwnerId: '123456789012' });
    const ssh = group?.IpPermissions?.find((p) => p.FromPort === 22);
    expect(ssh).toMatchObject({ IpProtocol: 'tcp', ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.0/24', Description: 'Office VPN' }] });
    expect(ssh?.UserIdGroupPairs?.[0]?.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(group?.IpPermissions?.find((p) => p.FromPort === 8080)?.IpRanges?.[0]?.CidrIp).toBe('0.0.0.0/0');
    expect(group?.IpPermissionsEgress).toEqual([{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }]);
    const byName = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: ['pettracker-*'] }, { Name: 'vpc-id', Values: [ml?.vpcId ?? ''] }] }));
    expect(byName.SecurityGroups?.map((g) => g.GroupName).sort()).toEqual([
      'pettracker-api-sg', 'pettracker-bastion-sg', 'pettracker-ml-sg', 'pettracker-web-sg', 'pettracker-worker-sg',
    ]);
    let pages = 0;
    let total = 0;
    for await (const page of paginateDescribeSecurityGroups({ client: ec2, pageSize: 5 }, {})) {
      pages++;
      total += page.SecurityGroups?.length ?? 0;
    }
    expect(pages).toBeGreaterThan(1);
    expect(total).toBe(world.network().securityGroups.length);
  });

  it('DescribeSecurityGroups: the ssh-blocked world has no port 22 in the ML group; unknown ids fail', async () => {
    const blocked = await client('ssh-blocked').send(new DescribeSecurityGroupsCommand({ GroupIds: [mlGroupId] }));
    expect(blocked.SecurityGroups?.[0]?.IpPermissions?.map((p) => p.FromPort)).toEqual([8080]);
    const error = await errorOf(ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0000000000000dead'] })));
    expect(error.name).toBe('InvalidGroup.NotFound');
    expect(error.message).toBe("The security group 'sg-0000000000000dead' does not exist");
  });

  it('DescribeSubnets shows the ML server subnet as public, and the private subnet', async () => {
    const out = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [ml?.subnetId ?? ''] }));
    expect(out.Subnets?.[0]).toMatchObject({
      SubnetId: ml?.subnetId, VpcId: ml?.vpcId, AvailabilityZone: 'us-east-1a', CidrBlock: '172.31.32.0/20', MapPublicIpOnLaunch: true, DefaultForAz: true, State: 'available',
    });
    const all = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [ml?.vpcId ?? ''] }] }));
    expect(all.Subnets).toHaveLength(7);
    expect(all.Subnets?.filter((s) => s.MapPublicIpOnLaunch === false).map((s) => s.CidrBlock)).toEqual(['172.31.96.0/20']);
    const error = await errorOf(ec2.send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0000000000000dead'] })));
    expect(error.name).toBe('InvalidSubnetID.NotFound');
  });

  it('DescribeRouteTables finds the subnet table by association and the main table by association.main', async () => {
    const out = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [ml?.subnetId ?? ''] }] }));
    expect(out.RouteTables).toHaveLength(1);
    const table = out.RouteTables?.[0];
    expect(table?.Routes).toEqual([
      { DestinationCidrBlock: '172.31.0.0/16', GatewayId: 'local', State: 'active', Origin: 'CreateRouteTable' },
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: expect.stringMatching(/^igw-[0-9a-f]{17}$/), State: 'active', Origin: 'CreateRoute' },
    ]);
    expect(table?.Associations?.find((a) => a.SubnetId === ml?.subnetId)).toMatchObject({ Main: false, AssociationState: { State: 'associated' } });
    const main = await ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.main', Values: ['true'] }, { Name: 'vpc-id', Values: [ml?.vpcId ?? ''] }] }));
    expect(main.RouteTables?.[0]?.Associations).toEqual([expect.objectContaining({ Main: true })]);
    const igws = await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [ml?.vpcId ?? ''] }] }));
    expect(igws.InternetGateways?.[0]?.InternetGatewayId).toBe(table?.Routes?.[1]?.GatewayId);
    expect(igws.InternetGateways?.[0]?.Attachments).toEqual([{ State: 'available', VpcId: ml?.vpcId }]);
    const error = await errorOf(ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: ['rtb-0000000000000dead'] })));
    expect(error.name).toBe('InvalidRouteTableID.NotFound');
  });

  it('DescribeRouteTables in the no-public-ip world: the ML subnet routes 0.0.0.0/0 to a NAT gateway', async () => {
    const moved = createWorld({ scenario: 'no-public-ip', seed: 7, fleetSize: 0, clock: { now: () => T0 } }).instance(ML_SERVER_ID);
    const out = await client('no-public-ip').send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [moved?.subnetId ?? ''] }] }));
    const routes = out.RouteTables?.[0]?.Routes ?? [];
    expect(routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.NatGatewayId).toMatch(/^nat-[0-9a-f]{17}$/);
    expect(routes.some((r) => r.GatewayId?.startsWith('igw-') === true)).toBe(false);
  });

  it('DescribeNetworkAcls shows the default allow-all rules and the * deny', async () => {
    const out = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'association.subnet-id', Values: [ml?.subnetId ?? ''] }] }));
    const acl = out.NetworkAcls?.[0];
    expect(acl?.IsDefault).toBe(true);
    expect(acl?.Entries).toEqual(expect.arrayContaining([
      { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
      { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: true, CidrBlock: '0.0.0.0/0' },
    ]));
    expect(acl?.Associations?.some((a) => a.SubnetId === ml?.subnetId)).toBe(true);
    const custom = await ec2.send(new DescribeNetworkAclsCommand({ Filters: [{ Name: 'default', Values: ['false'] }] }));
    expect(custom.NetworkAcls?.[0]?.Entries?.[0]).toEqual({ RuleNumber: 100, Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '172.31.0.0/16', PortRange: { From: 22, To: 22 } });
    const error = await errorOf(ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: ['acl-0000000000000dead'] })));
    expect(error.name).toBe('InvalidNetworkAclID.NotFound');
  });

  it('DescribeKeyPairs knows pettracker-key and fails for an unknown name', async () => {
    const out = await ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['pettracker-key'] }));
    expect(out.KeyPairs).toHaveLength(1);
    expect(out.KeyPairs?.[0]).toMatchObject({ KeyName: 'pettracker-key', KeyType: 'rsa' });
    expect(out.KeyPairs?.[0]?.KeyPairId).toMatch(/^key-[0-9a-f]{17}$/);
    expect(out.KeyPairs?.[0]?.KeyFingerprint).toMatch(/^([0-9a-f]{2}:){19}[0-9a-f]{2}$/);
    expect(out.KeyPairs?.[0]?.CreateTime).toBeInstanceOf(Date);
    const filtered = await ec2.send(new DescribeKeyPairsCommand({ Filters: [{ Name: 'key-name', Values: ['gen-*'] }] }));
    expect(filtered.KeyPairs?.map((k) => [k.KeyName, k.KeyType])).toEqual([['gen-key', 'ed25519']]);
    const error = await errorOf(ec2.send(new DescribeKeyPairsCommand({ KeyNames: ['alex-laptop'] })));
    expect(error.name).toBe('InvalidKeyPair.NotFound');
    expect(error.message).toBe("The key pair 'alex-laptop' does not exist");
  });

  it('DescribeVpcs lists the default VPC and the generated one', async () => {
    const out = await ec2.send(new DescribeVpcsCommand({}));
    expect(out.Vpcs?.find((v) => v.VpcId === ml?.vpcId)).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available' });
    expect(out.Vpcs).toHaveLength(2);
    const error = await errorOf(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0000000000000dead'] })));
    expect(error.name).toBe('InvalidVpcID.NotFound');
  });

  it('keeps every instance reference consistent with the network', () => {
    const net = world.network();
    const groups = new Map(net.securityGroups.map((g) => [g.id, g]));
    const subnets = new Map(net.subnets.map((s) => [s.id, s]));
    for (const i of world.instances()) {
      expect(subnets.get(i.subnetId)?.vpcId, i.id).toBe(i.vpcId);
      for (const g of i.securityGroups) expect(groups.get(g.id)?.vpcId, `${i.id} ${g.name}`).toBe(i.vpcId);
      expect(i.keyName === undefined || net.keyPairs.some((k) => k.name === i.keyName)).toBe(true);
    }
    for (const s of net.subnets) {
      expect(net.networkAcls.filter((a) => a.associations.some((x) => x.subnetId === s.id))).toHaveLength(1);
    }
  });
});
