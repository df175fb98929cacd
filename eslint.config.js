import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through server/src/config.ts' }],
    },
  },
  {
    // The config module and test helpers are the places allowed to read the environment.
    files: ['server/src/config.ts', 'server/test/**', 'bench/**', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Module boundaries (DESIGN.md): vendors stay behind interfaces.
    files: ['server/src/calls/**', 'server/src/assist/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['uWebSockets.js', 'ioredis', '@deepgram/*', 'openai', 'drizzle-orm', 'drizzle-orm/*', 'pg', 'koffi'] }],
    },
  },
  {
    // shared/ runs in the browser too: no Node modules (its tests run in Node and may read files).
    files: ['shared/src/**'],
    ignores: ['shared/src/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../../server/*', 'node:*'] }] },
  },
);
