import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (STYLE.md): `events` depends on nothing in the repo and on no framework,
 * database, network or clock; `read-models` depends only on `events`; services depend on both.
 * These rules fail lint when an import crosses a boundary; tests/architecture checks the same
 * from the test suite.
 */
const forbiddenInCore = [
  { group: ['@possier/*'], message: 'events/ is the core: it depends on no other package of the repo.' },
  {
    group: [
      '@nestjs/*',
      '@prisma/*',
      'pg',
      'pg-*',
      'nats',
      '@nats-io/*',
      '@eventstore/*',
      '@kurrent/*',
      'better-sqlite3',
      'pino',
      'pino-*',
    ],
    message: 'events/ is pure: no framework, database, network or logging.',
  },
  {
    group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process', 'crypto', 'os'],
    message: 'events/ is pure: no Node built-ins; time and ids come in as arguments.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['events/src/**/*.ts'],
    ignores: ['events/src/**/*.spec.ts', 'events/src/testing/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInCore }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'events/ reads no clock: take the time as an argument.' },
        { object: 'Math', property: 'random', message: 'events/ draws no randomness: take ids as arguments.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'events/ reads no clock: take the time as an argument.',
        },
      ],
    },
  },
  {
    files: ['read-models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@possier/*', '!@possier/events'], message: 'read-models/ depends only on @possier/events.' },
          ],
        },
      ],
    },
  },
  prettier,
);
