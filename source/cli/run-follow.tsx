// `ec2-triage follow ADDR --token T`: a read-only view of another person's session, drawn from the state it streams.
// No AWS client is built or loaded here — the follower needs no credentials and cannot send an AWS call.
import { render } from 'ink';
import { App } from '../app.js';
import { parseFollowAddress, ShareAddressError } from '../share/address.js';
import { connectShare, type ShareStatus } from '../share/client.js';
import { isChannel, isChannelValue, type Channel, type DriverMeta } from '../share/streams.js';
import { createMirror, type Mirror } from '../share/mirror-model.js';
import type { FollowLink } from '../model/follow-types.js';
import { UsageError } from './options.js';
import { enterScreen, INK_OPTIONS, quietly } from './screen.js';
import { localName } from './who.js';

/** How long the first connection may take before the follower gives up with one line. */
const FIRST_CONTACT_MS = 10_000;

/** The follower's header word for a link status. */
export function linkOf(status: ShareStatus): FollowLink {
  switch (status.kind) {
    case 'connected':
      return { kind: 'connected' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'lost':
      return { kind: 'lost', reason: status.reason, retryInMs: status.retryInMs };
    case 'refused':
      return { kind: 'refused', reason: status.reason };
    case 'ended':
      return { kind: 'ended' };
  }
}

/** Runs the follower until the user quits; resolves to the exit code. */
export async function runFollow(address: string, token: string, name: string | undefined): Promise<number> {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError('stdin and stdout must be a terminal to follow a session');
  }
  if (token.trim() === '') throw new UsageError('follow needs the --token the driver printed');
  const who = name?.trim() || localName();
  let parsed;
  try {
    parsed = parseFollowAddress(address);
  } catch (error) {
    if (error instanceof ShareAddressError) throw new UsageError(error.message);
    throw error;
  }
  // Set once the first meta line is in: frames before it wait in `early`.
  const made: { mirror?: Mirror } = {};
  let driver: string | undefined;
  const early = new Map<Channel, unknown>();
  let hello!: (meta: DriverMeta) => void;
  let fail!: (error: Error) => void;
  const first = new Promise<DriverMeta>((resolve, reject) => {
    hello = resolve;
    fail = reject;
  });
  const client = connectShare({
    address: parsed,
    token,
    name: who,
    onState(channel, value) {
      if (!isChannel(channel)) return;
      if (made.mirror !== undefined) return made.mirror.onState(channel, value);
      if (channel === 'meta' && isChannelValue('meta', value)) return hello(value as DriverMeta);
      early.set(channel, value);
    },
    onStatus(status) {
      if (status.kind === 'connected') driver = status.driver;
      if (made.mirror !== undefined) return made.mirror.onLink(linkOf(status), driver);
      // Before the first frame: a refusal or an address that does not answer is one line, not a screen.
      if (status.kind === 'refused') fail(new UsageError(`the driver refused to share: ${status.reason}`));
      if (status.kind === 'lost') fail(new UsageError(`cannot follow ${address}: ${status.reason}`));
      if (status.kind === 'ended') fail(new UsageError(`the session at ${address} has ended`));
    },
  });
  const timer = setTimeout(() => fail(new UsageError(`cannot follow ${address}: no answer in ${FIRST_CONTACT_MS / 1000} s`)), FIRST_CONTACT_MS);
  let meta: DriverMeta;
  try {
    meta = await first;
  } catch (error) {
    client.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const mirror = createMirror(meta, { name: who, send: (say) => client.send(say) });
  made.mirror = mirror;
  mirror.onLink({ kind: 'connected' }, driver);
  for (const [channel, value] of early) mirror.onState(channel, value);
  const leave = enterScreen();
  const app = render(<App model={mirror.model} />, INK_OPTIONS);
  const onSignal = (): void => app.unmount();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, onSignal);
  try {
    await app.waitUntilExit();
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeListener(signal, onSignal);
    client.close();
    quietly(() => app.cleanup());
    leave();
  }
  return 0;
}
