// Flat-config shim: the rules live in .eslintrc.json (the design card's file); FlatCompat translates them
// so a current ESLint runs them without the deprecated ESLINTRC mode.
import { FlatCompat } from '@eslint/eslintrc';
import js from '@eslint/js';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const compat = new FlatCompat({ baseDirectory: here, recommendedConfig: js.configs.recommended });
const legacy = JSON.parse(readFileSync(new URL('./.eslintrc.json', import.meta.url), 'utf8'));
const { ignorePatterns = [], ...rest } = legacy;

export default [
  { ignores: ignorePatterns },
  { files: ['**/*.{ts,tsx,mjs,js}'] },
  ...compat.config(rest),
];
