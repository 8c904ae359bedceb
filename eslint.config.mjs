// ESLint flat config: typescript-eslint's type-aware recommended rules for the TypeScript sources
// (bot/, dialogs/, knowledge/, test/, bench/, deploymentTemplates/), the plain recommended rules for
// the browser scripts in webchat/ and for this file. Formatting is Prettier's job
// (eslint-config-prettier switches off every rule that would fight it).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'test-output/', '.data/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Unused names are the compiler's job (tsconfig noUnusedLocals / noUnusedParameters);
      // the rule stays on for the `_`-prefixed convention the compiler also honours.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['webchat/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser },
    },
  },
  {
    // The agent desk is a set of ES modules (desk.js and its helpers).
    files: ['webchat/desk/**/*.js'],
    languageOptions: { sourceType: 'module' },
  },
  prettier,
);
