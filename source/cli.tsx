// Entry point: argv → validated config → the Ink app, or the `sim` endpoint. Usage errors: one line, exit 2.
import { Command, CommanderError, Option } from 'commander';
import { parseDiagnostics, UsageError } from './cli/options.js';
import { resolveDemoConfig, resolveAwsConfig, resolveFleet, resolveSimConfig, type RawOptions } from './cli/config.js';
import type { CheckConfig } from './cli/run-check.js';
import { tuneHeap } from './cli/heap.js';
import { runSim } from './cli/run-sim.js';
import { runTui } from './cli/run-tui.js';
import { TOKEN_ENV } from './cli/fleet-client.js';
import type { ControlFlags } from './cli/fleet-client.js';
import type { InjectFlags } from './cli/run-inject.js';

declare const __EC2_TRIAGE_VERSION__: string | undefined;
const VERSION = typeof __EC2_TRIAGE_VERSION__ === 'string' ? __EC2_TRIAGE_VERSION__ : '0.0.0-dev';

/** Builds the command tree; actions resolve to an exit code through `done`. */
function buildProgram(done: (work: Promise<number>) => void): Command {
  const program = new Command('ec2-triage')
    .description('Monitor and troubleshoot Amazon EC2 instances from the terminal (Status → Metrics → Logs).')
    .version(VERSION, '-V, --version')
    .addOption(new Option('--demo', 'run on the embedded training fleet (no AWS account needed)'))
    .addOption(new Option('--scenario <name>', 'training fleet scenario (with --demo)'))
    .addOption(new Option('--speed <n>', 'training fleet clock speed, e.g. 60 = one hour a minute (with --demo)'))
    .addOption(new Option('--seed <n>', 'training fleet seed: the same seed gives the same fleet (with --demo)'))
    .addOption(new Option('--fleet-size <n>', 'extra generated instances for scale work (with --demo)'))
    .addOption(new Option('--region <regions>', 'AWS region, or several: us-east-1,eu-west-1 (else AWS_REGION or the profile)'))
    .addOption(new Option('--all-regions', "every region the account has enabled (EC2 DescribeRegions)"))
    .addOption(new Option('--profile <names>', 'AWS shared-config profile, or several: prod,staging (else AWS_PROFILE)'))
    .addOption(new Option('--endpoint-url <url>', 'AWS-compatible endpoint, e.g. moto or LocalStack'))
    .addOption(new Option('--refresh <seconds>', 'instance and status refresh interval').default('15'))
    .addOption(new Option('--max-calls-per-minute <n>', 'cap the AWS calls of the whole app; the selected instance is served first, the CPU column last'))
    .addOption(new Option('--timeout <seconds>', 'how long an AWS call may wait for its answer (default 15; connecting: 3)'))
    .addOption(new Option('--log-file <path>', 'write diagnostics to this file'))
    .addOption(new Option('--report <path>', 'where `e` writes the Markdown incident report (default: a timestamped file here)'))
    .addOption(new Option('--alarm-topic <arn>', 'SNS topic ARN for the recommended alarms'))
    .addOption(new Option('--write', 'allow actions on real AWS (previewed and confirmed; read-only without it)'))
    .addOption(new Option('--read-only', 'send no mutating call, also on the training fleet'))
    .addOption(new Option('--diagnostics', 'allow host checks through SSM Run Command: a fixed read-only set, previewed before the first run'))
    .addOption(new Option('--deny <actions>', 'training fleet refuses these IAM actions, e.g. ec2:StopInstances (with --demo)'))
    .addOption(new Option('--live', 'training fleet: start before the incident and watch it happen (default: at the page, just after it)'))
    .addOption(new Option('--lesson <name>', 'run a guided lesson on its scenario (with --demo; see `learn`)'))
    .addOption(new Option('--share [address]', 'let others follow this session read-only: a unix socket (default) or 127.0.0.1:PORT; prints the follow command with its token'))
    .addOption(new Option('--session-file <path>', 'keep the session (notes, triage runs, actions) here (default: a new file in the state folder)'))
    .addOption(new Option('--resume <file>', 'reopen a session file: its target, notes, runs and actions; it goes on in the same file'))
    .addOption(new Option('--name <name>', 'how your notes are signed (default: user@host)'))
    .showSuggestionAfterError(true)
    // `sim --scenario x`: options after the subcommand belong to it, not to the TUI's flags of the same name.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((raw: RawOptions & { readonly lesson?: string }) => {
      tuneHeap();
      if (raw.lesson !== undefined) {
        if (raw.demo !== true) throw new UsageError('--lesson runs on the training fleet: add --demo (or use `ec2-triage learn NAME`)');
        const { lesson, ...rest } = raw;
        done(import('./cli/run-learn.js').then((m) => m.runLesson(lesson, rest)));
        return;
      }
      const resume = raw.resume;
      if (resume !== undefined) {
        done(import('./cli/resume.js').then((m) => m.resolveResumeConfig({ ...raw, resume })).then((c) => runTui(c)));
        return;
      }
      done(raw.demo === true ? runTui(resolveDemoConfig(raw)) : resolveAwsConfig(raw).then((c) => runTui(c)));
    });

  program
    .command('report')
    .argument('<session-file>', 'a session file (--session-file, or the one named when the app quit)')
    .description('write the Markdown incident report of a session file, without AWS: every run, action and note')
    .addOption(new Option('--report <path>', 'where to write it (default: a timestamped file here)'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((file: string, raw: { readonly report?: string }) => {
      done(import('./cli/run-report.js').then((m) => m.runReport(file, raw.report)));
    });

  program
    .command('learn')
    .argument('[lesson]', 'the lesson to start (without: list the lessons, done and best score)')
    .description('guided lessons on the training fleet: the app checks each step, explains why, and keeps your score')
    .addOption(new Option('--speed <n>', 'training fleet clock speed'))
    .addOption(new Option('--seed <n>', 'training fleet seed'))
    .addOption(new Option('--report <path>', 'where e writes the reports'))
    .addOption(new Option('--log-file <path>', 'write diagnostics to this file'))
    .addOption(new Option('--port <port>', "serve the lesson's fleet on 127.0.0.1 at this port for the printed aws commands (0: any free port)").default('4566'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((name: string | undefined, raw: RawOptions) => {
      done(import('./cli/run-learn.js').then((m) => (name === undefined ? m.printLessons() : m.runLesson(name, raw, { isServed: true }))));
    });

  program
    .command('sim')
    .description('serve the training fleet as an AWS-compatible endpoint on 127.0.0.1 (EC2, CloudWatch, Logs)')
    .addOption(new Option('--port <port>', 'TCP port').default('4566'))
    .addOption(new Option('--scenario <name>', 'scenario'))
    .addOption(new Option('--speed <n>', 'clock speed'))
    .addOption(new Option('--seed <n>', 'seed'))
    .addOption(new Option('--fleet-size <n>', 'extra generated instances'))
    .addOption(new Option('--deny <actions>', 'refuse these IAM actions, e.g. ec2:StopInstances'))
    .addOption(new Option('--live', 'start before the incident (default: at the page, just after it)'))
    .addOption(new Option('--control', 'let an instructor change the running fleet (inject, heal, speed, pause) under /_fleet/; prints a token'))
    .addOption(new Option('--token <token>', 'the control token to require (with --control; default: a random one, printed)'))
    .addOption(new Option('--replay <story>', 'replay the oom story from the quiet before it, narrated (×60 unless --speed; pause with `fleet pause`)'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((raw: RawOptions) => {
      done(runSim(resolveSimConfig(raw)));
    });
  program
    .command('inject')
    .argument('[scenario]', 'the incident to start: oom, system-check-failed, instance-check-failed, ssh-blocked, no-public-ip, wont-start, cpu-credits, disk-full')
    .description('start (or with --heal end) an incident on a running `sim --control` fleet')
    .addOption(new Option('--instance <name|id>', 'the instance (default for an incident: pettracker-ml-server)'))
    .addOption(new Option('--heal', 'end the incident of --instance: healthy from now on'))
    .addOption(new Option('--endpoint-url <url>', 'the fleet, as `sim --control` printed it'))
    .addOption(new Option('--token <token>', `the control token (else ${TOKEN_ENV})`))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((scenario: string | undefined, flags: InjectFlags) => {
      done(import('./cli/run-inject.js').then((m) => m.runInject(scenario, flags)));
    });
  program
    .command('fleet')
    .argument('<command>', 'status, pause, resume or speed')
    .argument('[n]', 'the speed (fleet speed 60: an hour a minute)')
    .description('status, pause, resume or change the speed of a running `sim --control` fleet')
    .addOption(new Option('--endpoint-url <url>', 'the fleet, as `sim --control` printed it'))
    .addOption(new Option('--token <token>', `the control token (else ${TOKEN_ENV})`))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((what: string, value: string | undefined, flags: ControlFlags) => {
      done(import('./cli/run-fleet.js').then((m) => m.runFleet(what, value, flags)));
    });
  program
    .command('follow')
    .argument('<address>', 'the socket path or 127.0.0.1:PORT the driver printed (over SSH: a forwarded one)')
    .description("follow another person's session read-only, from the state it streams: no AWS credentials needed, none used")
    .addOption(new Option('--token <token>', 'the token the driver printed'))
    .addOption(new Option('--name <name>', 'how your notes and pointers are signed (default: user@host)'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((address: string, flags: { readonly token?: string; readonly name?: string }) => {
      if (flags.token === undefined) throw new UsageError('follow needs --token: the one in the line the driver printed (ec2-triage follow ADDR --token T)');
      done(import('./cli/run-follow.js').then((m) => m.runFollow(address, flags.token ?? '', flags.name)));
    });
  program
    .command('check')
    .argument('<instance>', 'instance id (i-…) or exact Name tag')
    .description('triage one instance without the UI: prints the diagnosis; exit 0 healthy, 1 findings, 2 usage/access error')
    .addOption(new Option('--json', 'print the result as JSON (schema: source/triage/check-output.ts)'))
    .addOption(new Option('--runbook <name>', 'run this runbook instead of the suggested one'))
    .addOption(new Option('--at <time>', 'look at the window ending at this ISO-8601 time instead of now'))
    .addOption(new Option('--report <path>', 'also write the Markdown incident report here'))
    .addOption(new Option('--alarm-topic <arn>', 'SNS topic for the recommended alarms'))
    .addOption(new Option('--demo', 'check an instance of the training fleet'))
    .addOption(new Option('--scenario <name>', 'training fleet scenario (with --demo)'))
    .addOption(new Option('--seed <n>', 'training fleet seed (with --demo)'))
    .addOption(new Option('--fleet-size <n>', 'extra generated instances (with --demo)'))
    .addOption(new Option('--region <region>', 'AWS region'))
    .addOption(new Option('--profile <name>', 'AWS profile'))
    .addOption(new Option('--endpoint-url <url>', 'AWS-compatible endpoint'))
    .addOption(new Option('--timeout <seconds>', 'how long an AWS call may wait for its answer (default 15); no answer: exit 2'))
    .addOption(new Option('--diagnostics', 'also run the fixed read-only host checks through SSM Run Command (the flag is the consent)'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, outputError: () => undefined })
    .action((target: string, raw: RawOptions & CheckFlags) => {
      done(resolveCheckConfig(target, raw).then(async (c) => (await import('./cli/run-check.js')).runCheck(c)));
    });
  return program;
}

interface CheckFlags {
  readonly json?: boolean;
  readonly runbook?: string;
  readonly at?: string;
  readonly report?: string;
  readonly alarmTopic?: string;
}

async function resolveCheckConfig(target: string, raw: RawOptions & CheckFlags): Promise<CheckConfig> {
  const { parseAt, parseRunbook } = await import('./cli/run-check.js');
  const common = {
    target,
    isJson: raw.json === true,
    runbook: parseRunbook(raw.runbook),
    at: parseAt(raw.at),
    alarmTopic: raw.alarmTopic,
    hasDiagnostics: parseDiagnostics(raw.diagnostics),
  };
  // The same checks as the UI's (numbers, --report's folder, --timeout), so every command refuses the same typos.
  if (raw.demo === true) {
    const demo = resolveDemoConfig(raw);
    return { ...common, reportPath: demo.reportPath, connection: { kind: 'demo', fleet: resolveFleet(raw) } };
  }
  const aws = await resolveAwsConfig(raw);
  if (aws.kind !== 'aws') throw new UsageError('internal: expected an AWS configuration');
  if (aws.origins.length > 1) throw new UsageError('check looks at one region of one profile: pass a single --region and --profile');
  return {
    ...common,
    reportPath: aws.reportPath,
    connection: { kind: 'aws', region: aws.region, profile: aws.profile, endpointUrl: aws.endpointUrl, timeoutSeconds: aws.timeoutSeconds, origins: aws.origins },
  };
}

/** Turns any start-up failure into one line on stderr and an exit code; never a stack trace. */
function failure(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return 0;
    }
    const line = error.message.replace(/^error:\s*/, '').replace(/\s*\n\s*/g, ' ');
    console.error(`ec2-triage: ${line} (see --help)`);
    return 2;
  }
  if (error instanceof UsageError) {
    console.error(`ec2-triage: ${error.message}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`ec2-triage: ${message.split('\n')[0] ?? 'unexpected error'}`);
  return 1;
}

/** Parses argv and runs what it names; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let work: Promise<number> | undefined;
  const program = buildProgram((w) => {
    work = w;
  });
  try {
    // Help and version print through commander's normal output (stdout) and end in a CommanderError.
    program.configureOutput({ writeOut: (s) => process.stdout.write(s) });
    await program.parseAsync([...argv], { from: 'user' });
    return work === undefined ? 0 : await work;
  } catch (error) {
    return failure(error);
  }
}

process.on('uncaughtException', (error) => {
  process.exitCode = failure(error);
  process.exit();
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = failure(error);
  },
);
