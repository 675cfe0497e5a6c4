// Files on disk as the user finds them: whole or absent, never an earlier file overwritten, and a folder that
// cannot be written said in words with the text saved elsewhere.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeReport } from '../../source/cli/report-file.js';
import { candidateName, describeWriteError, replaceFileSync, saveNewFile } from '../../source/cli/safe-write.js';
import { savedMessage } from '../../source/model/saved-file.js';

const fresh = (): string => mkdtempSync(join(tmpdir(), 'ec2-triage-write-'));
const isRoot = process.getuid?.() === 0;

describe('saveNewFile', () => {
  it('writes a new file; a second one takes the next free name and the first keeps its text; no temp file stays', () => {
    const dir = fresh();
    const path = join(dir, 'incident.md');
    expect(saveNewFile(path, 'first')).toEqual({ path });
    const second = saveNewFile(path, 'second');
    expect(second).toEqual({ path: join(dir, 'incident-2.md'), requested: path });
    expect(saveNewFile(path, 'third').path).toBe(join(dir, 'incident-3.md'));
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readFileSync(second.path, 'utf8')).toBe('second');
    expect(readdirSync(dir).sort()).toEqual(['incident-2.md', 'incident-3.md', 'incident.md']);
    expect(savedMessage('Report', second)).toBe(`Report written to ${second.path} (${path} exists: kept)`);
  });

  it('a missing folder: the text goes to the fallback folder, and the message says why and where', () => {
    const dir = fresh();
    const fallback = join(dir, 'fallback');
    mkdirSync(fallback);
    const path = join(dir, 'nope', 'incident.md');
    const saved = saveNewFile(path, 'text', () => fallback);
    expect(saved).toEqual({ path: join(fallback, 'incident.md'), requested: path, failure: `the folder ${join(dir, 'nope')} does not exist`, text: 'text' });
    expect(readFileSync(saved.path, 'utf8')).toBe('text');
    expect(savedMessage('Report', saved)).toBe(`Report saved to ${saved.path} instead: the folder ${join(dir, 'nope')} does not exist`);
  });

  it.skipIf(isRoot)('a folder without write permission is said as such', () => {
    const dir = fresh();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o500);
    const saved = saveNewFile(join(locked, 'x.md'), 'text', () => dir);
    expect(saved.failure).toBe(`no permission to write in ${locked}`);
    expect(readFileSync(join(dir, 'x.md'), 'utf8')).toBe('text');
  });

  it('when the fallback fails too, the error names both reasons', () => {
    const dir = fresh();
    expect(() => saveNewFile(join(dir, 'a', 'x.md'), 'text', () => join(dir, 'b'))).toThrow(
      `cannot write ${join(dir, 'a', 'x.md')} (the folder ${join(dir, 'a')} does not exist), nor ${join(dir, 'b', 'x.md')} (the folder ${join(dir, 'b')} does not exist)`,
    );
  });
});

describe('the words for a failed write', () => {
  it.each([
    ['ENOSPC', 'the disk is full'],
    ['EDQUOT', 'the disk quota is exceeded'],
    ['EACCES', 'no permission to write in /r'],
    ['EROFS', '/r is on a read-only file system'],
    ['ENOTDIR', '/r is not a folder'],
    ['EISDIR', '/r/x.md is a folder'],
  ])('%s → %s', (code, words) => {
    expect(describeWriteError(Object.assign(new Error('raw'), { code }), '/r/x.md')).toBe(words);
  });

  it('numbered names keep the extension', () => {
    expect(candidateName('/r/report.md', 2)).toBe('/r/report-2.md');
    expect(candidateName('/r/notes', 3)).toBe('/r/notes-3');
  });
});

describe('replaceFileSync (the journal: the app rewrites its own file)', () => {
  it('replaces the text whole and leaves no temp file', () => {
    const dir = fresh();
    const path = join(dir, 'journal.md');
    writeFileSync(path, 'old');
    replaceFileSync(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['journal.md']);
  });
});

describe('writeReport', () => {
  it('--report naming a folder writes the suggested name inside it', async () => {
    const dir = fresh();
    const saved = await writeReport('# r', 'ec2-triage-i-1-20260101-000000.md', dir);
    expect(saved.path).toBe(join(dir, 'ec2-triage-i-1-20260101-000000.md'));
  });
});
