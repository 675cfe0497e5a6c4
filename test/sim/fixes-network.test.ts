// The network writes the triage's fixes use, through the SDK in-process: security group ingress, Elastic IPs,
// internet gateways, routes and NACL entries, with EC2's errors and DryRun, and the Describes showing the change.
import {
  AllocateAddressCommand, AssociateAddressCommand, AttachInternetGatewayCommand, AuthorizeSecurityGroupIngressCommand, CreateInternetGatewayCommand,
  CreateNetworkAclEntryCommand, CreateRouteCommand, DescribeAddressesCommand, DescribeInstancesCommand, DescribeInternetGatewaysCommand,
  DescribeNetworkAclsCommand, DescribeRouteTablesCommand, DescribeSecurityGroupsCommand, DetachInternetGatewayCommand, DisassociateAddressCommand,
  ReleaseAddressCommand, ReplaceRouteCommand, RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import { ML_SERVER_ID } from '../../source/sim/world.js';
import { errorOf, fixWorld } from './helpers/fix-world.js';

const SSH_FROM_ME = { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] };

describe('security group ingress', () => {
  it('AuthorizeSecurityGroupIngress adds the rule DescribeSecurityGroups then shows; the same rule again is a duplicate', async () => {
    const { world, ec2 } = fixWorld('ssh-blocked');
    const groupId = world.instance(ML_SERVER_ID)?.securityGroups[0]?.id ?? '';
    const out = await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [SSH_FROM_ME] }));
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules?.[0]).toMatchObject({ GroupId: groupId, IsEgress: false, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv4: '203.0.113.7/32' });
    expect(out.SecurityGroupRules?.[0]?.SecurityGroupRuleId).toMatch(/^sgr-0[0-9a-f]{16}$/);
    const group = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0];
    expect(group?.IpPermissions?.find((p) => p.FromPort === 22)).toMatchObject({ IpProtocol: 'tcp', ToPort: 22, IpRanges: [{ CidrIp: '203.0.113.7/32' }] });
    const again = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [SSH_FROM_ME] })));
    expect([again.name, again.message]).toEqual([
      'InvalidPermission.Duplicate', 'the specified rule "peer: 203.0.113.7/32, TCP, from port: 22, to port: 22, ALLOW" already exists',
    ]);
  });

  it('takes the top-level IpProtocol/FromPort/ToPort/CidrIp form; RevokeSecurityGroupIngress removes it, twice is NotFound', async () => {
    const { world, ec2 } = fixWorld('ssh-blocked');
    const groupId = world.instance(ML_SERVER_ID)?.securityGroups[0]?.id ?? '';
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: '6', FromPort: 22, ToPort: 22, CidrIp: '198.51.100.0/24' }));
    const has22 = async (): Promise<boolean> =>
      ((await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups?.[0]?.IpPermissions ?? []).some((p) => p.FromPort === 22);
    expect(await has22()).toBe(true);
    const revoke = new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '198.51.100.0/24' });
    expect((await ec2.send(revoke)).Return).toBe(true);
    expect(await has22()).toBe(false);
    expect((await errorOf(ec2.send(revoke))).name).toBe('InvalidPermission.NotFound');
  });

  it('refuses what EC2 refuses: the placeholder CIDR, TCP without ports, an unknown group; DryRun changes nothing', async () => {
    const { world, ec2 } = fixWorld('ssh-blocked');
    const groupId = world.instance(ML_SERVER_ID)?.securityGroups[0]?.id ?? '';
    const placeholder = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId, IpPermissions: [{ ...SSH_FROM_ME, IpRanges: [{ CidrIp: '<your-ip>/32' }] }],
    })));
    expect([placeholder.name, placeholder.message]).toEqual(['InvalidParameterValue', 'Value (<your-ip>/32) for parameter cidrIp is invalid. This is not a valid CIDR block.']);
    const noPorts = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '203.0.113.7/32' }] }] })));
    expect(noPorts.name).toBe('InvalidParameterValue');
    const unknown = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: 'sg-0000000000000000f', IpPermissions: [SSH_FROM_ME] })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidGroup.NotFound', "The security group 'sg-0000000000000000f' does not exist"]);
    const dry = await errorOf(ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [SSH_FROM_ME], DryRun: true })));
    expect(dry.name).toBe('DryRunOperation');
    const group = world.network().securityGroups.find((g) => g.id === groupId);
    expect(group?.ingress.some((p) => p.fromPort === 22)).toBe(false);
    expect(world.operations().map((o) => [o.action, o.isMutating, o.outcome])).toContainEqual(['AuthorizeSecurityGroupIngress', true, 'DryRunOperation']);
  });
});

