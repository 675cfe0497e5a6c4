// The interactive app: builds the AWS API (real or the in-process fleet), the model, and mounts Ink.
import { render } from 'ink';
import { App } from '../app.js';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { profileEndpoints, profileNames } from '../domain/aws-config.js';
import type { AwsActions, WaiterDelays } from '../aws/actions.js';
import type { AwsApi } from '../aws/api.js';
import type { AwsConfig } from '../aws/clients.js';
import { credentialSource } from '../domain/credential-source.js';
import { timeoutsFor } from '../aws/timeouts.js';
import { assertWritable, createLogger } from '../log.js';
import { createAppModel, type AppModelOptions } from '../model/app-model.js';
import { createMultiApi } from '../aws/multi-api.js';
import { createMultiActions } from '../aws/multi-actions.js';
import type { Origin } from '../domain/origin.js';
import { systemClock } from '../model/clock.js';
import type { AppModel, Target } from '../model/types.js';
import type { Clock } from '../model/clock.js';
import type { LessonSetup } from '../ui/lesson/use-lesson.js';
import { anchoredClock } from '../sim/clock.js';
import { buildFleetHandler, type FleetSpec } from '../sim/fleet-host.js';
import { startSimServer, type SimServer } from '../sim/server.js';
import type { SimHandler } from '../sim/types.js';
import { SCENARIO_NAMES, WORLD_REGION } from '../sim/world.js';
import { storyStart } from '../sim/story-start.js';
import type { TuiConfig } from './config.js';
import { createLazyAwsApi } from './lazy-api.js';
import { bundledDataWorker, createDataThread, dataWorkerSpawner, type DataThread } from './data-thread.js';
import { createWorkerActions, createWorkerApi, type WorkerApi } from '../aws/worker-api.js';
import { createJournalFile } from './journal-file.js';
import { restoredHistory } from './session-file.js';
import { handOverLine, keepSession } from './session-keeper.js';
import { writeReport } from './report-file.js';
import { exitLine } from '../model/in-flight.js';
import { UsageError } from './options.js';
import { createSessionRunner, type TerminalHandover } from './session.js';
import { startSharing, type Sharing } from './share-driver.js';
import { localName } from './who.js';

import { ENTER_ALT_SCREEN, INK_OPTIONS, LEAVE_ALT_SCREEN, quietly } from './screen.js';

const CLEAR_HOME = '\u001b[2J\u001b[H';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

/**
 * Ink draws only the lines it believes changed; after a session the screen is blank. A narrower width for one
 * 'resize' makes Ink forget its last frame (it clears and draws whole, from the home the screen was cleared to),
 * and the true width's 'resize' lays it out again.
 */
function redrawWhole(stdout: NodeJS.WriteStream): void {
  const columns = stdout.columns;
  if (columns === undefined || columns < 2) return;
  stdout.columns = columns - 1;
  stdout.emit('resize');
  stdout.columns = columns;
  stdout.emit('resize');
}

interface Connection {
  readonly api: AwsApi;
  readonly actions: () => Promise<AwsActions>;
  readonly target: Target;
  readonly isReadOnly: boolean;
  readonly now: () => number;
  readonly speed: number;
  /** The training fleet's handler (the in-process world), to serve it over HTTP too. */
  readonly simHandler?: SimHandler;
  /** Stops the data worker (when there is one). */
  readonly closeFleet?: () => Promise<void>;
  /** The origin set (real AWS: switchable) and each profile's account id. */
  readonly origins?: AppModelOptions['origins'];
}

