// The aws/ contract against moto: seeded through the SDK (the test may use it directly), reset before each case.
import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateKeyPairCommand,
  CreateRouteCommand,
  DescribeRouteTablesCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { _InstanceType } from '@aws-sdk/client-ec2';
import { ListCommandsCommand, SSMClient } from '@aws-sdk/client-ssm';
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { createClients } from '../../source/aws/clients.js';
import { createAwsApi } from '../../source/aws/index.js';
import { resetMoto, waitForMoto } from '../helpers/moto.js';
import { defineContract } from './suite.js';
import type { ContractTarget, SeededInstance } from './suite.js';

const moto = inject('moto');
const MINUTE = 60_000;
const REGION = 'us-east-1';
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
// Any AMI id works for RunInstances in moto; this one is in its bundled catalogue, which keeps its log quiet.
const AMI = 'ami-12c6146b';

function motoTarget(url: string): ContractTarget {
  const sdk = { region: REGION, endpoint: url, credentials, maxAttempts: 1 };
  const ec2 = new EC2Client(sdk);
  const cloudwatch = new CloudWatchClient(sdk);
  const logs = new CloudWatchLogsClient(sdk);
  const rawSsm = new SSMClient(sdk);

  const run = async (count: number, type: string, name: (i: number) => string): Promise<string[]> => {
    const out = await ec2.send(new RunInstancesCommand({ ImageId: AMI, InstanceType: type as _InstanceType, MinCount: count, MaxCount: count }));
    const ids = (out.Instances ?? []).map((i) => i.InstanceId ?? '');
    // Tags per instance (TagSpecifications would give every instance the same Name).
    await Promise.all(ids.map((id, i) => ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Name', Value: name(i) }] }))));
    return ids;
  };

  return {
    kind: 'moto',
    unknownInstanceId: 'i-0badc0ffee0000000',
    reset: () => resetMoto(url),
    api: (options) => createAwsApi({ region: REGION, endpointUrl: url, credentials, maxAttempts: 1, ...options }),
    ssm: {
      // moto runs any command on any instance it has, at once, with empty output, and has no agents.
      seedManaged: async () => (await run(1, 't3.micro', () => 'contract-managed'))[0] ?? '',
      sentCommands: async () => (await rawSsm.send(new ListCommandsCommand({}))).Commands?.length ?? 0,
      pass: () => undefined,
      client: (options) => createClients({ region: REGION, endpointUrl: url, credentials, maxAttempts: 1, ...options }).ssm,
      lacks: new Set(['DescribeInstanceInformation', 'ListCommandInvocations', 'command output', 'unmanaged instances']),
    },
    async seedAlarms(instanceId) {
      // moto does not evaluate alarms: put three, then set the state of two as an evaluation would.
      for (const name of ['contract-cpu', 'contract-status', 'contract-quiet']) {
        await cloudwatch.send(
          new PutMetricAlarmCommand({
            AlarmName: name, Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
            Statistic: 'Average', Period: 300, EvaluationPeriods: 1, Threshold: 80, ComparisonOperator: 'GreaterThanThreshold',
          }),
        );
      }
      for (const name of ['contract-cpu', 'contract-status']) {
        await cloudwatch.send(new SetAlarmStateCommand({ AlarmName: name, StateValue: 'ALARM', StateReason: 'contract' }));
      }
    },
    async seedNamed() {
      const [runningId = ''] = await run(1, 'c5.large', () => 'contract-web');
      const [stoppedId = ''] = await run(1, 't3.micro', () => 'contract-stopped');
      await ec2.send(new StopInstancesCommand({ InstanceIds: [stoppedId] }));
      const running: SeededInstance = { id: runningId, name: 'contract-web', type: 'c5.large', state: 'running' };
      const stopped: SeededInstance = { id: stoppedId, name: 'contract-stopped', type: 't3.micro', state: 'stopped' };
      return { running, stopped };
    },
    async seedMany(n) {
      // moto counts MaxResults in reservations, not instances (AWS counts instances): spread the instances over
      // six reservations so a small page size still has to page.
      const per = Math.ceil(n / 6);
      const sizes = Array.from({ length: Math.ceil(n / per) }, (_, r) => Math.min(per, n - r * per));
      const lists = await Promise.all(sizes.map((size, r) => run(size, 't3.small', (i) => `contract-${r * per + i}`)));
      return lists.flat();
    },
    async seedMetric() {
      const end = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
      const start = new Date(end.getTime() - 10 * MINUTE);
      const values = [12, 34, 56, 78, 90];
      await cloudwatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/EC2',
          MetricData: values.map((v, i) => ({
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: 'i-0contract0000001' }],
            Timestamp: new Date(start.getTime() + (i + 2) * MINUTE + 1000),
            Value: v,
            Unit: 'Percent',
          })),
        }),
      );
      return {
        query: {
          id: 'cpu',
          namespace: 'AWS/EC2',
          metricName: 'CPUUtilization',
          dimensions: { InstanceId: 'i-0contract0000001' },
          stat: 'Average',
          period: 60,
        },
        start,
        end,
        check: (got) => expect(got).toEqual(values),
      };
    },
    async seedNetwork() {
      // moto's default VPC has default subnets and a main route table with only the local route: give it the
      // internet gateway and default route a real default VPC has.
      const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
      const vpcId = vpcs.Vpcs?.[0]?.VpcId ?? '';
      const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
      const subnetId = subnets.Subnets?.[0]?.SubnetId ?? '';
      const igw = await ec2.send(new CreateInternetGatewayCommand({}));
      const igwId = igw.InternetGateway?.InternetGatewayId ?? '';
      await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
      const main = await ec2.send(
        new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
      );
      const mainId = main.RouteTables?.[0]?.RouteTableId ?? '';
      await ec2.send(new CreateRouteCommand({ RouteTableId: mainId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igwId }));
      const group = await ec2.send(new CreateSecurityGroupCommand({ GroupName: 'contract-ssh', Description: 'contract', VpcId: vpcId }));
      const groupId = group.GroupId ?? '';
      const sshCidr = '203.0.113.0/24';
      await ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: sshCidr }] }],
        }),
      );
      await ec2.send(new CreateKeyPairCommand({ KeyName: 'contract-key' }));
      return { groupId, sshCidr, subnetId, vpcId, keyName: 'contract-key' };
    },
    async seedLogs() {
      const group = '/contract/app';
      const now = Date.now();
      await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
      await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'i-0contract0000001' }));
      await logs.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: 'i-0contract0000001',
          logEvents: [
            { timestamp: now - 3 * MINUTE, message: 'INFO: worker started' },
            { timestamp: now - 2 * MINUTE, message: 'CRITICAL: Process killed by OOM killer' },
          ],
        }),
      );
      return { group, start: new Date(now - 10 * MINUTE), end: new Date(now + MINUTE), expected: 'CRITICAL: Process killed by OOM killer' };
    },
  };
}

if ('skip' in moto) {
  describe('aws/ contract vs moto', () => {
    it.skip(`skipped: ${moto.skip}`, () => undefined);
  });
} else {
  describe('aws/ contract vs moto', () => {
    const target = motoTarget(moto.url);
    beforeAll(() => waitForMoto(moto.url, moto.logFile));
    beforeEach(() => target.reset());
    defineContract(target);
  });
}