describe('Elastic IPs', () => {
  it('AllocateAddress + AssociateAddress give the instance a public IP; DescribeAddresses shows the association', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    expect(world.instance(ML_SERVER_ID)?.publicIp).toBeUndefined();
    const alloc = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    expect(alloc).toMatchObject({ Domain: 'vpc', PublicIpv4Pool: 'amazon', NetworkBorderGroup: 'us-east-1' });
    expect(alloc.AllocationId).toMatch(/^eipalloc-0[0-9a-f]{16}$/);
    const assoc = await ec2.send(new AssociateAddressCommand({ InstanceId: ML_SERVER_ID, AllocationId: alloc.AllocationId }));
    expect(assoc.AssociationId).toMatch(/^eipassoc-0[0-9a-f]{16}$/);
    const instance = (await ec2.send(new DescribeInstancesCommand({ InstanceIds: [ML_SERVER_ID] }))).Reservations?.[0]?.Instances?.[0];
    expect(instance?.PublicIpAddress).toBe(alloc.PublicIp);
    const addresses = (await ec2.send(new DescribeAddressesCommand({ Filters: [{ Name: 'instance-id', Values: [ML_SERVER_ID] }] }))).Addresses;
    expect(addresses).toEqual([expect.objectContaining({ AllocationId: alloc.AllocationId, AssociationId: assoc.AssociationId, InstanceId: ML_SERVER_ID, PublicIp: alloc.PublicIp })]);
  });

  it('refuses a second instance without AllowReassociation, a release while associated, an unknown allocation, a sixth address', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    const other = world.instances().find((i) => i.id !== ML_SERVER_ID && i.state === 'running' && i.vpcId === world.instance(ML_SERVER_ID)?.vpcId)?.id ?? '';
    const alloc = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const assoc = await ec2.send(new AssociateAddressCommand({ InstanceId: ML_SERVER_ID, AllocationId: alloc.AllocationId }));
    expect((await errorOf(ec2.send(new AssociateAddressCommand({ InstanceId: other, AllocationId: alloc.AllocationId })))).name).toBe('Resource.AlreadyAssociated');
    expect((await errorOf(ec2.send(new ReleaseAddressCommand({ AllocationId: alloc.AllocationId })))).name).toBe('InvalidIPAddress.InUse');
    expect((await errorOf(ec2.send(new AssociateAddressCommand({ InstanceId: ML_SERVER_ID, AllocationId: 'eipalloc-0000000000000000f' })))).name).toBe('InvalidAllocationID.NotFound');
    await ec2.send(new DisassociateAddressCommand({ AssociationId: assoc.AssociationId }));
    expect(world.instance(ML_SERVER_ID)?.publicIp).toBeUndefined();
    await ec2.send(new ReleaseAddressCommand({ AllocationId: alloc.AllocationId }));
    for (let i = 0; i < 5; i++) await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    expect((await errorOf(ec2.send(new AllocateAddressCommand({ Domain: 'vpc' })))).name).toBe('AddressLimitExceeded');
  });
});

