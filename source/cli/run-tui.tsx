// The interactive app: builds the AWS API (real or the in-process fleet), the model, and mounts Ink.
import { render } from 'ink';
import { App } from '../app.js';
import { hostname, userInfo } from 'node:os';
import type { AwsActions, WaiterDelays } from '../aws/actions.js';
import type { AwsApi } from '../aws/api.js';
import type { AwsConfig } from '../aws/clients.js';
import { credentialSource } from '../domain/credential-source.js';
import { timeoutsFor } from '../aws/timeouts.js';
import { assertWritable, createLogger } from '../log.js';
import { createAppModel } from '../model/app-model.js';
import { systemClock } from '../model/clock.js';
import type { Target } from '../model/types.js';
import { scaledClock } from '../sim/clock.js';
import { createSimHandler } from '../sim/handler.js';
import { createWorld } from '../sim/world.js';
import { storyStart } from '../sim/story-start.js';
import type { TuiConfig } from './config.js';
import { createLazyAwsApi } from './lazy-api.js';
import { writeReport } from './report-file.js';
import { UsageError } from './options.js';

// The alternate screen keeps the user's scrollback intact: on exit the shell is back as it was.
const ENTER_ALT_SCREEN = '\u001b[?1049h';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

interface Connection {
  readonly api: AwsApi;
  readonly actions: () => Promise<AwsActions>;
  readonly target: Target;
  readonly isReadOnly: boolean;
  readonly now: () => number;
  readonly speed: number;
}

function connect(config: TuiConfig): Connection {
  if (config.kind === 'demo') {
    const clock = scaledClock(config.fleet.speed);
    const world = createWorld({ ...config.fleet, clock, t0: storyStart(clock.now(), config.fleet.isLive) });
    const simHandler = createSimHandler(world, { deny: config.fleet.deny });
    const aws = { region: world.region, simHandler, isReadOnly: config.isReadOnly };
    const api = createLazyAwsApi(world.region, async () => (await import('../aws/index.js')).createAwsApi(aws));
    // A waiter polls in real seconds; on a fleet running ×60 a 10 s pause would be ten fleet minutes.
    const maxDelay = Math.max(1, Math.min(10, Math.round(120 / config.fleet.speed)));
    const actions = lazyActions(aws, { minDelay: 1, maxDelay });
    const target: Target = { kind: 'demo', scenario: config.fleet.scenario, speed: config.fleet.speed, region: world.region };
    return { api, actions, target, isReadOnly: config.isReadOnly, now: () => clock.now(), speed: config.fleet.speed };
  }
  // Read-only (the default on real AWS) is enforced by the clients themselves: no mutating call is serialised.
  const aws = { region: config.region, profile: config.profile, endpointUrl: config.endpointUrl, isReadOnly: config.isReadOnly, timeouts: timeoutsFor(config.timeoutSeconds) };
  const api = createLazyAwsApi(config.region, async () => (await import('../aws/index.js')).createAwsApi(aws));
  const target: Target = { kind: 'aws', region: config.region, profile: config.profile, endpointUrl: config.endpointUrl };
  return { api, actions: lazyActions(aws), target, isReadOnly: config.isReadOnly, now: Date.now, speed: 1 };
}

/** The write path, loaded with the SDK on first use. */
function lazyActions(config: AwsConfig, waiterDelays?: WaiterDelays): () => Promise<AwsActions> {
  let loaded: Promise<AwsActions> | undefined;
  return () => (loaded ??= import('../aws/actions.js').then((m) => m.createAwsActions(config, waiterDelays === undefined ? {} : { waiterDelays })));
}

/** Who acts, for the journal: the local user, the host, and the AWS profile. */
function operator(target: Target): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep 'unknown'.
  }
  const where = target.kind === 'demo' ? 'training fleet' : credentialSource(target.profile, process.env);
  return `${user}@${hostname()} (${where})`;
}

/** Runs the TUI until the user quits; resolves to the exit code. */
export async function runTui(config: TuiConfig): Promise<number> {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError(
      'stdin and stdout must be a terminal for the interactive UI (a non-interactive mode comes later)',
    );
  }
  if (config.logFile !== undefined) {
    try {
      assertWritable(config.logFile);
    } catch (error) {
      throw new UsageError(`cannot write --log-file ${config.logFile}: ${(error as Error).message}`);
    }
  }
  const logger = createLogger(config.logFile);
  const { api, actions, target, isReadOnly, now, speed } = connect(config);
  logger.info(`start ${JSON.stringify({ ...config })}`);
  const model = createAppModel({
    api,
    target,
    isReadOnly,
    refreshSeconds: config.refreshSeconds,
    clock: systemClock(now, speed),
    onError: (error) => logger.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    saveReport: (name, markdown) => writeReport(markdown, name, config.reportPath),
    saveFile: (name, text) => writeReport(text, name, undefined),
    actions,
    who: operator(target),
    ...(config.alarmTopic === undefined ? {} : { alarmTopic: config.alarmTopic }),
  });
  // Node prints process warnings to stderr, which would tear the frame: while the UI runs they go to the log.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.error(`warning: ${warning.name}: ${warning.message}`));
  process.stdout.write(ENTER_ALT_SCREEN);
  const restore = (): void => {
    process.stdout.write(LEAVE_ALT_SCREEN);
  };
  process.once('exit', restore);
  model.start();
  const app = render(<App model={model} />, {
    incrementalRendering: true,
    exitOnCtrlC: false,
    patchConsole: false,
    // Measured (npm run bench, 10,000 instances): 60 fps halves p50 but doubles the time until a keypress's
    // effect is on screen, as more frames compete; Ink's default 30 is the better trade.
    maxFps: 30,
  });
  try {
    await app.waitUntilExit();
  } finally {
    model.stop();
    app.cleanup();
    restore();
    process.removeListener('exit', restore);
    logger.info('exit');
  }
  return 0;
}
