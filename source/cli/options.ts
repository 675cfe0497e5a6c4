// Pure validation of command-line values: each returns a value or a one-line error the CLI prints before exit 2.

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a whole number within [min, max]; `what` names the flag in the error. */
export function parseInteger(raw: string, what: string, min: number, max: number): number {
  const trimmed = raw.trim();
  if (!/^-?\d+$/.test(trimmed)) {
    throw new UsageError(`${what} must be a whole number, got '${raw}'`);
  }
  const value = Number(trimmed);
  if (value < min || value > max) {
    throw new UsageError(`${what} must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/** Parses a positive number (fractions allowed) up to max. */
export function parsePositive(raw: string, what: string, max: number): number {
  const trimmed = raw.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isFinite(value)) {
    throw new UsageError(`${what} must be a number, got '${raw}'`);
  }
  if (value <= 0 || value > max) {
    throw new UsageError(`${what} must be greater than 0 and at most ${max}, got ${value}`);
  }
  return value;
}

/** Accepts http(s) URLs with a host, as the SDK's endpoint option needs. */
export function parseEndpointUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--endpoint-url must be a URL such as http://127.0.0.1:4566, got '${raw}'`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw new UsageError(`--endpoint-url must be an http:// or https:// URL, got '${raw}'`);
  }
  return raw.replace(/\/+$/, '');
}

/** Checks a scenario name against the fleet's list. */
export function parseScenario(raw: string, names: readonly string[]): string {
  if (!names.includes(raw)) {
    throw new UsageError(`unknown scenario '${raw}'; choose one of: ${names.join(', ')}`);
  }
  return raw;
}

/** AWS region names look like us-east-1, eu-central-2, us-gov-west-1, cn-north-1. */
export function parseRegion(raw: string): string {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(raw)) {
    throw new UsageError(`--region must be an AWS region such as us-east-1, got '${raw}'`);
  }
  return raw;
}
