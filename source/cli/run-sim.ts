// `ec2-triage sim`: the training fleet as an HTTP endpoint the AWS CLI and SDKs can talk to; with --control an
// instructor changes it while it runs, and with --replay it narrates the OOM story as it plays.
import { createSimHandler } from '../sim/handler.js';
import { startSimServer } from '../sim/server.js';
import { fleetClock } from '../sim/clock.js';
import type { FleetClock } from '../sim/clock.js';
import { withControl } from '../sim/control.js';
import { createWorld } from '../sim/world.js';
import { dueLines, oomReplay, replayT0 } from '../sim/replay.js';
import { storyStart } from '../sim/story-start.js';
import type { SimConfig } from './config.js';
import { UsageError } from './options.js';
import { TOKEN_ENV } from './fleet-client.js';

/** How often the replay looks at the fleet clock for narration due (real ms). */
const NARRATION_TICK_MS = 200;

/** Prints each narration line when fleet time reaches it; pausing the fleet clock pauses the story. */
function narrate(clock: FleetClock, seed: number, t0: number, print: (line: string) => void): () => void {
  const timeline = oomReplay(seed, t0);
  // From the replay's first moment, whenever the first tick comes: the opening line is always said.
  let seen = (timeline[0]?.at ?? clock.now()) - 1;
  const tick = (): void => {
    const now = clock.now();
    for (const line of dueLines(timeline, seen, now)) print(`[replay] ${line.text}`);
    seen = Math.max(seen, now);
  };
  tick();
  const timer = setInterval(tick, NARRATION_TICK_MS);
  return () => clearInterval(timer);
}

/**
 * On a terminal, the replay's own keys: Space pauses and resumes the fleet (the story with it), Ctrl-C stops it
 * (raw mode turns Ctrl-C into a byte, not a signal). Returns the undo, which leaves the terminal as it was.
 */
function replayKeys(clock: FleetClock, stop: () => void, print: (line: string) => void): (() => void) | undefined {
  const input = process.stdin;
  if (!input.isTTY) return undefined;
  const onData = (data: Buffer): void => {
    const key = data.toString('utf8');
    if (key === '\u0003') stop();
    else if (key === ' ') {
      if (clock.isPaused()) clock.resume();
      else clock.pause();
      print(`[replay] ${clock.isPaused() ? 'paused (Space resumes)' : 'resumed'} at ${new Date(clock.now()).toISOString().slice(11, 19)} fleet time`);
    }
  };
  input.setRawMode(true);
  input.on('data', onData);
  input.resume();
  return () => {
    input.off('data', onData);
    input.setRawMode(false);
    input.pause();
  };
}

/** Serves until SIGINT/SIGTERM; resolves to the exit code. */
export async function runSim(config: SimConfig): Promise<number> {
  const { fleet, control, replay } = config;
  const clock = fleetClock(fleet.speed);
  const t0 = replay === undefined ? storyStart(clock.now(), fleet.isLive) : replayT0(clock.now());
  const world = createWorld({ ...fleet, clock, t0 });
  const aws = createSimHandler(world, { deny: config.fleet.deny });
  const handler = withControl(aws, control === undefined ? undefined : { token: control.token, world, clock, onEvent: (line) => console.log(line) });
  let server: Awaited<ReturnType<typeof startSimServer>>;
  try {
    server = await startSimServer(handler, { port: config.port, host: '127.0.0.1' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new UsageError(`port ${config.port} is already in use on 127.0.0.1; pick another with --port`);
    }
    if (code === 'EACCES') {
      throw new UsageError(`port ${config.port} needs privileges; pick one above 1023 with --port`);
    }
    throw error;
  }
  const count = world.instances().length;
  console.log(
    `Training fleet listening on ${server.url} (region ${world.region}, scenario ${fleet.scenario}, ` +
      `seed ${fleet.seed}, ${count} instances, speed ×${fleet.speed}). Ctrl-C stops it.`,
  );
  console.log(`Try: aws --endpoint-url ${server.url} --region ${world.region} ec2 describe-instance-status --include-all-instances`);
  if (control !== undefined) {
    const token = control.isGenerated ? control.token : '(the one given with --token)';
    console.log(
      `Instructor control on ${server.url}/_fleet/ — token ${token} — e.g. ${TOKEN_ENV}=<token> ec2-triage inject oom ` +
        `--instance pettracker-web-1 --endpoint-url ${server.url}; ec2-triage fleet status|pause|resume|speed N --endpoint-url ${server.url}`,
    );
  }
  const stopNarration = replay === undefined ? undefined : narrate(clock, fleet.seed, t0, (line) => console.log(line));
  let releaseKeys: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (replay !== undefined) {
      releaseKeys = replayKeys(clock, stop, (line) => console.log(line));
      if (releaseKeys !== undefined) console.log('[replay] Space pauses and resumes the story; Ctrl-C stops the fleet.');
    }
  });
  releaseKeys?.();
  stopNarration?.();
  await server.close();
  return 0;
}
