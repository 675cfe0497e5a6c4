import { describe, expect, it } from 'vitest';
import { driverViewOf, isDriverDialog, mirroredDialog, overlayDriverView, parseDriverView } from '../../source/ui/follow-view.js';
import { initialAppUiState } from '../../source/ui/use-app-state.js';

describe("the driver's view a follower lays over its own", () => {
  it('mirrors the dialogs of deciding and running, not paths, topics or the quit question', () => {
    expect(mirroredDialog({ kind: 'preview', button: 'run', typed: 'i-0abc' })).toEqual({ kind: 'preview', button: 'run', typed: 'i-0abc' });
    expect(mirroredDialog({ kind: 'menu', index: 2 })).toEqual({ kind: 'menu', index: 2 });
    expect(mirroredDialog({ kind: 'menu', index: 'x' })).toBeUndefined();
    for (const kind of ['topic', 'saved', 'quit', 'note', 'bogus']) expect(mirroredDialog({ kind, typed: '/etc' })).toBeUndefined();
  });

  it('checks the shape of what arrived', () => {
    expect(parseDriverView({ focus: 'triage', selectedId: 'i-1', dialog: { kind: 'alarms' } })).toEqual({ focus: 'triage', selectedId: 'i-1', dialog: { kind: 'alarms' } });
    expect(parseDriverView({ focus: 'nowhere' })).toBeUndefined();
    expect(parseDriverView('x')).toBeUndefined();
    expect(parseDriverView({ focus: 'list', selectedId: 'i'.repeat(500) })?.selectedId).toBeUndefined();
  });

  it("puts the driver's selection, focus and dialog over the follower's state, and the follower's own dialog stays on top", () => {
    const view = driverViewOf({ ...initialAppUiState, dialog: { kind: 'menu', index: 1 } }, 'status', 'i-9');
    const shown = overlayDriverView(initialAppUiState, view);
    expect(shown.focus).toBe('status');
    expect(shown.list.selectedId).toBe('i-9');
    expect(shown.dialog).toEqual({ kind: 'menu', index: 1 });
    expect(isDriverDialog(initialAppUiState, shown)).toBe(true);
    const own = { ...initialAppUiState, dialog: { kind: 'alarms' as const } };
    expect(overlayDriverView(own, view).dialog).toEqual({ kind: 'alarms' });
    expect(overlayDriverView(initialAppUiState, undefined)).toBe(initialAppUiState);
  });
});