function connect(config: TuiConfig): Connection {
  if (config.kind === 'demo') {
    const { fleet } = config;
    // One anchor for every thread: the UI's clock and the fleet's (in its worker) read the same fleet now.
    const realStart = Date.now();
    const anchor = { realStart, fleetStart: realStart };
    const clock = anchoredClock(fleet.speed, anchor);
    const spec: FleetSpec = { scenario: fleet.scenario, seed: fleet.seed, fleetSize: fleet.fleetSize, speed: fleet.speed, deny: fleet.deny, anchor, t0: storyStart(clock.now(), fleet.isLive) };
    const thread = startDataThread(spec, config.timeoutSeconds * 1000);
    const region = WORLD_REGION;
    const simHandler = thread?.handler ?? buildFleetHandler(spec);
    const aws = { region, simHandler, isReadOnly: config.isReadOnly, allowHostChecks: config.hasDiagnostics };
    // Reads and writes go through the data worker, where the fleet is: the UI thread receives rows only.
    const inWorker = { region, fleet: true, isReadOnly: config.isReadOnly, allowHostChecks: config.hasDiagnostics };
    const workerApi = thread === undefined ? undefined : createWorkerApi(thread.link, inWorker, 0);
    const api = workerApi ?? createLazyAwsApi(region, async () => (await import('../aws/index.js')).createAwsApi(aws));
    // A waiter polls in real seconds; on a fleet running ×60 a 10 s pause would be ten fleet minutes.
    const maxDelay = Math.max(1, Math.min(10, Math.round(120 / config.fleet.speed)));
    const delays = { minDelay: 1, maxDelay };
    const workerActions = thread === undefined ? undefined : createWorkerActions(thread.link, inWorker, 0, delays);
    const actions = workerActions === undefined ? lazyActions(aws, delays) : () => Promise.resolve(workerActions);
    const target: Target = { kind: 'demo', scenario: fleet.scenario, speed: fleet.speed, region };
    // The training fleet is one region of one account: its header names the account; it cannot switch.
    const accountOf = async (_origin: Origin, signal: AbortSignal): Promise<string> =>
      workerApi === undefined ? (await import('../aws/identity.js')).callerAccount(aws, signal) : workerApi.callerAccount(signal);
    const control = {
      origins: () => [{ region }],
      failures: () => [],
      setOrigins: () => {
        throw new Error(`the training fleet has one region (${region}) and no profiles`);
      },
    };
    return { api, actions, target, isReadOnly: config.isReadOnly, now: () => clock.now(), speed: fleet.speed, simHandler, closeFleet: thread?.close, origins: { control, accountOf, canSwitch: false } };
  }
  // Read-only (the default on real AWS) is enforced by the clients themselves: no mutating call is serialised.
  const common = { isReadOnly: config.isReadOnly, timeouts: timeoutsFor(config.timeoutSeconds), allowHostChecks: config.hasDiagnostics };
  const shared = sharedFiles();
  // --endpoint-url for every origin, else the profile's own endpoint_url (the SDK would only read AWS_PROFILE's).
  const endpointOf = (origin: Origin): string | undefined => origin.endpointUrl ?? config.endpointUrl ?? (origin.profile === undefined ? undefined : shared.endpoints.get(origin.profile));
  const awsOf = (origin: Origin): AwsConfig => ({ ...common, region: origin.region, profile: origin.profile, endpointUrl: endpointOf(origin) });
  // One api per (profile, region), presented as one; `:region` / `:profile` switch the set without a restart. The
  // SDK clients live in the data worker (one per config, reused when an origin comes back): rows cross, nothing else.
  const thread = startDataThread(undefined, config.timeoutSeconds * 1000);
  const keys = new Map<string, number>();
  const keyOf = (aws: AwsConfig): number => {
    const name = JSON.stringify(aws);
    const key = keys.get(name) ?? keys.size;
    keys.set(name, key);
    return key;
  };
  const workerApiOf = (origin: Origin): WorkerApi | undefined => {
    if (thread === undefined) return undefined;
    const aws = awsOf(origin);
    return createWorkerApi(thread.link, aws, keyOf(aws));
  };
  const api = createMultiApi(config.origins, (origin) => workerApiOf(origin) ?? createLazyAwsApi(origin.region, async () => (await import('../aws/index.js')).createAwsApi(awsOf(origin))));
  const primary = (): Origin => api.origins()[0] ?? { region: config.region };
  const workerActionsOf = (origin: Origin): AwsActions | undefined => {
    if (thread === undefined) return undefined;
    const aws = awsOf(origin);
    return createWorkerActions(thread.link, aws, keyOf(aws));
  };
  const multiActions = createMultiActions(api.originOf, primary, (origin) => {
    const viaWorker = workerActionsOf(origin);
    return viaWorker === undefined ? lazyActions(awsOf(origin))() : Promise.resolve(viaWorker);
  });
  const target: Target = { kind: 'aws', region: config.region, profile: config.profile, endpointUrl: config.endpointUrl };
  const accountOf = async (origin: Origin, signal: AbortSignal): Promise<string> =>
    workerApiOf(origin)?.callerAccount(signal) ?? (await import('../aws/identity.js')).callerAccount(awsOf(origin), signal);
  return {
    api, actions: () => Promise.resolve(multiActions), target, isReadOnly: config.isReadOnly, now: Date.now, speed: 1,
    ...(thread === undefined ? {} : { closeFleet: thread.close }),
    origins: { control: api, accountOf, knownProfiles: shared.profiles },
  };
}

