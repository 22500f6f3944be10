// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const vscodeImport = { name: 'vscode', message: 'Only src/vscode/ may import vscode (see ARCHITECTURE.md).' };
const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'child_process', 'os', 'crypto', 'util', 'events', 'stream'],
  message: 'This layer also runs in the browser: no Node built-ins.',
};
const useErrors = 'Use describeError (for a person), errorMessage (the bare message) or errorDetails (for the log) from src/core/errors.ts.';
/** Copies of what src/core/errors.ts does: `e instanceof Error ? e.message : String(e)`, `(e as Error).message`, `String(error)`. */
const errorTextCopies = [
  { selector: "ConditionalExpression[test.operator='instanceof'][test.right.name='Error']", message: useErrors },
  { selector: "MemberExpression[property.name='message'][object.type='TSAsExpression'][object.typeAnnotation.typeName.name='Error']", message: useErrors },
  { selector: "CallExpression[callee.name='String'][arguments.length=1][arguments.0.name=/^(e|err|error|caught|reason)$/]", message: useErrors },
];
/** A layer rule: which imports are off limits there, and why. */
const layer = (files, paths, patterns = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.shipshape-host/**',
      'test-results/**',
      '.sandbox/**',
      '*.vsix',
      'bench/node_modules/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // The layering, made mechanical: each layer imports only downward.
  layer(['src/core/**'], [vscodeImport], [{ group: ['**/vscode/**', '**/cli/**', '**/webview/**', '**/protocol/**'], message: 'core/ is the bottom layer.' }]),
  layer(
    ['src/protocol/**'],
    [vscodeImport],
    [nodeBuiltins, { group: ['**/vscode/**', '**/cli/**', '**/webview/**'], message: 'protocol/ holds only message types.' }],
  ),
  layer(['src/cli/**'], [vscodeImport], [{ group: ['**/vscode/**', '**/webview/**'], message: 'The CLI sits on core/ only.' }]),
  layer(['src/vscode/**'], [], [{ group: ['**/webview/**'], message: 'The extension talks to webviews through protocol/ messages only.' }]),
  layer(
    ['src/webview/**'],
    [vscodeImport],
    [
      nodeBuiltins,
      { group: ['**/core/**', '**/vscode/**', '**/cli/**'], message: 'Webviews import only protocol/ (and import type from core/).', allowTypeImports: true },
    ],
  ),
  layer(['test/unit/**', 'scripts/**', 'test/ui/**', 'esbuild.js'], [vscodeImport]),
  // One way to turn a thrown value into text: src/core/errors.ts (describeError, errorMessage, errorDetails).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/errors.ts'],
    rules: { 'no-restricted-syntax': ['error', ...errorTextCopies] },
  },
  { files: ['src/webview/**'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['test/**'], languageOptions: { globals: { ...globals.mocha } } },
  { files: ['**/*.cjs', 'esbuild.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
