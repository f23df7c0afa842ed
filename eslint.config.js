import { readdirSync, readFileSync } from 'node:fs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Module boundaries (STYLE.md), from the tags each package carries under "nx" in its package.json.
 * Written in the shape of `@nx/enforce-module-boundaries` depConstraints, with its meaning: a
 * project must satisfy every constraint whose sourceTag it carries, and a constraint is met when
 * the imported project has one of the listed tags (an empty list allows no project). That rule
 * itself is not used: `@nx/eslint-plugin` has no release matching nx 24 yet. When it has, pass
 * this array to it unchanged. Checks imports by package name; tests/architecture checks the same
 * from the test suite.
 */
const depConstraints = [
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'scope:read-models', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:infra', onlyDependOnLibsWithTags: ['scope:core', 'scope:read-models'] },
  {
    sourceTag: 'scope:service',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:read-models', 'scope:infra', 'scope:service'],
  },
  // Which services each service uses, dependencies and devDependencies (the tests' harnesses) alike.
  { sourceTag: 'service:store', onlyDependOnLibsWithTags: ['scope:core', 'scope:infra'] },
  { sourceTag: 'service:relay', onlyDependOnLibsWithTags: ['scope:core', 'scope:infra', 'service:store'] },
  {
    sourceTag: 'service:projector',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:read-models', 'scope:infra', 'service:store'],
  },
  {
    sourceTag: 'service:ledger',
    onlyDependOnLibsWithTags: [
      'scope:core',
      'scope:read-models',
      'scope:infra',
      'service:store',
      'service:projector',
      'service:relay',
    ],
  },
  { sourceTag: 'service:register', onlyDependOnLibsWithTags: ['scope:core', 'scope:infra', 'service:ledger'] },
  { sourceTag: 'scope:app', onlyDependOnLibsWithTags: ['scope:core', 'service:ledger'] },
  {
    sourceTag: 'scope:tool',
    onlyDependOnLibsWithTags: ['scope:core', 'scope:read-models', 'scope:infra', 'scope:service'],
  },
  { sourceTag: 'scope:tests', onlyDependOnLibsWithTags: ['scope:core', 'scope:read-models', 'scope:service'] },
];

const readJson = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));

/** Every workspace package: its folder, name and tags. */
const projects = readJson('./package.json').workspaces.flatMap((pattern) => {
  const dirs = pattern.endsWith('/*')
    ? readdirSync(new URL(`./${pattern.slice(0, -1)}`, import.meta.url), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => pattern.slice(0, -1) + entry.name)
    : [pattern];
  return dirs.flatMap((dir) => {
    try {
      const manifest = readJson(`./${dir}/package.json`);
      return [{ dir, name: manifest.name, tags: manifest.nx?.tags ?? [] }];
    } catch {
      return [];
    }
  });
});

/** Why `source` may not import `target`, or undefined when it may. */
function boundaryViolation(source, target) {
  const constraints = depConstraints.filter((constraint) => source.tags.includes(constraint.sourceTag));
  if (constraints.length === 0) {
    return `${source.name} carries no tag with a constraint (eslint.config.js), so it may import no workspace package.`;
  }
  const broken = constraints.find(
    (constraint) => !constraint.onlyDependOnLibsWithTags.some((tag) => target.tags.includes(tag)),
  );
  if (!broken) return undefined;
  const allowed = broken.onlyDependOnLibsWithTags.join(', ') || 'none';
  return `A project tagged "${broken.sourceTag}" may only depend on projects tagged: ${allowed}. ${target.name} is tagged ${target.tags.join(', ')}.`;
}

/** Test support: spec files and the harnesses, fixtures and suites only they import. */
const testSupportFiles = ['**/*.spec.ts', '**/*.spec.tsx', '**/testing/**', 'services/store/src/conformance/**'];
const testSupportImports = {
  group: ['@possier/*/testing', '@possier/*/testing/*', '@possier/*/conformance', '@possier/*/conformance/*'],
  message: 'Test support is for tests only: it is not in any build.',
};

/**
 * One block per project. Boundaries use typescript-eslint's copy of no-restricted-imports (type
 * imports count too), so they add to the purity rules below instead of replacing them.
 */
const boundaries = projects.flatMap((source) => {
  const patterns = projects
    .filter((target) => target !== source)
    .flatMap((target) => {
      const message = boundaryViolation(source, target);
      return message ? [{ group: [target.name, `${target.name}/*`], message }] : [];
    });
  const files = [`${source.dir}/**/*.{ts,tsx,mts,cts,js,mjs,cjs}`];
  const rule = (extra) => ({
    '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, ...extra] }],
  });
  return source.tags.includes('scope:tests')
    ? [{ files, rules: rule([]) }]
    : [
        { files, rules: rule([testSupportImports]) },
        { files: testSupportFiles.map((glob) => `${source.dir}/${glob}`), rules: rule([]) },
      ];
});

/** events/ is pure: no framework, database, network, logging or clock (STYLE.md). */
const forbiddenInCore = [
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
  ...boundaries,
  prettier,
);
