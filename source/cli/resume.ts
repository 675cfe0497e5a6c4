// `--resume FILE`: reopen a session where it was left — the same target (flags given now win), with the notes, the
// journal and each instance's last run from the file; the session goes on in the same file.
import { resolve } from 'node:path';
import { resolveAwsConfig, resolveDemoConfig, type RawOptions, type TuiConfig } from './config.js';
import { UsageError } from './options.js';
import { readSessionFile, type SessionTarget } from './session-file.js';

/** The flags to start with: the file's target under what the command line says (pure). */
export function resumeFlags(raw: RawOptions, target: SessionTarget): RawOptions {
  const isAwsGiven = raw.region !== undefined || raw.profile !== undefined || raw.endpointUrl !== undefined;
  if (raw.demo === true || (!isAwsGiven && target.kind === 'demo')) {
    if (target.kind !== 'demo') return { ...raw, demo: true };
    return {
      ...raw,
      demo: true,
      scenario: raw.scenario ?? target.scenario,
      speed: raw.speed ?? String(target.speed),
      ...(raw.seed === undefined && target.seed !== undefined ? { seed: String(target.seed) } : {}),
    };
  }
  if (target.kind !== 'aws') return raw;
  return {
    ...raw,
    region: raw.region ?? target.region,
    ...(raw.profile === undefined && target.profile !== undefined ? { profile: target.profile } : {}),
    ...(raw.endpointUrl === undefined && target.endpointUrl !== undefined ? { endpointUrl: target.endpointUrl } : {}),
  };
}

/** Reads and checks the file, then resolves the configuration as a fresh start would with those flags. */
export async function resolveResumeConfig(raw: RawOptions & { readonly resume: string }): Promise<TuiConfig> {
  if (raw.sessionFile !== undefined) throw new UsageError('--resume goes on in the file it reopens; drop --session-file');
  const path = resolve(raw.resume);
  const content = readSessionFile(path);
  const flags = resumeFlags(raw, content.target);
  const config = flags.demo === true ? resolveDemoConfig(flags) : await resolveAwsConfig(flags);
  return { ...config, resume: { path, content } };
}
