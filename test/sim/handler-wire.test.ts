// Raw wire behaviour of the handler: routing, unknown actions, malformed bodies, internal faults, awsQuery.
import { CloudWatchClient, GetMetricStatisticsCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { describe, expect, it } from 'vitest';
import { createSimHandler } from '../../source/sim/handler.js';
import type { SimRequest, SimWorld } from '../../source/sim/types.js';
import { NOW, createFakeWorld } from './helpers/fake-world.js';
import { simRequestHandler } from './helpers/sdk-adapter.js';

const handler = createSimHandler(createFakeWorld());

function post(body: string, headers: Record<string, string> = {}): Promise<Awaited<ReturnType<typeof handler>>> {
  const request: SimRequest = { method: 'POST', path: '/', query: {}, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body };
  return handler(request);
}

describe('EC2 Query routing', () => {
  it('answers an unknown action with InvalidAction', async () => {
    const res = await post('Action=CreateVpnGateway&Version=2016-11-15');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('text/xml;charset=UTF-8');
    expect(res.body).toMatch(/<Response><Errors><Error><Code>InvalidAction<\/Code><Message>The action CreateVpnGateway is not valid for this web service.<\/Message><\/Error><\/Errors><RequestID>[0-9a-f-]{36}<\/RequestID><\/Response>$/);
  });

  it('treats a missing Action as MissingAction and never reaches Object.prototype', async () => {
    expect((await post('')).body).toContain('<Code>MissingAction</Code>');
    expect((await post('Action=toString&Version=2016-11-15')).body).toContain('<Code>InvalidAction</Code>');
  });

  it('accepts GET query strings', async () => {
    const res = await handler({ method: 'GET', path: '/', query: { Action: 'DescribeInstances', Version: '2016-11-15', 'InstanceId.1': 'i-00000000000000001' }, headers: {}, body: '' });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>');
    expect(res.body).toContain('<instanceState><code>16</code><name>running</name></instanceState>');
  });

  it('turns an internal fault into a 500 InternalError without leaking details', async () => {
    const broken: SimWorld = { ...createFakeWorld(), instances: () => { throw new Error('secret detail'); } };
    const res = await createSimHandler(broken)({ method: 'POST', path: '/', query: {}, headers: {}, body: 'Action=DescribeInstances&Version=2016-11-15' });
    expect(res.status).toBe(500);
    expect(res.body).toContain('<Code>InternalError</Code>');
    expect(res.body).not.toContain('secret');
  });

  it('survives a throwing onRequest observer', async () => {
    const observed = createSimHandler(createFakeWorld(), { onRequest: () => { throw new Error('observer'); } });
    expect((await observed({ method: 'POST', path: '/', query: {}, headers: {}, body: 'Action=DescribeInstanceTypes&Version=2016-11-15' })).status).toBe(200);
  });
});

describe('JSON routing', () => {
  const cw = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-mode': 'true' };

  it('answers unknown JSON operations with UnknownOperationException (and the query code for CloudWatch)', async () => {
    const res = await post('{}', { ...cw, 'x-amz-target': 'GraniteServiceVersion20100801.PutDashboard' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'com.amazonaws.cloudwatch#UnknownOperationException' });
    const other = await post('{}', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.GetItem' });
    expect([other.status, JSON.parse(other.body).__type]).toEqual([400, 'UnknownOperationException']);
  });

  it('answers malformed JSON with SerializationException', async () => {
    const res = await post('{not json', { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(res.body).__type).toBe('SerializationException');
  });

  it('adds x-amzn-query-error only in query mode', async () => {
    const body = JSON.stringify({ Namespace: 'AWS/EC2' });
    const compat = await post(body, { ...cw, 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricStatistics' });
    expect(compat.headers['x-amzn-query-error']).toBe('MissingParameter;Sender');
    expect(JSON.parse(compat.body)).toEqual({ __type: 'com.amazonaws.cloudwatch#MissingRequiredParameterException', message: 'The parameter MetricName is required.' });
    const plain = await post(body, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricStatistics' });
    expect(plain.headers['x-amzn-query-error']).toBeUndefined();
  });

  it('accepts ISO strings as well as epoch seconds for StartTime/EndTime', async () => {
    const body = JSON.stringify({
      Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000001' }],
      StartTime: new Date(NOW - 600_000).toISOString(), EndTime: NOW / 1000, Period: 60, Statistics: ['Average'],
    });
    const res = await post(body, { ...cw, 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricStatistics' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).Datapoints).toHaveLength(10);
    expect(JSON.parse(res.body).Datapoints[0].Timestamp).toBe((NOW - 600_000) / 1000);
  });
});

describe('CloudWatch awsQuery (older CLIs)', () => {
  it('routes Version=2010-08-01 forms to CloudWatch and answers in XML', async () => {
    const res = await post('Action=ListMetrics&Version=2010-08-01&MetricName=NetworkIn&Dimensions.member.1.Name=InstanceId&Dimensions.member.1.Value=i-00000000000000002');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<ListMetricsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><ListMetricsResult><Metrics><member><Namespace>AWS/EC2</Namespace>');
    expect(res.body).toMatch(/<ResponseMetadata><RequestId>[0-9a-f-]{36}<\/RequestId><\/ResponseMetadata><\/ListMetricsResponse>$/);
  });

  it('routes a form without Version by the SigV4 credential scope', async () => {
    const auth = 'AWS4-HMAC-SHA256 Credential=test/20240601/us-east-1/monitoring/aws4_request, SignedHeaders=host, Signature=x';
    const res = await post('Action=GetMetricStatistics&Namespace=AWS%2FEC2', { authorization: auth });
    expect(res.body).toContain('<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type><Code>MissingParameter</Code>');
    const unknown = await post('Action=PutMetricData', { authorization: auth });
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
  });

  it('serves the SDK when the client is switched to the awsQuery protocol', async () => {
    const client = new CloudWatchClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: simRequestHandler(handler),
      protocol: AwsQueryProtocol,
      protocolSettings: { defaultNamespace: 'com.amazonaws.cloudwatch', xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/', version: '2010-08-01' },
      maxAttempts: 1,
    });
    const stats = await client.send(
      new GetMetricStatisticsCommand({
        Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-00000000000000001' }],
        StartTime: new Date(NOW - 900_000), EndTime: new Date(NOW), Period: 300, Statistics: ['Average', 'SampleCount'],
      }),
    );
    expect(stats.Datapoints?.map((d) => d.Timestamp)).toEqual([NOW - 900_000, NOW - 600_000, NOW - 300_000].map((t) => new Date(t)));
    expect(stats.Datapoints?.[0]?.SampleCount).toBe(5);
    const metrics = await client.send(new ListMetricsCommand({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' }));
    expect(metrics.Metrics?.length).toBe(10);
    await expect(client.send(new ListMetricsCommand({ NextToken: 'forged' }))).rejects.toMatchObject({ name: 'InvalidParameterValueException', $metadata: { httpStatusCode: 400 } });
  });
});
