// The host checks' preview: before the first host-check run of a session, every script is shown verbatim (each
// section's purpose and its command), with where it runs and how. Enter runs them with the triage, Esc triages
// without them. Pure.
import { HOST_CHECK_DOCUMENT, HOST_CHECKS } from '../../domain/host-checks.js';
import type { Instance } from '../../domain/types.js';
import type { Line } from '../components/lines.js';

/**
 * Splits a long command over rows of `width` (verbatim: no character dropped, only broken across rows); the first
 * row carries the prompt, the next ones line up under the command.
 */
export function verbatim(text: string, width: number, prompt: string): string[] {
  const room = Math.max(10, width - prompt.length);
  const under = ' '.repeat(prompt.length);
  const rows: string[] = [];
  for (let i = 0; i < text.length; i += room) rows.push(`${i === 0 ? prompt : under}${text.slice(i, i + room)}`);
  return rows.length === 0 ? [prompt] : rows;
}

export function hostChecksPreviewLines(instance: Instance, width: number): Line[] {
  const label = instance.name === '' ? instance.id : `${instance.name} (${instance.id})`;
  const lines: Line[] = [
    { text: `On ${label}: read-only; run through SSM Run Command ${HOST_CHECK_DOCUMENT}.`, isBold: true },
    { text: 'These exact commands, nothing else (ec2-triage refuses any other SendCommand). Each output is read back.', isDim: true },
  ];
  for (const check of HOST_CHECKS) {
    lines.push({ text: '' }, { text: `${check.title} check`, tone: 'heading', isBold: true });
    for (const section of check.sections) {
      lines.push({ text: `  ${section.what}` });
      for (const row of verbatim(section.command, width, '    $ ')) lines.push({ text: row, tone: 'command' });
    }
  }
  lines.push({ text: '' }, { text: 'Enter: run them as part of this triage (and every later one this session) · Esc: triage without them', isDim: true });
  return lines;
}
