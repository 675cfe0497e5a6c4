// The session file: what it keeps (never a secret), the round trip a --resume makes, the writer's timing and its
// atomic writes, and the one-line errors for files it cannot use.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppModel } from '../../source/model/app-model.js';
import type { AppModel, Target } from '../../source/model/types.js';
import { sessionReport } from '../../source/model/session-report.js';
import { createSessionWriter, secretsOf, decodeSession, encodeSession, readSessionFile, restoredHistory, runsOf, safeEndpoint, sessionTarget, type SessionFileContent } from '../../source/cli/session-file.js';
import { resumeFlags } from '../../source/cli/resume.js';
import { UsageError } from '../../source/cli/options.js';
import { constantSeries, createFakeAws, makeInstance, makeStatus } from '../helpers/fake-aws.js';
import { createFakeClock } from '../helpers/fake-clock.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY1';
const TOKEN = 'FwoGZXIvYXdzEJr//////////SESSIONTOKEN1234567890';
const saved = { secret: process.env.AWS_SECRET_ACCESS_KEY, token: process.env.AWS_SESSION_TOKEN };
afterEach(() => {
  for (const [name, value] of [['AWS_SECRET_ACCESS_KEY', saved.secret], ['AWS_SESSION_TOKEN', saved.token]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const instance = makeInstance({ id: 'i-a', name: 'a' });
const AWS_TARGET: Target = { kind: 'aws', region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://admin:hunter2@127.0.0.1:4566/?X-Amz-Security-Token=tok123' };

function modelOf(clock: ReturnType<typeof createFakeClock>, resume?: Parameters<typeof createAppModel>[0]['resume']): AppModel {
  const api = createFakeAws({ instances: [instance], statuses: [makeStatus('i-a')], series: constantSeries(3) });
  return createAppModel({
    api, clock, isReadOnly: true, refreshSeconds: 15, actions: () => Promise.reject(new Error('no write path')), who: 'alice@bastion (profile oncall)', author: 'alice@bastion', target: AWS_TARGET,
    ...(resume === undefined ? {} : { resume }),
  });
}

/** What run-tui's writer reads from a model. */
function contentOf(model: AppModel, savedAt: number): SessionFileContent {
  return { version: 1, target: sessionTarget(model.target), who: 'alice@bastion (profile oncall)', startedAt: 1, savedAt, notes: model.session.getSnapshot().notes, runs: runsOf(model.runs.getSnapshot()), journal: model.actions.getSnapshot().journal };
}

describe('session file content', () => {
  it('round-trips a session: the notes, the restored run (marked) per instance, a new run says what changed, the report has it all', async () => {
    process.env.AWS_SECRET_ACCESS_KEY = SECRET;
    process.env.AWS_SESSION_TOKEN = TOKEN;
    const clock = createFakeClock(Date.UTC(2024, 0, 15, 3, 12, 0));
    const first = modelOf(clock);
    first.start();
    first.selectInstance(instance);
    first.runTriage(instance);
    await clock.flush();
    first.session.addNote('memory climbs since 02:20', instance.id);
    first.session.receive('pointer', 'sre', 'check NetworkIn at 02:30', undefined);
    const text = encodeSession(contentOf(first, clock.now()), secretsOf(AWS_TARGET));
    // The runs carry the endpoint as typed (the evidence's target, the printed commands): the writer takes it out.
    expect(encodeSession(contentOf(first, clock.now()))).toContain('hunter2');
    first.stop();
    // Nothing secret: not the keys in the environment, not the endpoint's password or token.
    for (const secret of [SECRET, TOKEN, 'hunter2', 'tok123', 'admin:']) expect(text).not.toContain(secret);
    expect(text).toContain('"endpointUrl": "http://127.0.0.1:4566"');

    const content = decodeSession(text, '/tmp/s.json');
    const later = createFakeClock(Date.UTC(2024, 0, 15, 4, 0, 0));
    const second = modelOf(later, { path: '/tmp/s.json', savedAt: content.savedAt, notes: content.notes, journal: content.journal, runs: restoredHistory(content, '/tmp/s.json') });
    expect(second.session.getSnapshot().notes.map((n) => n.text)).toEqual(['memory climbs since 02:20', 'check NetworkIn at 02:30']);
    expect(second.triage.getSnapshot()).toBeUndefined();
    second.selectInstance(instance);
    const restored = second.triage.getSnapshot();
    expect(restored?.restored).toEqual({ path: '/tmp/s.json', savedAt: content.savedAt });
    expect(restored?.engine?.evidence.gatheredAt).toBeInstanceOf(Date);
    second.runTriage(instance);
    await later.flush();
    const fresh = second.triage.getSnapshot();
    expect(fresh?.restored).toBeUndefined();
    expect(fresh?.changes).toMatch(/^since 03:12: /);
    const report = sessionReport(fresh!, { journal: [], notes: second.session.getSnapshot().notes, runs: second.runs.getSnapshot().get(instance.id) });
    expect(report).toContain('## Earlier runs');
    expect(report).toContain('from /tmp/s.json');
    expect(report).toContain(`**Re-triaged:** ${fresh?.changes ?? ''}`);
    expect(report).toContain('## Notes');
    expect(report).toContain('note by alice@bastion on i-a: memory climbs since 02:20');
    expect(report).toContain('| note | pointer · sre: check NetworkIn at 02:30 |');
    // Written again, the earlier run is kept (unmarked) and the new one is the last.
    const again = decodeSession(encodeSession(contentOf(second, later.now())), '/tmp/s.json');
    expect(again.runs[0]?.earlier).toHaveLength(1);
    expect(again.runs[0]?.last?.changes).toBe(fresh?.changes);
    expect(JSON.stringify(again.runs[0]?.earlier)).not.toContain('"restored"');
    second.stop();
  });

  it('keeps the training fleet\'s scenario, speed and seed, and drops a served port', () => {
    expect(sessionTarget({ kind: 'demo', scenario: 'oom', speed: 60, region: 'us-east-1', servedPort: 4566 }, 7)).toEqual({ kind: 'demo', scenario: 'oom', speed: 60, seed: 7, region: 'us-east-1' });
    expect(safeEndpoint('not a url')).toBe('');
  });

  it('refuses files it cannot use, each in one line', () => {
    const p = '/x/s.json';
    expect(() => decodeSession('{"version": 1,', p)).toThrow(`${p} is not an ec2-triage session file (not JSON)`);
    expect(() => decodeSession('{"notes": []}', p)).toThrow('no version field');
    expect(() => decodeSession('{"version": 2}', p)).toThrow(`${p} is a version 2 session file; this ec2-triage reads version 1`);
    const good = { version: 1, target: { kind: 'aws', region: 'us-east-1' }, who: 'w', startedAt: 1, savedAt: 2, notes: [], runs: [], journal: [] };
    expect(decodeSession(JSON.stringify(good), p).who).toBe('w');
    expect(() => decodeSession(JSON.stringify({ ...good, notes: [{ id: 1 }] }), p)).toThrow('its notes is damaged');
    expect(() => readSessionFile('/no/such/session.json')).toThrow(new UsageError('cannot read session file /no/such/session.json: no such file'));
  });
});

describe('resume flags', () => {
  const demo = { kind: 'demo', scenario: 'disk-full', speed: 60, seed: 3, region: 'us-east-1' } as const;
  const aws = { kind: 'aws', region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://127.0.0.1:4566' } as const;
  it('reopens the file\'s target; flags given now win', () => {
    expect(resumeFlags({}, demo)).toEqual({ demo: true, scenario: 'disk-full', speed: '60', seed: '3' });
    expect(resumeFlags({ speed: '10' }, demo)).toMatchObject({ demo: true, scenario: 'disk-full', speed: '10' });
    expect(resumeFlags({}, aws)).toEqual({ region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://127.0.0.1:4566' });
    expect(resumeFlags({ profile: 'other' }, aws)).toMatchObject({ region: 'eu-west-1', profile: 'other' });
    expect(resumeFlags({ region: 'us-west-2' }, demo)).toEqual({ region: 'us-west-2' });
    expect(resumeFlags({ demo: true }, aws)).toEqual({ demo: true });
  });
});

describe('session writer', () => {
  const dirOf = () => mkdtempSync(join(tmpdir(), 'session-file-'));
  const content = (n: number): Omit<SessionFileContent, 'savedAt'> => ({ version: 1, target: { kind: 'aws', region: 'us-east-1' }, who: 'w', startedAt: 1, notes: [{ id: `n${n}`, kind: 'note', at: n, author: 'a', text: `note ${n}` }], runs: [], journal: [] });

  it('writes once after a burst of changes, whole (no temp file left), and tells where', async () => {
    const dir = dirOf();
    let n = 1;
    const states: string[] = [];
    const writer = createSessionWriter({ dir, name: 'session-x.json', read: () => content(n), now: () => 1000 + n, delayMs: 30, onState: (s) => states.push(s.path) });
    writer.schedule();
    n = 2;
    writer.schedule();
    expect(readdirSync(dir)).toEqual([]);
    await new Promise((r) => setTimeout(r, 80));
    expect(readdirSync(dir)).toEqual(['session-x.json']);
    const file = join(dir, 'session-x.json');
    expect(readSessionFile(file).notes[0]?.text).toBe('note 2');
    n = 3;
    writer.schedule();
    expect(writer.flush()).toEqual({ path: file });
    expect(readSessionFile(file)).toMatchObject({ savedAt: 1003, notes: [{ text: 'note 3' }] });
    expect(readdirSync(dir)).toEqual(['session-x.json']);
    expect(states).toEqual([file]);
    // Notes, runs and who did what: the user's alone, created and rewritten so.
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('never writes over another file when it creates one; replaces its own (the --resume file) in place', () => {
    const dir = dirOf();
    writeFileSync(join(dir, 'session-x.json'), 'someone else\'s');
    const writer = createSessionWriter({ dir, name: 'session-x.json', read: () => content(1), now: () => 5 });
    expect(writer.flush()?.path).toBe(join(dir, 'session-x-2.json'));
    expect(readFileSync(join(dir, 'session-x.json'), 'utf8')).toBe('someone else\'s');
    const own = join(dir, 'resumed.json');
    writeFileSync(own, encodeSession({ ...content(0), savedAt: 1 }));
    const resumed = createSessionWriter({ path: own, dir, name: 'unused.json', read: () => content(4), now: () => 9 });
    expect(resumed.flush()).toEqual({ path: own });
    expect(readSessionFile(own).notes[0]?.text).toBe('note 4');
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });

  it('writes nothing before there is something to keep, and says why a file is elsewhere', () => {
    const dir = dirOf();
    const idle = createSessionWriter({ dir, name: 's.json', read: () => undefined, now: () => 1 });
    expect(idle.flush()).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
    const locked = join(dir, 'locked');
    writeFileSync(join(dir, 'placeholder'), '');
    chmodSync(dir, 0o500);
    try {
      const fallback = dirOf();
      const writer = createSessionWriter({ dir: locked, name: 's.json', read: () => content(1), now: () => 1, fallback: () => fallback });
      const state = writer.flush();
      if (process.getuid?.() === 0) return; // root writes anywhere
      expect(state?.path).toBe(join(fallback, 's.json'));
      expect(state?.failure).toMatch(/^cannot write .*locked\/s\.json: .*; kept in /);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
