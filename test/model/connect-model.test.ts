// model.connect: asks SSM (and the AMI's name), decides, then runs the session through the CLI's runner or hands
// back the SSH line; the session gets the app's own target flags.
import { describe, expect, it } from 'vitest';
import { createAppModel } from '../../source/model/app-model.js';
import type { SessionRunner } from '../../source/model/types.js';
import { createFakeAws, makeInstance, makeManaged } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

function modelWith(tools: readonly string[], managed: readonly string[]) {
  const ran: (readonly string[])[] = [];
  const session: SessionRunner = {
    hasCommand: (name) => tools.includes(name),
    run: (argv) => {
      ran.push(argv);
      return Promise.resolve({ exitCode: 0 });
    },
  };
  const api = Object.assign(createFakeAws({ instances: [], ssm: { managed: managed.map((id) => makeManaged(id)) } }), {
    describeImage: (id: string) => Promise.resolve({ id, name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207', description: undefined, platformDetails: 'Linux/UNIX' }),
  });
  const model = createAppModel({
    api, clock: createFakeClock(), isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no write path here')), who: 'test', session,
    target: { kind: 'aws', region: 'eu-west-1', profile: 'ops', endpointUrl: undefined },
  });
  return { model, ran };
}

const web = makeInstance({ id: 'i-web', publicIp: '54.1.2.3', keyName: 'k', imageId: 'ami-1' });

describe('model.connect', () => {
  it('runs aws ssm start-session with the target flags when everything is there', async () => {
    const { model, ran } = modelWith(['aws', 'session-manager-plugin'], ['i-web']);
    expect(await model.connect?.(web)).toEqual({ kind: 'session', instanceId: 'i-web', exitCode: 0 });
    expect(ran).toEqual([['aws', 'ssm', 'start-session', '--target', 'i-web', '--region', 'eu-west-1', '--profile', 'ops']]);
  });

  it('runs nothing when the instance is not managed: the SSH line with the user the AMI name says', async () => {
    const { model, ran } = modelWith(['aws', 'session-manager-plugin'], []);
    const outcome = await model.connect?.(web);
    expect(ran).toEqual([]);
    expect(outcome).toMatchObject({ kind: 'ssh', plan: { command: 'ssh -i k.pem ubuntu@54.1.2.3' } });
    expect(outcome?.kind === 'ssh' ? outcome.plan.reason : '').toContain('not managed by SSM');
  });

  it('runs nothing without the plugin', async () => {
    const { model, ran } = modelWith(['aws'], ['i-web']);
    expect(await model.connect?.(web)).toMatchObject({ kind: 'ssh', plan: { reason: expect.stringContaining('session-manager-plugin is not on PATH') as unknown } });
    expect(ran).toEqual([]);
  });
});
