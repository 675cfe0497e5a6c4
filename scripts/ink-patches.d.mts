// Types for scripts/ink-patches.mjs (a plain module, so scripts/build.mjs runs without a compile step).
import type { Plugin } from 'esbuild';

export interface Replacement {
  readonly find: string;
  readonly replace: string;
}
export interface InkPatch {
  readonly name: string;
  /** The Ink file the patch applies to (matched against the resolved path). */
  readonly file: RegExp;
  readonly replacements: readonly Replacement[];
}
export const INK_PATCHES: readonly InkPatch[];
export function applyInkPatch(patch: InkPatch, source: string, path: string): string;
export function inkPatchesPlugin(): Plugin;
