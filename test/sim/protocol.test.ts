import { describe, expect, it } from 'vitest';
import { renderQueryError, renderQueryResponse } from '../../source/sim/protocol/aws-query.js';
import { renderEc2Error, renderEc2Response } from '../../source/sim/protocol/ec2-query.js';
import { SimError } from '../../source/sim/protocol/errors.js';
import { parseJsonObject, renderJson, renderJsonError } from '../../source/sim/protocol/json.js';
import { parseForm, unflattenQuery } from '../../source/sim/protocol/query-form.js';
import { decodeToken, encodeToken } from '../../source/sim/protocol/tokens.js';
import { escapeXml, isoSeconds } from '../../source/sim/protocol/xml.js';

describe('query forms', () => {
  it('decodes form encoding (+ and percent escapes)', () => {
    expect(parseForm('Action=DescribeInstances&Filter.1.Value.1=web+1%2A&Empty=')).toEqual({
      Action: 'DescribeInstances',
      'Filter.1.Value.1': 'web 1*',
      Empty: '',
    });
  });

  it('unflattens EC2 numbered lists into arrays in index order', () => {
    const tree = unflattenQuery(
      parseForm('InstanceId.2=i-b&InstanceId.1=i-a&InstanceId.10=i-j&Filter.1.Name=tag%3AName&Filter.1.Value.1=a&Filter.1.Value.2=b&Filter.2.Name=x&Filter.2.Value.1=y&MaxResults=5'),
    );
    expect(tree).toEqual({
      InstanceId: ['i-a', 'i-b', 'i-j'],
      Filter: [
        { Name: 'tag:Name', Value: ['a', 'b'] },
        { Name: 'x', Value: ['y'] },
      ],
      MaxResults: '5',
    });
  });

  it('unflattens awsQuery .member.N lists, nested', () => {
    const tree = unflattenQuery(
      parseForm(
        'MetricDataQueries.member.1.Id=m1&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name=InstanceId' +
          '&MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Value=i-1&MetricDataQueries.member.1.MetricStat.Period=60' +
          '&Statistics.member.1=Average&Statistics.member.2=Maximum&Dimensions=',
      ),
    );
    expect(tree).toEqual({
      MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: { Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] }, Period: '60' } }],
      Statistics: ['Average', 'Maximum'],
      Dimensions: '',
    });
  });

  it('ignores prototype-polluting keys and prefers structure over a clashing scalar', () => {
    const tree = unflattenQuery({ '__proto__.x': '1', Foo: 'a', 'Foo.1': 'b' });
    expect(tree).toEqual({ Foo: ['b'] });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('XML rendering', () => {
  it('renders EC2 responses with <item> lists, escaping, ISO dates and omitted undefined members', () => {
    const xml = renderEc2Response('DescribeInstances', 'req-1', {
      reservationSet: [{ instancesSet: [{ instanceId: 'i-1', tagSet: [{ key: 'Name', value: 'a & <b> "c"' }], launchTime: new Date(0), keyName: undefined }] }],
      groupSet: [],
      nextToken: undefined,
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">' +
        '<requestId>req-1</requestId><reservationSet><item><instancesSet><item><instanceId>i-1</instanceId>' +
        '<tagSet><item><key>Name</key><value>a &amp; &lt;b&gt; &quot;c&quot;</value></item></tagSet>' +
        '<launchTime>1970-01-01T00:00:00.000Z</launchTime></item></instancesSet></item></reservationSet><groupSet/></DescribeInstancesResponse>',
    );
  });

  it('renders EC2 errors with RequestID', () => {
    expect(renderEc2Error('InvalidAction', 'The action <X> is not valid', 'r')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidAction</Code>' +
        '<Message>The action &lt;X&gt; is not valid</Message></Error></Errors><RequestID>r</RequestID></Response>',
    );
  });

  it('renders awsQuery responses with <XResult>, <member> lists and ResponseMetadata', () => {
    const xml = renderQueryResponse('GetMetricData', 'r', {
      MetricDataResults: [{ Id: 'm1', Timestamps: [new Date(60_000)], Values: [1.5], StatusCode: 'Complete' }],
      Messages: [],
    });
    expect(xml).toContain('<GetMetricDataResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><GetMetricDataResult>');
    expect(xml).toContain('<MetricDataResults><member><Id>m1</Id><Timestamps><member>1970-01-01T00:01:00Z</member></Timestamps><Values><member>1.5</member></Values>');
    expect(xml).toContain('</GetMetricDataResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetMetricDataResponse>');
  });

  it('renders awsQuery errors with Type, Code, Message and RequestId', () => {
    expect(renderQueryError('InvalidParameterValue', 'bad', 'Sender', 'r')).toContain(
      '<ErrorResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/"><Error><Type>Sender</Type><Code>InvalidParameterValue</Code><Message>bad</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    );
  });

  it('strips characters XML cannot carry and formats second-precision dates', () => {
    expect(escapeXml('a\u0000b\u001bc\td')).toBe('abc\td');
    expect(isoSeconds(new Date(1_500))).toBe('1970-01-01T00:00:01.500Z');
  });
});

describe('JSON', () => {
  it('renders Dates as epoch seconds and drops undefined members', () => {
    expect(renderJson({ A: new Date(1_500), B: undefined, C: [new Date(0)], D: { E: 1 } })).toBe('{"A":1.5,"C":[0],"D":{"E":1}}');
  });

  it('renders errors with __type and message', () => {
    expect(JSON.parse(renderJsonError('ResourceNotFoundException', 'nope'))).toEqual({ __type: 'ResourceNotFoundException', message: 'nope' });
  });

  it('parses objects; an empty body is {}; anything else is a SerializationException', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('')).toEqual({});
    for (const bad of ['{', '[1]', '"x"', 'null']) {
      expect(() => parseJsonObject(bad)).toThrow(SimError);
      try {
        parseJsonObject(bad);
      } catch (error) {
        expect((error as SimError).code).toBe('SerializationException');
      }
    }
  });
});

describe('page tokens', () => {
  it('round-trip within a scope and are rejected in another or when forged', () => {
    const token = encodeToken('scope-a', { offset: 10, pin: 99 });
    expect(decodeToken('scope-a', token)).toEqual({ offset: 10, pin: 99 });
    expect(decodeToken('scope-b', token)).toBeUndefined();
    expect(decodeToken('scope-a', 'garbage!')).toBeUndefined();
    expect(decodeToken('scope-a', Buffer.from('{"s":"x","o":-1}').toString('base64url'))).toBeUndefined();
  });
});
