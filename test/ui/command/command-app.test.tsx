// Command mode in the app and the list over several origins: Region (and Profile) columns, one line per failing
// origin, `:region` switching through the origins model, `:sort`/`:filter`, an unknown command's one line.
import { afterEach, describe, expect, it } from 'vitest';
import { createOriginsModel, type OriginControl } from '../../../source/model/origins-store.js';
import type { Origin, OriginFailure } from '../../../source/domain/origin.js';
import { originsText } from '../../../source/ui/components/header.js';
import { createFakeModel, fakeStore, makeFleet, makeInstance } from '../../helpers/fake-model.js';
import { KEYS, frame, press, renderApp } from '../../helpers/ui.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const US: Origin = { region: 'us-east-1', profile: 'prod' };
const EU: Origin = { region: 'eu-west-1', profile: 'prod' };

async function mount(failures: OriginFailure[] = [], origins: Origin[] = [US, EU], columns = 160) {
  const instances = [
    makeInstance(1, { region: 'us-east-1', profile: 'prod', tags: { Name: 'web-00001', team: 'ml' } }),
    makeInstance(2, { region: 'eu-west-1', profile: 'prod', tags: { Name: 'web-00002', team: 'web' } }),
  ];
  const fake = createFakeModel({ instances, target: { kind: 'aws', region: 'us-east-1', profile: 'prod', endpointUrl: undefined } });
  let current = origins;
  const switched: Origin[][] = [];
  const control: OriginControl = { origins: () => current, failures: () => failures, setOrigins: (next) => void (current = [...next]) };
  const model = {
    ...fake.model,
    fleet: fakeStore({ ...makeFleet(instances), originFailures: failures }),
    origins: createOriginsModel(control, (next) => void switched.push([...next]), { knownProfiles: ['prod', 'staging'], accountOf: () => Promise.resolve('123456789012') }),
  };
  model.origins.loadAccounts();
  const app = await renderApp(model, { columns, rows: 30 });
  cleanup = app.unmount;
  return { app, text: () => frame(app.lastFrame), switched, model };
}

const type = async (stdin: { write(s: string): void }, text: string) => {
  for (const ch of text) await press(stdin as never, ch);
};

describe('several origins', () => {
  it('shows the Region column, and the header names the account and the regions', async () => {
    const { text } = await mount();
    expect(text()).toMatch(/Name\s+Region\s+State/);
    expect(text()).toMatch(/web-00002\s+eu-west-1/);
    expect(text()).toContain('us-east-1,eu-west-1 · profile prod · 123456789012');
  });

  it('a failing origin has its line and the others\' rows stay', async () => {
    const { text } = await mount([{ origin: EU, error: { kind: 'denied', action: 'ec2:DescribeInstances', message: 'no' } }]);
    expect(text()).toContain('eu-west-1: access denied (ec2:DescribeInstances)');
    expect(text()).toContain('web-00001');
  });

  it('with several profiles the Profile column shows and the header names each account', async () => {
    const { text } = await mount([], [US, { region: 'us-east-1', profile: 'staging' }], 260);
    expect(text()).toMatch(/Name\s+Profile\s+Region/);
    expect(text()).toContain('prod 123456789012 · staging 123456789012 · us-east-1');
  });
});

describe('command mode', () => {
  it(':region switches the origin set (each profile × the new regions) and says so', async () => {
    const { app, text, switched } = await mount();
    await press(app.stdin, ':');
    expect(text()).toContain(':▏');
    await type(app.stdin, 'region eu-west-1');
    await press(app.stdin, '\r');
    expect(switched).toEqual([[{ region: 'eu-west-1', profile: 'prod' }]]);
    expect(text()).toContain('regions: eu-west-1');
  });

  it(':budget opens the API budget over the panes; Esc closes it', async () => {
    const { app, text } = await mount();
    await press(app.stdin, ':budget\r');
    expect(text()).toContain('API budget');
    expect(text()).toMatch(/calls|cost|GetMetricData|budget/i);
    await press(app.stdin, KEYS.escape);
    expect(text()).not.toContain('API budget');
  });

  it('arrives whole in one chunk (a paste over SSH) and runs', async () => {
    const { app, switched } = await mount();
    await press(app.stdin, ':region us-west-2\r');
    expect(switched).toEqual([[{ region: 'us-west-2', profile: 'prod' }]]);
  });

  it(':filter tag:team=ml keeps the tagged rows; :sort region says so in the list header', async () => {
    const { app, text } = await mount();
    await press(app.stdin, ':filter tag:team=ml\r');
    expect(text()).toContain('web-00001');
    expect(text()).not.toContain('web-00002');
    await press(app.stdin, ':sort region\r');
    expect(text()).toContain('sort: region');
  });

  it('an unknown command is one line in the footer; Esc closes the line; ↑ brings the last command back', async () => {
    const { app, text } = await mount();
    await press(app.stdin, ':frobnicate\r');
    expect(text()).toContain('unknown command :frobnicate');
    await press(app.stdin, ':');
    await press(app.stdin, KEYS.up);
    expect(text()).toContain(':frobnicate▏');
    await press(app.stdin, KEYS.escape);
    expect(text()).not.toContain(':frobnicate▏');
  });

  it(':profile refuses a profile the AWS files do not have', async () => {
    const { app, text, switched } = await mount();
    await press(app.stdin, ':profile nope\r');
    expect(text()).toContain("no profile 'nope'");
    expect(switched).toEqual([]);
  });
});

describe('originsText', () => {
  it('one profile reads as before, with the account after it', () => {
    const snapshot = { origins: [{ region: 'us-east-1' }], accounts: new Map([['', { id: '111122223333' }]]), knownProfiles: [], canSwitch: true };
    expect(originsText({ kind: 'aws', region: 'us-east-1', profile: undefined, endpointUrl: undefined }, snapshot, {})).toBe('us-east-1 · default profile · 111122223333');
  });
});
