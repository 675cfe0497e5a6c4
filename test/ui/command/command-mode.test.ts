// Command mode's pure parts: the parser (every command and its one-line refusals), Tab completion, the history,
// the origin switch a line asks for, and the profiles read from the AWS shared files.
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, completeCommand, parseCommand } from '../../../source/ui/command/command-parse.js';
import { commandLineReducer, commandLineText, HISTORY_LIMIT, initialCommandLine, pushHistory, type CommandLineAction } from '../../../source/ui/command/command-line.js';
import { switchedOrigins } from '../../../source/ui/command/command-keys.js';
import { profileNames } from '../../../source/domain/aws-config.js';

const SOURCE = { regions: ['us-east-1', 'us-east-2', 'eu-west-1', 'eu-west-2'], profiles: ['default', 'prod', 'staging'], tags: ['tag:team=ml', 'tag:team=web'] };

describe('parseCommand', () => {
  it.each([
    ['region eu-west-1', { kind: 'region', regions: ['eu-west-1'] }],
    ['region eu-west-1, us-east-1', { kind: 'region', regions: ['eu-west-1', 'us-east-1'] }],
    ['profile prod,staging', { kind: 'profile', profiles: ['prod', 'staging'] }],
    ['filter tag:team=ml', { kind: 'filter', text: 'tag:team=ml' }],
    ['filter', { kind: 'filter', text: '' }],
    ['sort checks', { kind: 'sort', sort: 'problems' }],
    ['sort region', { kind: 'sort', sort: 'region' }],
    ['sort CPU', { kind: 'sort', sort: 'cpu' }],
    ['q', { kind: 'quit' }],
    ['  q  ', { kind: 'quit' }],
  ])(':%s', (line, expected) => {
    expect(parseCommand(line)).toEqual(expected);
  });

  it.each([
    ['regoin eu-west-1', 'unknown command :regoin (commands: :region :profile :filter :sort :budget :q)'],
    ['region', ':region takes one or more regions, e.g. :region eu-west-1,us-east-1'],
    ['region eu-west-1,,us-east-1', ':region takes one or more regions, e.g. :region eu-west-1,us-east-1'],
    ['region europe', ":region: 'europe' is not an AWS region (such as us-east-1)"],
    ['profile', ':profile takes one or more profiles, e.g. :profile prod,staging'],
    ['sort size', ":sort takes one of checks|cpu|name|state|region, got 'size'"],
    ['', 'type a command: region, profile, filter, sort, budget or q'],
    ['budget now', ":budget takes no argument, got 'now'"],
  ])(':%s is refused in one line', (line, error) => {
    expect(parseCommand(line)).toEqual({ error });
  });

  it('offers :budget, which opens the API budget', () => {
    expect(COMMAND_NAMES).toContain('budget');
    expect(parseCommand(' budget ')).toEqual({ kind: 'budget' });
  });
});

describe('completeCommand', () => {
  it('completes a command name whole, with a space', () => {
    expect(completeCommand('reg', SOURCE)).toEqual({ line: 'region ', candidates: ['region'] });
    expect(completeCommand('s', SOURCE).line).toBe('sort ');
  });
  it('completes values as far as the candidates agree', () => {
    expect(completeCommand('region eu', SOURCE)).toEqual({ line: 'region eu-west-', candidates: ['eu-west-1', 'eu-west-2'] });
    expect(completeCommand('region eu-west-1,us-east-', SOURCE).candidates).toEqual(['us-east-1', 'us-east-2']);
    expect(completeCommand('profile pr', SOURCE).line).toBe('profile prod');
    expect(completeCommand('sort c', SOURCE).candidates).toEqual(['checks', 'cpu']);
    expect(completeCommand('filter tag:team=m', SOURCE).line).toBe('filter tag:team=ml');
  });
  it('does not offer a value already in the list', () => {
    expect(completeCommand('profile prod,', SOURCE).candidates).toEqual(['default', 'staging']);
  });
  it('leaves a line with no candidate as it is', () => {
    expect(completeCommand('region xx', SOURCE)).toEqual({ line: 'region xx', candidates: [] });
  });
});

describe('the command line and its history', () => {
  const run = (...actions: CommandLineAction[]) => actions.reduce(commandLineReducer, initialCommandLine);
  const typed = (text: string): CommandLineAction[] => [{ type: 'open' }, { type: 'type', text }, { type: 'submit' }];

  it('↑ walks back through the run lines, ↓ returns to the draft', () => {
    let s = run(...typed('region eu-west-1'), ...typed('sort cpu'), { type: 'open' }, { type: 'type', text: 'fil' });
    s = commandLineReducer(s, { type: 'historyPrev' });
    expect(s.text).toBe('sort cpu');
    s = commandLineReducer(s, { type: 'historyPrev' });
    expect(s.text).toBe('region eu-west-1');
    s = commandLineReducer(s, { type: 'historyPrev' });
    expect(s.text).toBe('region eu-west-1');
    s = commandLineReducer(s, { type: 'historyNext' });
    s = commandLineReducer(s, { type: 'historyNext' });
    expect(s.text).toBe('fil');
  });
  it('keeps blank lines and a repeat of the newest out, and at most HISTORY_LIMIT lines', () => {
    expect(pushHistory(['a'], 'a')).toEqual(['a']);
    expect(pushHistory(['a'], '  ')).toEqual(['a']);
    const long = Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => `l${i}`).reduce(pushHistory, [] as readonly string[]);
    expect(long).toHaveLength(HISTORY_LIMIT);
    expect(long[0]).toBe('l5');
  });
  it('Tab completes in place and shows the candidates when it cannot choose', () => {
    const s = run({ type: 'open' }, { type: 'type', text: 'region eu' }, { type: 'complete', source: SOURCE });
    expect(commandLineText(s)).toBe(':region eu-west-▏   eu-west-1 eu-west-2');
  });
});

describe('switchedOrigins', () => {
  const current = [{ region: 'us-east-1', profile: 'prod', endpointUrl: 'http://x' }, { region: 'us-east-1', profile: 'staging', endpointUrl: 'http://x' }];
  it(':region keeps the profiles and takes the new regions', () => {
    expect(switchedOrigins(current, { kind: 'region', regions: ['eu-west-1'] })).toEqual([
      { region: 'eu-west-1', profile: 'prod', endpointUrl: 'http://x' },
      { region: 'eu-west-1', profile: 'staging', endpointUrl: 'http://x' },
    ]);
  });
  it(':profile keeps the regions and takes the new profiles', () => {
    expect(switchedOrigins(current, { kind: 'profile', profiles: ['dev'] })).toEqual([{ region: 'us-east-1', profile: 'dev', endpointUrl: 'http://x' }]);
  });
});

describe('profileNames', () => {
  it('reads [profile x] and [default] from the config and [x] from the credentials, sorted', () => {
    const config = '[default]\nregion = us-east-1\n[profile prod]\nregion=eu-west-1\n[sso-session corp]\n[profile b-team] # comment\n';
    expect(profileNames(config, '[ci]\naws_access_key_id=x\n[default]\n')).toEqual(['b-team', 'ci', 'default', 'prod']);
  });
});
