// Writing files from the TUI as the user finds them on disk: `e` twice never overwrites the first report; a folder
// that vanished is said in a dialog that stays, with the report saved in the private temp folder instead, and
// another path typed there takes it.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';
import { selectByName } from './steps.js';

let session: PtySession | undefined;
afterEach(() => {
  session?.kill();
  session = undefined;
});

const flat = (t: string): string => t.replace(/[║│]/g, ' ').replace(/\s+/g, ' ');

describe('e writes the report', () => {
  it('a second export takes a new name; a vanished folder: the report goes to the temp folder, and a dialog says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ec2-r-'));
    const temp = mkdtempSync(join(tmpdir(), 'ec2-t-'));
    const report = join(dir, 'incident.md');
    const s = spawnCli(['--demo', '--speed', '60', '--report', report], { columns: 160, rows: 45, env: { TMPDIR: temp } });
    session = s;
    await selectByName(s, 'pettracker-ml-server');
    s.press('t');
    await s.waitFor((t) => /Triage\]?\s+pettracker-ml-server · done/.test(t), 15_000);
    s.press('e');
    await s.waitFor((t) => t.includes(`Report written to ${report}`));
    const first = readFileSync(report, 'utf8');
    s.press('e');
    await s.waitFor((t) => t.includes(`Report written to ${join(dir, 'incident-2.md')} (${report} exists: kept)`));
    expect(readFileSync(report, 'utf8')).toBe(first);
    expect(readdirSync(dir).sort()).toEqual(['incident-2.md', 'incident.md']);

    rmSync(dir, { recursive: true });
    s.press('e');
    const fallback = join(temp, `ec2-triage-${userInfo().username}`, 'incident.md');
    const text = flat(await s.waitFor((t) => t.includes('Report saved elsewhere')));
    expect(text).toContain(`Cannot write ${report}: the folder ${dir} does not exist.`);
    expect(text).toContain(`Nothing is lost: the report is saved in ${fallback}.`);
    expect(text).toContain(`mv ${fallback} ${report}`);
    expect(readFileSync(fallback, 'utf8')).toContain('# ');
    // Another path, typed in the dialog: a folder takes the file's name inside it.
    const other = mkdtempSync(join(tmpdir(), 'ec2-o-'));
    s.press(other);
    s.press(KEYS.enter);
    await s.waitFor((t) => t.includes(`Report written to ${join(other, 'incident.md')}`) && !t.includes('Report saved elsewhere'));
    expect(readFileSync(join(other, 'incident.md'), 'utf8')).toBe(readFileSync(fallback, 'utf8'));
  }, 60_000);
});
