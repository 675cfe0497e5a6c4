// Pure text formatting shared by the panes: ages, clock, units (an AwsError's words: domain/aws-error.ts describeAwsError).

/** "3s", "4m", "2h 5m": how long ago something happened, short enough for a footer. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d`;
}

/** HH:MM:SS UTC of a clock reading (fleet time in demo mode). */
export function formatClock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`;
}

/** YYYY-MM-DD HH:MM UTC, for due dates and "impaired since". */
export function formatDateTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** 12345 → "12,345" independent of the user's locale. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function trimFixed(n: number, digits: number): string {
  return n.toFixed(digits).replace(/\.0+$/, '');
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** 1_258_291 → "1.2 MB" (1024-based, as most ops tools show bytes). */
export function formatBytes(n: number): string {
  let value = Math.abs(n);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = n < 0 ? '-' : '';
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${sign}${trimFixed(value, digits)} ${BYTE_UNITS[unit] ?? 'B'}`;
}

/** A value in its CloudWatch unit: Percent → "98.2%", Bytes → "1.2 MB", Count → "3". */
export function formatUnit(value: number, unit: string): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'Percent':
      return `${value.toFixed(1)}%`;
    case 'Bytes':
      return formatBytes(value);
    case 'Bytes/Second':
      return `${formatBytes(value)}/s`;
    case 'Count':
      return Number.isInteger(value) || Math.abs(value) >= 10 ? formatCount(value) : trimFixed(value, 1);
    case 'Count/Second':
      return `${trimFixed(value, 1)}/s`;
    case 'Seconds':
      return `${trimFixed(value, 1)} s`;
    default:
      return trimFixed(value, 1);
  }
}

/** 300 → "5 min": a metrics period in words. */
export function formatPeriod(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** Cut a string to a width (in code points), marking the cut with an ellipsis. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  const chars = [...text];
  if (chars.length <= width) return text;
  return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
}

/** Truncate, then pad with spaces to exactly `width` code points: fixed-width table cells. */
export function cell(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - [...cut].length));
}

/** m:ss, for how long an action or a step has run. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
