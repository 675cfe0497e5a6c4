// Issue 9: the table of EC2 parameters the fleet accepts (everything else is UnknownParameter) is the EC2 service
// model's, read here from botocore (installed with the AWS CLI and moto), so the table cannot drift from AWS's.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ec2Operations } from '../../source/sim/services/ec2.js';
import { EC2_PARAMETERS, checkEc2Parameters } from '../../source/sim/services/ec2-parameters.js';

const run = promisify(execFile);

// EC2's Query serialisation names a member by its queryName, else its capitalised locationName, else its own name.
const SCRIPT = `
import json, gzip, os, sys, botocore
model = json.load(gzip.open(os.path.join(os.path.dirname(botocore.__file__), 'data/ec2/2016-11-15/service-2.json.gz')))
def wire(name, member):
    if 'queryName' in member: return member['queryName']
    if 'locationName' in member: return member['locationName'][0].upper() + member['locationName'][1:]
    return name[0].upper() + name[1:]
out = {}
for op in sys.argv[1:]:
    shape = model['shapes'][model['operations'][op]['input']['shape']]
    out[op] = sorted(wire(k, v) for k, v in shape['members'].items())
print(json.dumps(out))
`;

async function botocoreParameters(actions: readonly string[]): Promise<Record<string, string[]> | undefined> {
  try {
    const { stdout } = await run('python3', ['-c', SCRIPT, ...actions]);
    return JSON.parse(stdout) as Record<string, string[]>;
  } catch {
    return undefined;
  }
}

const actions = Object.keys(ec2Operations);
const model = await botocoreParameters(actions);
const isSkipped = model === undefined && process.env.CI !== 'true';
if (isSkipped) console.warn('ec2-parameters.test.ts: python3 with botocore is not available; skipping the model comparison.');

describe('EC2_PARAMETERS', () => {
  it('has an entry for every EC2 operation the fleet serves', () => {
    expect(Object.keys(EC2_PARAMETERS).sort()).toEqual(actions.slice().sort());
  });

  it.skipIf(isSkipped)('equals the EC2 service model\'s top-level parameters, operation by operation', () => {
    expect(model).toBeDefined();
    for (const action of actions) expect([action, [...(EC2_PARAMETERS[action] ?? [])].sort()]).toEqual([action, model?.[action]]);
  });

  it('refuses the first parameter outside the table and nothing inside it', () => {
    expect(() => checkEc2Parameters('DescribeInstances', { Filter: [], InstanceId: [], MaxResults: '5' })).not.toThrow();
    expect(() => checkEc2Parameters('DescribeInstances', { InstanceIds: ['i-1'] })).toThrow(/The parameter InstanceIds is not recognized/);
  });
});
