// --share: under the header, how to follow (the command with its token, never cut) and who follows now. Pure lines
// plus a thin component.
import { Box, Text } from 'ink';
import type { ShareState } from '../../model/session-types.js';
import { tone } from '../theme.js';

/** "2 following: sre@laptop, bob · 1 refused" (empty when nobody follows and nothing was refused). */
export function followersText(share: ShareState): string {
  const names = share.followers.map((f) => f.name);
  const who = names.length === 0 ? 'nobody follows yet' : `${names.length} following: ${names.join(', ')}`;
  const refused = share.refused === 0 ? '' : ` · ${share.refused} refused (wrong token)`;
  return `${who}${refused}`;
}

/**
 * The bar's lines at a width: one when the command and the followers fit, else the command wrapped (at spaces, then
 * hard, so the token is always whole on screen) with the followers after it, on its last line when they fit.
 */
export function shareBarLines(share: ShareState, width: number): string[] {
  const command = `follow: ${share.followCommand}`;
  const who = followersText(share);
  const one = `${command} · ${who}`;
  if (one.length <= width) return [one];
  const lines = wrapWhole(command, width);
  const last = lines.at(-1) ?? '';
  // Who follows shares the command's last line when it fits there (at 80 columns: two lines in all).
  if (`${last} · ${who}`.length <= width) return [...lines.slice(0, -1), `${last} · ${who}`];
  return [...lines, who.slice(0, Math.max(0, width))];
}

/** Wraps at spaces; a word longer than the width is cut into width-long pieces. */
export function wrapWhole(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length <= w) {
      line = next;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > w) {
      lines.push(rest.slice(0, w));
      rest = rest.slice(w);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
}

export function ShareBar({ lines, width }: { readonly lines: readonly string[]; readonly width: number }) {
  return (
    <Box flexDirection="column" width={width} height={lines.length} flexShrink={0}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate" color={i === lines.length - 1 && lines.length > 1 ? undefined : tone('info')}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
