// The journal on disk: in the state folder, created once there is something to keep, rewritten whole, never over
// another file; in the private temp folder (and said) when the state folder cannot be written.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJournalFile, journalDir } from '../../source/cli/journal-file.js';
import type { ActionsSnapshot } from '../../source/model/actions-types.js';
import type { JournalEntry } from '../../source/triage/journal.js';

const session = { who: 'me@host (training fleet)', pid: 4242, startedAt: Date.UTC(2026, 11, 4, 3, 0, 0) };
const NAME = 'journal-20261204-030000-4242.md';
const empty: ActionsSnapshot = { current: undefined, journal: [], alarms: undefined, resize: undefined, agent: undefined };
const entry = (title: string): JournalEntry => ({
  id: 1, kind: 'reboot', instanceId: 'i-1', title, calls: [], commands: ['aws ec2 reboot-instances --instance-ids i-1 --region us-east-1'], notes: [],
  who: session.who, previewedAt: session.startedAt, confirmedAt: undefined, endedAt: session.startedAt, outcome: 'cancelled', detail: [],
});
const fresh = (): string => mkdtempSync(join(tmpdir(), 'ec2-triage-journal-'));

describe('journal file', () => {
  it('lives in $XDG_STATE_HOME/ec2-triage, else ~/.local/state/ec2-triage', () => {
    expect(journalDir({ XDG_STATE_HOME: '/s' })).toBe('/s/ec2-triage');
    expect(journalDir({ XDG_STATE_HOME: '' })).toMatch(/\/\.local\/state\/ec2-triage$/);
  });

  it('nothing to keep, no file; then one file, rewritten whole as the journal grows', () => {
    const base = fresh();
    const dir = join(base, 'state', 'ec2-triage');
    const file = createJournalFile(session, dir);
    expect(file.save(empty)).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
    expect(file.save({ ...empty, journal: [entry('Reboot a')] })).toEqual({ path: join(dir, NAME) });
    file.save({ ...empty, journal: [entry('Reboot a'), entry('Reboot b')] });
    expect(readdirSync(dir)).toEqual([NAME]);
    const text = readFileSync(join(dir, NAME), 'utf8');
    expect(text).toContain('### Reboot a: cancelled');
    expect(text).toContain('### Reboot b: cancelled');
    expect(statSync(join(dir, NAME)).mode & 0o777).toBe(0o600);
  });

  it('never over another file of the same name', () => {
    const dir = fresh();
    writeFileSync(join(dir, NAME), 'someone else');
    expect(createJournalFile(session, dir).save({ ...empty, journal: [entry('Reboot a')] })?.path).toBe(join(dir, NAME.replace('.md', '-2.md')));
    expect(readFileSync(join(dir, NAME), 'utf8')).toBe('someone else');
  });

  it('a state folder that cannot be made: the temp folder keeps it, and the reason is said', () => {
    const base = fresh();
    writeFileSync(join(base, 'state'), 'a file where the folder should be');
    const fallback = join(base, 'fallback');
    mkdirSync(fallback);
    const file = createJournalFile(session, join(base, 'state', 'ec2-triage'), () => fallback);
    const saved = file.save({ ...empty, journal: [entry('Reboot a')] });
    expect(saved?.path).toBe(join(fallback, NAME));
    expect(saved?.failure).toBe(`cannot write ${join(base, 'state', 'ec2-triage', NAME)}: ${join(base, 'state', 'ec2-triage')} is not a folder; kept in ${join(fallback, NAME)}`);
    expect(readFileSync(join(fallback, NAME), 'utf8')).toContain('### Reboot a: cancelled');
  });
});
