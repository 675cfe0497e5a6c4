// --share: the driver's side of a shared session. The server listens on the address the user gave (a unix socket or
// 127.0.0.1), the model's stores stream to every follower, and what followers send lands in the session: notes in
// the timeline, pointers in the footer too. Who follows and the wrong tokens refused go to the header and the log.
import { followCommand, ShareAddressError, type ShareAddress } from '../share/address.js';
import { publishModel } from '../share/publisher.js';
import { startShareServer } from '../share/server.js';
import { newToken } from '../share/token.js';
import type { AppModel } from '../model/types.js';
import { UsageError } from './options.js';

export interface Sharing {
  /** `ec2-triage follow ADDR --token T`. */
  readonly followCommand: string;
  /** Says bye to the followers and stops listening (the socket file is removed). */
  close(): Promise<void>;
}

/** Starts sharing `model`; a busy or forbidden address is a one-line usage error. */
export async function startSharing(
  address: ShareAddress,
  model: AppModel,
  options: { readonly driver: string; readonly speed: number; readonly log: (line: string) => void },
): Promise<Sharing> {
  const token = newToken();
  let command = '';
  let refused = 0;
  let server;
  try {
    server = await startShareServer({
      address,
      token,
      driver: options.driver,
      onMessage(from, message) {
        model.session?.receive(message.type === 'point' ? 'pointer' : 'note', from.name, message.text, message.instanceId);
      },
      onChange(state) {
        if (state.refused > refused) options.log(`share: ${state.refused - refused} follower(s) refused (wrong token)`);
        refused = state.refused;
        options.log(`share: following now: ${state.followers.map((f) => f.name).join(', ') || 'nobody'}`);
        model.session?.setShare({ followCommand: command, followers: state.followers, refused: state.refused });
      },
      onError: (line) => options.log(`share: ${line}`),
    });
  } catch (error) {
    if (error instanceof ShareAddressError) throw new UsageError(error.message);
    throw error;
  }
  command = followCommand(server.address, token);
  model.session?.setShare({ followCommand: command, followers: [], refused: 0 });
  const stop = publishModel(model, (channel, value) => server.publish(channel, value), options.speed);
  let closing: Promise<void> | undefined;
  return {
    followCommand: command,
    close: () =>
      (closing ??= (async () => {
        stop();
        await server.close();
      })()),
  };
}
