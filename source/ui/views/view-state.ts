// The instance views that take the body (describe `d`, raw `y`, connect `c`'s answer): which is open, for which
// instance, and its scroll. Closing one returns to what was under it; the panes' own state is never touched.
import type { ConnectOutcome } from '../../model/types.js';

export type ViewKind = 'describe' | 'raw' | 'connect';

export type ViewState =
  | { readonly kind: 'describe'; readonly instanceId: string; readonly scroll: number }
  /** `back`: the describe view it was opened from (Esc returns there, at its scroll). */
  | { readonly kind: 'raw'; readonly instanceId: string; readonly scroll: number; readonly back?: ViewState }
  | { readonly kind: 'connect'; readonly instanceId: string; readonly scroll: number; readonly outcome: Extract<ConnectOutcome, { kind: 'ssh' }>; readonly back?: ViewState };

export type ViewAction =
  | { readonly type: 'openView'; readonly view: ViewState }
  | { readonly type: 'closeView' }
  | { readonly type: 'viewScroll'; readonly delta: number; readonly max: number };

/** The next view after an action (undefined: none open). */
export function viewReducer(view: ViewState | undefined, action: ViewAction): ViewState | undefined {
  switch (action.type) {
    case 'openView':
      return action.view;
    case 'closeView':
      return view?.kind === 'raw' || view?.kind === 'connect' ? view.back : undefined;
    case 'viewScroll': {
      if (view === undefined) return view;
      const scroll = Math.min(Math.max(0, view.scroll + action.delta), Math.max(0, action.max));
      return scroll === view.scroll ? view : { ...view, scroll };
    }
  }
}
