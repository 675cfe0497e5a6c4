// One place for colours so panes agree on what "bad" and "focused" look like.
import type { CheckStatus, InstanceStateName } from '../domain/types.js';

export const FOCUS_BORDER_COLOR = 'cyan';
export const BLUR_BORDER_COLOR = 'gray';

/** Ink colour name of an instance state. */
export function stateColor(state: InstanceStateName): string {
  switch (state) {
    case 'running':
      return 'green';
    case 'pending':
    case 'stopping':
      return 'yellow';
    case 'shutting-down':
    case 'terminated':
      return 'red';
    case 'stopped':
      return 'gray';
  }
}

/** Ink colour name of a status check summary. */
export function checkColor(status: CheckStatus | 'n/a'): string {
  switch (status) {
    case 'ok':
      return 'green';
    case 'impaired':
      return 'red';
    case 'initializing':
      return 'yellow';
    default:
      return 'gray';
  }
}