describe('internet gateways and routes', () => {
  it('ReplaceRoute sends the private table to the VPC\'s gateway; DescribeRouteTables shows it', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    const subnetId = world.instance(ML_SERVER_ID)?.subnetId ?? '';
    const vpcId = world.instance(ML_SERVER_ID)?.vpcId ?? '';
    const table = world.network().routeTables.find((t) => t.associations.some((a) => a.subnetId === subnetId));
    const igw = (await ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }))).InternetGateways?.[0]?.InternetGatewayId;
    await ec2.send(new ReplaceRouteCommand({ RouteTableId: table?.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    const routes = (await ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [table?.id ?? ''] }))).RouteTables?.[0]?.Routes;
    expect(routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')).toMatchObject({ GatewayId: igw, State: 'active', Origin: 'CreateRoute' });
    const exists = await errorOf(ec2.send(new CreateRouteCommand({ RouteTableId: table?.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })));
    expect([exists.name, exists.message]).toEqual(['RouteAlreadyExists', 'The route identified by 0.0.0.0/0 already exists.']);
  });

  it('a route to "None" (a lookup that found no gateway) is refused; ReplaceRoute without a route says to use CreateRoute', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    const table = world.network().routeTables.find((t) => t.routes.some((r) => r.natGatewayId !== undefined));
    const none = await errorOf(ec2.send(new ReplaceRouteCommand({ RouteTableId: table?.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'None' })));
    expect([none.name, none.message]).toEqual(['InvalidGatewayID.NotFound', "The gateway ID 'None' does not exist"]);
    const missing = await errorOf(ec2.send(new ReplaceRouteCommand({ RouteTableId: table?.id, DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'local' })));
    expect(missing.message).toBe("There is no route defined for '10.9.0.0/16' in the route table. Use CreateRoute instead.");
  });

  it('a VPC without a gateway: routes to the detached one are blackholes, no Elastic IP, until a new gateway is created and attached', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    const vpcId = world.instance(ML_SERVER_ID)?.vpcId ?? '';
    const old = world.network().internetGateways.find((g) => g.vpcIds.includes(vpcId))?.id ?? '';
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: old, VpcId: vpcId }));
    const main = world.network().routeTables.find((t) => t.vpcId === vpcId && t.associations.some((a) => a.isMain));
    expect(main?.routes.find((r) => r.gatewayId === old)?.state).toBe('blackhole');
    const alloc = await ec2.send(new AllocateAddressCommand({ Domain: 'vpc' }));
    const noGateway = await errorOf(ec2.send(new AssociateAddressCommand({ InstanceId: ML_SERVER_ID, AllocationId: alloc.AllocationId })));
    expect([noGateway.name, noGateway.message]).toEqual(['Gateway.NotAttached', `Network ${vpcId} is not attached to any internet gateway`]);
    const created = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'fix' }] }] }));
    const igw = created.InternetGateway?.InternetGatewayId ?? '';
    expect(created.InternetGateway).toMatchObject({ Attachments: [], Tags: [{ Key: 'Name', Value: 'fix' }] });
    const wrongTable = await errorOf(ec2.send(new ReplaceRouteCommand({ RouteTableId: main?.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw })));
    expect(wrongTable.message).toBe(`route table ${main?.id ?? ''} and network gateway ${igw} belong to different networks`);
    await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igw, VpcId: vpcId }));
    expect((await errorOf(ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: old, VpcId: vpcId })))).name).toBe('Resource.AlreadyAssociated');
    await ec2.send(new ReplaceRouteCommand({ RouteTableId: main?.id, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }));
    const gateways = (await ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [igw] }))).InternetGateways;
    expect(gateways?.[0]?.Attachments).toEqual([{ State: 'available', VpcId: vpcId }]);
    expect(world.network().routeTables.find((t) => t.id === main?.id)?.routes.find((r) => r.destinationCidrBlock === '0.0.0.0/0')).toMatchObject({ gatewayId: igw, state: 'active' });
    expect((await ec2.send(new AssociateAddressCommand({ InstanceId: ML_SERVER_ID, AllocationId: alloc.AllocationId }))).AssociationId).toBeDefined();
  });
});

describe('network ACL entries', () => {
  it('CreateNetworkAclEntry adds the rule (protocol stored as its number); the same number again is refused', async () => {
    const { world, ec2 } = fixWorld('no-public-ip');
    const subnetId = world.instance(ML_SERVER_ID)?.subnetId ?? '';
    const acl = world.network().networkAcls.find((a) => a.associations.some((s) => s.subnetId === subnetId))?.id ?? '';
    const entry = { NetworkAclId: acl, RuleNumber: 90, Protocol: 'tcp', RuleAction: 'allow' as const, Egress: false, CidrBlock: '203.0.113.7/32', PortRange: { From: 22, To: 22 } };
    await ec2.send(new CreateNetworkAclEntryCommand(entry));
    const entries = (await ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [acl] }))).NetworkAcls?.[0]?.Entries;
    expect(entries?.find((e) => e.RuleNumber === 90)).toMatchObject({ Protocol: '6', RuleAction: 'allow', Egress: false, CidrBlock: '203.0.113.7/32', PortRange: { From: 22, To: 22 } });
    const again = await errorOf(ec2.send(new CreateNetworkAclEntryCommand(entry)));
    expect([again.name, again.message]).toEqual(['NetworkAclEntryAlreadyExists', 'The network acl entry identified by 90 already exists.']);
  });
});