/**
 * The data worker (the SDK clients and, in the demo, the training fleet) when the bundle has one
 * (dist/data-worker.js), so parsing, mapping and rendering 10,000 instances never compete with the keys; undefined
 * when running from sources (vitest): everything then runs in this thread.
 */
function startDataThread(fleet: FleetSpec | undefined, timeoutMs: number): DataThread | undefined {
  const url = bundledDataWorker();
  if (url === undefined) return undefined;
  // The scenario is checked here too, so a bad one fails before the first frame rather than in every pane.
  if (fleet !== undefined && !SCENARIO_NAMES.includes(fleet.scenario)) buildFleetHandler(fleet);
  return createDataThread({ spawn: dataWorkerSpawner(url, fleet), timeoutMs });
}

/** The AWS shared files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/): profiles (completion), endpoints. */
function sharedFiles(): { readonly profiles: string[]; readonly endpoints: Map<string, string> } {
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const file = (name: string, fallback: string): string => {
    const set = process.env[name]?.trim();
    return set === undefined || set === '' ? join(homedir(), '.aws', fallback) : set;
  };
  const configText = read(file('AWS_CONFIG_FILE', 'config'));
  return { profiles: profileNames(configText, read(file('AWS_SHARED_CREDENTIALS_FILE', 'credentials'))), endpoints: profileEndpoints(configText) };
}

/** The write path, loaded with the SDK on first use. */
function lazyActions(config: AwsConfig, waiterDelays?: WaiterDelays): () => Promise<AwsActions> {
  let loaded: Promise<AwsActions> | undefined;
  return () => (loaded ??= import('../aws/actions.js').then((m) => m.createAwsActions(config, waiterDelays === undefined ? {} : { waiterDelays })));
}

/** Who acts, for the journal: the local user, the host, and the AWS profile. */
function operator(target: Target): string {
  const where = target.kind === 'demo' ? 'training fleet' : credentialSource(target.profile, process.env);
  return `${localName()} (${where})`;
}

/** `learn`: builds the lesson over the app's parts (the observer reads the same AwsApi); may wrap the model. */
export type LessonFactory = (parts: { readonly api: AwsApi; readonly actions: () => Promise<AwsActions>; readonly model: AppModel; readonly clock: Clock }) => {
  readonly setup: LessonSetup;
  readonly model: AppModel;
  start(): void;
  stop(): void;
};

/** `learn`: the in-process fleet served on 127.0.0.1 at this port (0: any free one) while the app runs. */
export interface ServeOptions {
  readonly port: number;
}

