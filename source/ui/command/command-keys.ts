// Command mode's keys and what a run line does: switch the origins (`:region`, `:profile`), set the list's
// filter or sort, quit. Every refusal is one line in the footer; nothing here waits on AWS.
import { KNOWN_REGIONS } from '../../domain/aws-config.js';
import { originsOf, type Origin } from '../../domain/origin.js';
import type { Instance } from '../../domain/types.js';
import type { AppModel } from '../../model/types.js';
import type { ActionId } from '../keymap.js';
import type { AppUiAction, AppUiState } from '../use-app-state.js';
import { initialCommandLine } from './command-line.js';
import { parseCommand, type Command, type CompletionSource } from './command-parse.js';

export interface CommandDeps {
  readonly model: AppModel;
  readonly ui: AppUiState;
  readonly dispatch: (action: AppUiAction) => void;
  readonly say: (text: string, isError?: boolean) => void;
  /** `:q`: as `q` (asks while an action runs). */
  readonly quit: () => void;
  readonly selected: Instance | undefined;
  readonly instances: readonly Instance[] | undefined;
}

const MAX_TAGS = 200;

/** What Tab completes from now: regions in use and known, the shared files' profiles, tags on the instances. */
export function completionSource(model: AppModel, instances: readonly Instance[] | undefined): CompletionSource {
  const origins = model.origins?.getSnapshot();
  const regions = [...new Set([...(origins?.origins ?? []).map((o) => o.region), ...KNOWN_REGIONS])];
  const tags = new Set<string>();
  for (const instance of instances ?? []) {
    for (const [key, value] of Object.entries(instance.tags)) {
      if (tags.size >= MAX_TAGS) break;
      tags.add(`tag:${key}=${value}`);
    }
  }
  return { regions, profiles: origins?.knownProfiles ?? [], tags: [...tags] };
}

const unique = <T,>(items: readonly T[]): T[] => [...new Set(items)];

/** The origin set a `:region` / `:profile` asks for: the new side crossed with the side in use now. */
export function switchedOrigins(current: readonly Origin[], command: Extract<Command, { kind: 'region' | 'profile' }>): Origin[] {
  const endpointUrl = current[0]?.endpointUrl;
  const profiles = command.kind === 'profile' ? command.profiles : unique(current.map((o) => o.profile));
  const regions = command.kind === 'region' ? command.regions : unique(current.map((o) => o.region));
  return originsOf(profiles, regions, endpointUrl);
}

/** Runs a parsed line. */
function run(command: Command | { readonly error: string }, d: CommandDeps): void {
  if ('error' in command) return d.say(command.error, true);
  switch (command.kind) {
    case 'quit':
      return d.quit();
    case 'budget':
      return d.dispatch({ type: 'openDialog', dialog: { kind: 'budget' } });
    case 'filter':
      d.dispatch({ type: 'focus', pane: 'list' });
      return d.dispatch({ type: 'list', action: { type: 'setFilter', text: command.text } });
    case 'sort':
      // The instance on screen stays selected whatever the new order.
      if (d.selected !== undefined) d.dispatch({ type: 'list', action: { type: 'pin', id: d.selected.id } });
      return d.dispatch({ type: 'list', action: { type: 'setSort', sort: command.sort } });
    case 'region':
    case 'profile': {
      const origins = d.model.origins;
      const snapshot = origins?.getSnapshot();
      if (origins === undefined || snapshot === undefined) return d.say(`:${command.kind} is not available here`, true);
      if (!snapshot.canSwitch) return d.say(`:${command.kind}: the training fleet has one region (${snapshot.origins[0]?.region ?? d.model.target.region}) and no profiles`, true);
      if (command.kind === 'profile' && snapshot.knownProfiles.length > 0) {
        const unknown = command.profiles.find((p) => !snapshot.knownProfiles.includes(p));
        if (unknown !== undefined) return d.say(`:profile: no profile '${unknown}' in the AWS config or credentials file (known: ${snapshot.knownProfiles.join(', ')})`, true);
      }
      const next = switchedOrigins(snapshot.origins, command);
      const refused = origins.switchTo(next);
      if (refused !== undefined) return d.say(`:${command.kind}: ${refused}`, true);
      const words = command.kind === 'region' ? command.regions : command.profiles;
      return d.say(`${command.kind === 'region' ? 'regions' : 'profiles'}: ${words.join(', ')}`);
    }
  }
}

/** Handles the command-mode actions; false for any other action. */
export function handleCommandAction(action: ActionId, input: string, d: CommandDeps): boolean {
  const line = d.ui.command ?? initialCommandLine;
  const to = (a: Extract<AppUiAction, { type: 'command' }>['action']): void => d.dispatch({ type: 'command', action: a });
  switch (action) {
    case 'openCommand':
      to({ type: 'open' });
      return true;
    case 'commandType':
      to({ type: 'type', text: input });
      return true;
    case 'commandBackspace':
      to(line.text === '' ? { type: 'close' } : { type: 'backspace' });
      return true;
    case 'commandCancel':
      to({ type: 'close' });
      return true;
    case 'commandHistoryPrev':
      to({ type: 'historyPrev' });
      return true;
    case 'commandHistoryNext':
      to({ type: 'historyNext' });
      return true;
    case 'commandComplete':
      to({ type: 'complete', source: completionSource(d.model, d.instances) });
      return true;
    case 'commandRun':
      to({ type: 'submit' });
      run(parseCommand(line.text), d);
      return true;
    default:
      return false;
  }
}
