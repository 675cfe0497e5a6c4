// The instance views that take the body (describe `d`, raw `y`, connect `c`'s answer): which is open, for which
// instance, and its scroll. Closing one returns to what was under it; the panes' own state is never touched.
import type { ConnectOutcome } from '../../model/types.js';

export type InstanceViewKind = 'describe' | 'raw' | 'connect';

export type InstanceViewState =
  | { readonly kind: 'describe'; readonly instanceId: string; readonly scroll: number }
  /** `back`: the describe view it was opened from (Esc returns there, at its scroll). */
  | { readonly kind: 'raw'; readonly instanceId: string; readonly scroll: number; readonly back?: InstanceViewState }
  | { readonly kind: 'connect'; readonly instanceId: string; readonly scroll: number; readonly outcome: Extract<ConnectOutcome, { kind: 'ssh' }>; readonly back?: InstanceViewState };

export type InstanceViewAction =
  | { readonly type: 'openInstanceView'; readonly view: InstanceViewState }
  | { readonly type: 'closeInstanceView' }
  | { readonly type: 'instanceViewScroll'; readonly delta: number; readonly max: number };

/** The next instance view after an action (undefined: none open). */
export function instanceViewReducer(view: InstanceViewState | undefined, action: InstanceViewAction): InstanceViewState | undefined {
  switch (action.type) {
    case 'openInstanceView':
      return action.view;
    case 'closeInstanceView':
      return view?.kind === 'raw' || view?.kind === 'connect' ? view.back : undefined;
    case 'instanceViewScroll': {
      if (view === undefined) return view;
      const scroll = Math.min(Math.max(0, view.scroll + action.delta), Math.max(0, action.max));
      return scroll === view.scroll ? view : { ...view, scroll };
    }
  }
}