/** Serves the training fleet's world over HTTP; a busy or privileged port is a one-line usage error. */
async function serveFleet(simHandler: SimHandler, port: number): Promise<SimServer> {
  try {
    return await startSimServer(simHandler, { port, host: '127.0.0.1' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use on 127.0.0.1; pick another with --port (--port 0 takes any free one)`);
    if (code === 'EACCES') throw new UsageError(`port ${port} needs privileges; pick one above 1023 with --port (--port 0 takes any free one)`);
    throw error;
  }
}

/** Runs the TUI until the user quits; resolves to the exit code. */
export async function runTui(config: TuiConfig, lessonOf?: LessonFactory, serve?: ServeOptions): Promise<number> {
  if (process.stdin.isTTY !== true || process.stdout.isTTY !== true) {
    throw new UsageError(
      'stdin and stdout must be a terminal for the interactive UI (for scripts and alert hooks: ec2-triage check)',
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
  const connection = connect(config);
  const { api, actions, isReadOnly, now, speed } = connection;
  // Served before anything is drawn: a busy port is one line on the normal screen, not a torn frame.
  let server: SimServer | undefined;
  try {
    server = serve === undefined || connection.simHandler === undefined ? undefined : await serveFleet(connection.simHandler, serve.port);
  } catch (error) {
    await connection.closeFleet?.();
    throw error;
  }
  let closing: Promise<void> | undefined;
  const closeServer = (): Promise<void> => (closing ??= server === undefined ? Promise.resolve() : server.close().catch(() => undefined));
  const target: Target = server === undefined || connection.target.kind !== 'demo' ? connection.target : { ...connection.target, servedPort: server.port };
  logger.info(`start ${JSON.stringify({ ...config })}${server === undefined ? '' : ` serving ${server.url}`}`);
  const who = operator(target);
  const journalFile = createJournalFile({ who, pid: process.pid, startedAt: now() });
  // Set once Ink is mounted: the session hands the terminal over and back through it.
  let redraw: () => void = () => undefined;
  // Ctrl-C typed while a session has the terminal (before the plugin takes raw mode, or in `aws` itself) is the
  // session's: the SIGINT the whole foreground group gets arrives here once the session has ended, and is not a quit.
  let handedBackAt: number | undefined;
  let isHandedOver = false;
  const isSessionSignal = (): boolean => isHandedOver || (handedBackAt !== undefined && Date.now() - handedBackAt < 1000);
  const terminal: TerminalHandover = {
    release() {
      isHandedOver = true;
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdout.write(`${SHOW_CURSOR}${LEAVE_ALT_SCREEN}`);
    },
    reclaim() {
      if (process.stdin.isTTY) process.stdin.setRawMode(true);
      process.stdout.write(`${ENTER_ALT_SCREEN}${CLEAR_HOME}${HIDE_CURSOR}`);
      redraw();
      isHandedOver = false;
      handedBackAt = Date.now();
    },
  };
  const clock = systemClock(now, speed);
  const resumed = config.resume;
  const appModel = createAppModel({
    author: config.author ?? localName(),
    ...(resumed === undefined
      ? {}
      : {
          resume: {
            path: resumed.path,
            savedAt: resumed.content.savedAt,
            notes: resumed.content.notes,
            journal: resumed.content.journal,
            runs: restoredHistory(resumed.content, resumed.path),
          },
        }),
    session: createSessionRunner(terminal),
    api,
    target,
    isReadOnly,
    hasDiagnostics: config.hasDiagnostics,
    refreshSeconds: config.refreshSeconds,
    ...(config.maxCallsPerMinute === undefined ? {} : { maxCallsPerMinute: config.maxCallsPerMinute }),
    clock,
    onError: (error) => logger.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
    saveReport: (name, markdown) => writeReport(markdown, name, config.reportPath),
    saveFile: (name, text, at) => writeReport(text, name, at),
    persistJournal: (snapshot) => journalFile.save(snapshot),
    actions,
    who,
    ...(config.alarmTopic === undefined ? {} : { alarmTopic: config.alarmTopic }),
    ...(connection.origins === undefined ? {} : { origins: connection.origins }),
  });
  const lessonRun = lessonOf?.({ api, actions, model: appModel, clock });
  const model = lessonRun?.model ?? appModel;
  const sessionFile = keepSession(model, config, { who, startedAt: resumed?.content.startedAt ?? now(), now });
  logger.info(`session file: ${sessionFile.path ?? 'a new file in the state folder, on the first note, run or action'}`);
  // --share: listening before the first frame, so a busy address is one line on the normal screen; the follow
  // command is printed there too (it stays in the scrollback after the app), in the header's bar and in the log.
  let sharing: Sharing | undefined;
  if (config.share !== undefined) {
    try {
      sharing = await startSharing(config.share, model, { driver: localName(), speed, log: (line) => logger.info(line) });
    } catch (error) {
      await closeServer();
      throw error;
    }
    process.stdout.write(`ec2-triage: sharing this session read-only; to follow it: ${sharing.followCommand}\n`);
    logger.info(`share: to follow: ${sharing.followCommand}`);
  }
  // Node prints process warnings to stderr, which would tear the frame: while the UI runs they go to the log.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.error(`warning: ${warning.name}: ${warning.message}`));
  process.stdout.write(ENTER_ALT_SCREEN);
  // Raw mode from the first frame: Ink takes it only when its input hook mounts, and a Ctrl-C typed in between
  // (the frame is already on screen) was the terminal's SIGINT — exit 130 — instead of the app's own quit key.
  process.stdin.setRawMode(true);
  const restore = (): void => {
    quietly(() => process.stdin.setRawMode(false));
    process.stdout.write(LEAVE_ALT_SCREEN);
  };
  process.once('exit', restore);
  model.start();
  lessonRun?.start();
  const app = render(<App model={model} {...(lessonRun === undefined ? {} : { lesson: lessonRun.setup })} />, INK_OPTIONS);
  redraw = () => redrawWhole(process.stdout);
  /**
   * However the app ends, an action still running is journalled (on disk, synchronously) with the step it reached,
   * and one line after the alternate screen names the instance, the step and the command that finishes it.
   */
  let hasLeft = false;
  let signalled: number | undefined;
  const leave = (reason: string): void => {
    if (hasLeft) return;
    hasLeft = true;
    model.actions.interrupt(reason);
    // The session on disk first (synchronously): a hangup may not leave time for anything after.
    const kept = sessionFile.writer.flush();
    sessionFile.stop();
    const run = model.actions.getSnapshot().current;
    const line = run?.phase === 'interrupted' ? exitLine(run, model.actions.getSnapshot().journalFile?.path) : undefined;
    model.stop();
    lessonRun?.stop();
    void closeServer();
    void sharing?.close();
    quietly(() => app.unmount());
    quietly(() => app.cleanup());
    quietly(restore);
    process.removeListener('exit', restore);
    if (line !== undefined) quietly(() => process.stderr.write(`${line}\n`));
    if (kept !== undefined) quietly(() => process.stderr.write(`${handOverLine(kept)}\n`));
    logger.info(`exit (${reason})${line === undefined ? '' : `: ${line}`}`);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (signal === 'SIGINT' && isSessionSignal()) return;
    for (const [name, handler] of handlers) process.removeListener(name, handler);
    // After a hangup the terminal is gone: its write errors must not end the process before the trace is kept.
    for (const stream of [process.stdout, process.stderr, process.stdin]) stream.on('error', () => undefined);
    signalled = 128 + (SIGNALS[signal] ?? 0);
    leave(signal);
    // A call still in flight must not hold the process open.
    setTimeout(() => process.exit(signalled), 1000).unref();
  };
  const handlers = (Object.keys(SIGNALS) as NodeJS.Signals[]).map((name) => [name, () => onSignal(name)] as const);
  for (const [name, handler] of handlers) process.on(name, handler);
  try {
    await app.waitUntilExit();
  } finally {
    for (const [name, handler] of handlers) process.removeListener(name, handler);
    leave('quit');
    await closeServer();
    await sharing?.close();
    // After the server: nothing asks the fleet any more.
    await connection.closeFleet?.();
  }
  return signalled ?? 0;
}

/** The signals that end the app with the trace: Ctrl-C from outside, `kill`, and the hangup of a dropped SSH link. */
const SIGNALS: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
