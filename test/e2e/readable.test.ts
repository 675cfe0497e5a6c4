// Readable on any terminal, in a real pty: no colour under NO_COLOR, the selection and focus without colour or
// reverse video (TERM=dumb), zoom at 80×24, pages that overlap by one line, a sort that keeps the selection.
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, spawnCli, type PtySession } from '../helpers/pty.js';

let session: PtySession | undefined;

afterEach(() => {
  session?.kill();
  session = undefined;
});

/** The list rows on screen (inside the list's border): [marker, name]. */
function listRows(s: PtySession): { readonly isSelected: boolean; readonly name: string }[] {
  return s
    .screen()
    .map((row) => /^║([› ]) (\S+)\s+(running|stopped|pending|stopping)/.exec(row))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ isSelected: m[1] === '›', name: m[2] ?? '' }));
}

/**
 * Coloured cells outside the metrics pane's chart rows. The chart's line colour is still a literal in
 * ui/panes/metrics (its owner moves it to tone('chart')); every other colour goes through ui/theme.ts.
 */
function colouredOutsideCharts(s: PtySession): number {
  const rows = s.screen();
  const top = rows.findIndex((row) => /^[│║](\[Metrics\]| Metrics )/.test(row));
  const bottom = top < 0 ? -1 : rows.findIndex((row, y) => y > top && /^[└╚]/.test(row));
  return s.styled((y) => top < 0 || y <= top || y >= bottom).colored;
}

const selectedName = (s: PtySession): string | undefined => listRows(s).find((r) => r.isSelected)?.name;
// Any of the story's instances with its CPU: problems first decides which are on screen at 80×24.
const hasFleet = (t: string): boolean => t.includes('pettracker-') && /\d+\.\d%/.test(t);

describe('readable on any terminal', () => {
  it('NO_COLOR: not one coloured cell; the selected row has › and the focused pane a bracketed title', async () => {
    session = spawnCli(['--demo'], { columns: 80, rows: 24, env: { NO_COLOR: '1' } });
    const s = session;
    await s.waitFor(hasFleet);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(colouredOutsideCharts(s)).toBe(0);
    expect(s.text()).toContain('[Instances]');
    const first = selectedName(s);
    expect(first).toBeDefined();
    s.press('j');
    await s.waitFor(() => selectedName(s) !== first);
    expect(listRows(s).filter((r) => r.isSelected)).toHaveLength(1);
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('[Status]') && !t.includes('[Instances]'));
    expect(colouredOutsideCharts(s)).toBe(0);
  });

  it('TERM=dumb: no colour, no reverse video, no bold — and still the › row and the [focused] pane', async () => {
    session = spawnCli(['--demo'], { columns: 80, rows: 24, env: { TERM: 'dumb' }, unsetEnv: ['FORCE_COLOR'] });
    const s = session;
    await s.waitFor(hasFleet);
    const styles = s.styled();
    expect(styles).toEqual({ colored: 0, inverse: 0, bold: 0 });
    const first = selectedName(s);
    expect(first).toBeDefined();
    s.press('j');
    await s.waitFor(() => selectedName(s) !== undefined && selectedName(s) !== first);
    expect(s.text()).toContain('[Instances]');
    s.press(KEYS.tab);
    await s.waitFor((t) => t.includes('[Status]'));
  });

  it('zoom at 80×24: z gives the triage the whole body, Esc brings the four panes back', async () => {
    session = spawnCli(['--demo'], { columns: 80, rows: 24 });
    const s = session;
    await s.waitFor(hasFleet);
    s.press('t');
    await s.waitFor((t) => /Triage\]?\s+\S+ · done/.test(t), 15_000);
    // Unzoomed, the 80×24 triage pane has room for the headline and a line or two: not the diagnosis.
    expect(s.text()).not.toContain('Diagnosis · confidence');
    // Focus the triage pane, then zoom it.
    // One Tab at a time, each waited for, so a slow frame never makes us tab past it.
    for (let i = 0; i < 4 && !s.text().includes('[Triage]'); i += 1) {
      const focused = /\[(Instances|Status|Metrics|Triage)\]/.exec(s.text())?.[1];
      s.press(KEYS.tab);
      await s.waitFor((t) => /\[(Instances|Status|Metrics|Triage)\]/.exec(t)?.[1] !== focused);
    }
    await s.waitFor((t) => t.includes('[Triage]'));
    const before = s.screen().filter((row) => row.startsWith('║')).length;
    s.press('z');
    await s.waitFor((t) => !t.includes('Instances') && !t.includes('Metrics'));
    const rows = s.screen();
    // One pane from under the header to above the footer: 21 of the 23 frame rows are the triage's.
    expect(rows[1]).toMatch(/^╔═+╗$/);
    expect(rows[2]).toMatch(/^║\[Triage\]/);
    expect(rows[21]).toMatch(/^╚═+╝$/);
    expect(rows.filter((row) => row.startsWith('║')).length).toBeGreaterThan(before);
    expect(rows[22]).toMatch(/^Esc\/z unzoom/);
    // The diagnosis itself is on screen (how far below it "Do this" starts depends on the chain's wording).
    expect(s.text()).toContain('Diagnosis · confidence');
    s.press(KEYS.escape);
    await s.waitFor((t) => t.includes('Instances') && t.includes('Metrics') && t.includes('[Triage]'));
  });

  it('PgDn moves a page less one line: the last instance on screen is the first after', async () => {
    session = spawnCli(['--demo', '--fleet-size', '40'], { columns: 80, rows: 24 });
    const s = session;
    await s.waitFor((t) => /\b49\b/.test(t) && /\d+\.\d%/.test(t));
    // By name, so no refresh reorders the rows while we page.
    s.press('s');
    await s.waitFor((t) => t.includes('sort: name'));
    s.press('g');
    await s.waitFor(() => listRows(s)[0]?.isSelected === true);
    const before = listRows(s).map((r) => r.name);
    expect(before.length).toBeGreaterThan(2);
    s.press(KEYS.pageDown);
    await s.waitFor(() => listRows(s)[0]?.name !== before[0]);
    const after = listRows(s).map((r) => r.name);
    expect(after[0]).toBe(before.at(-1));
    // The selection moved the same page: from the first row to the row that was last.
    expect(selectedName(s)).toBe(before.at(-1));
    s.press(KEYS.pageUp);
    await s.waitFor(() => listRows(s)[0]?.name === before[0]);
  });

  it('s re-sorts the list and the selection stays on the same instance; the list header says the sort', async () => {
    session = spawnCli(['--demo'], { columns: 120, rows: 35 });
    const s = session;
    await s.waitFor((t) => hasFleet(t) && t.includes('sort: problems first'));
    s.press('jj');
    await new Promise((r) => setTimeout(r, 300));
    const chosen = selectedName(s) ?? '';
    expect(chosen).not.toBe('');
    const rows: number[] = [listRows(s).findIndex((r) => r.name === chosen)];
    for (const sort of ['name', 'CPU', 'state', 'problems first']) {
      s.press('s');
      await s.waitFor((t) => t.includes(`sort: ${sort}`));
      expect(selectedName(s)).toBe(chosen);
      expect(s.text()).toMatch(new RegExp(`Status\\s+${chosen}`));
      rows.push(listRows(s).findIndex((r) => r.name === chosen));
    }
    // It did change rows on the way: the selection followed the instance, not the row.
    expect(new Set(rows).size).toBeGreaterThan(1);
  });
});
