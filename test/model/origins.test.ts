// The app model over several origins: the fleet carries each failing origin, a switch drops the rows of the
// origins left at once (and keeps the others), the triage's commands name the instance's own region and profile.
import { describe, expect, it } from 'vitest';
import { createMultiApi } from '../../source/aws/multi-api.js';
import { createAppModel } from '../../source/model/app-model.js';
import type { Origin } from '../../source/domain/origin.js';
import { constantSeries, createFakeAws, FakeAwsFailure, makeInstance, makeStatus } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const US: Origin = { region: 'us-east-1', profile: 'prod' };
const EU: Origin = { region: 'eu-west-1', profile: 'prod' };
const AP: Origin = { region: 'ap-south-1', profile: 'prod' };

function setup() {
  const clock = createFakeClock();
  const fakes = {
    'us-east-1': createFakeAws({ instances: [makeInstance({ id: 'i-us', name: 'us' })], statuses: [makeStatus('i-us')], series: constantSeries(3) }),
    'eu-west-1': createFakeAws({ instances: [makeInstance({ id: 'i-eu', name: 'eu' })], statuses: [makeStatus('i-eu')], series: constantSeries(3) }),
    'ap-south-1': createFakeAws({ instances: [] }),
  };
  fakes['ap-south-1'].listInstances = () => Promise.reject(new FakeAwsFailure({ kind: 'expired-credentials', message: 'expired', isSso: true }));
  const api = createMultiApi([US, EU, AP], (o) => fakes[o.region as keyof typeof fakes]);
  const model = createAppModel({
    api, clock, isReadOnly: true, refreshSeconds: 15, who: 'test',
    actions: () => Promise.reject(new Error('no write path in this test')),
    target: { kind: 'aws', region: 'us-east-1', profile: 'prod', endpointUrl: undefined },
    origins: { control: api, accountOf: (o) => Promise.resolve(o.profile === 'prod' ? '111122223333' : '0') },
  });
  return { clock, model, fakes };
}

describe('the app model over several origins', () => {
  it('lists the origins that answer and carries the failing one', async () => {
    const { clock, model } = setup();
    model.start();
    await clock.flush();
    const fleet = model.fleet.getSnapshot();
    expect(fleet.instances.data?.map((i) => i.id)).toEqual(['i-us', 'i-eu']);
    expect(fleet.originFailures?.map((f) => f.origin.region)).toEqual(['ap-south-1']);
    expect(model.origins?.getSnapshot().accounts.get('prod')).toEqual({ id: '111122223333' });
    model.stop();
  });

  it('a switch drops the rows of the origins left at once and lists the new set', async () => {
    const { clock, model, fakes } = setup();
    model.start();
    await clock.flush();
    const gate = fakes['eu-west-1'].hold('listInstances');
    expect(model.origins?.switchTo([EU])).toBeUndefined();
    // Before the new listing answers: the us-east-1 row is gone, the eu-west-1 one (and a selection on it) stays.
    expect(model.fleet.getSnapshot().instances.data?.map((i) => i.id)).toEqual(['i-eu']);
    expect(model.fleet.getSnapshot().originFailures).toEqual([]);
    gate.release();
    await clock.flush();
    expect(model.fleet.getSnapshot().instances.data?.map((i) => i.id)).toEqual(['i-eu']);
    model.stop();
  });

  it('the triage of an eu-west-1 instance prints commands for eu-west-1 and its profile', async () => {
    const { clock, model } = setup();
    model.start();
    await clock.flush();
    const eu = model.fleet.getSnapshot().instances.data?.find((i) => i.id === 'i-eu');
    expect(model.commandTargetFor?.(eu!)).toMatchObject({ region: 'eu-west-1', profile: 'prod' });
    model.runTriage(eu!);
    await clock.flush();
    const run = model.triage.getSnapshot();
    expect(run?.engine?.evidence.target).toMatchObject({ region: 'eu-west-1', profile: 'prod' });
    model.stop();
  });
});
