// `ec2-triage sim`: the training fleet as an HTTP endpoint the AWS CLI and SDKs can talk to.
import { createSimHandler } from '../sim/handler.js';
import { startSimServer } from '../sim/server.js';
import { scaledClock } from '../sim/clock.js';
import { createWorld } from '../sim/world.js';
import { storyStart } from '../sim/story-start.js';
import type { SimConfig } from './config.js';
import { UsageError } from './options.js';

/** Serves until SIGINT/SIGTERM; resolves to the exit code. */
export async function runSim(config: SimConfig): Promise<number> {
  const { fleet } = config;
  const clock = scaledClock(fleet.speed);
  const world = createWorld({ ...fleet, clock, t0: storyStart(clock.now(), fleet.isLive) });
  let server: Awaited<ReturnType<typeof startSimServer>>;
  try {
    server = await startSimServer(createSimHandler(world, { deny: config.fleet.deny }), { port: config.port, host: '127.0.0.1' });
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
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
