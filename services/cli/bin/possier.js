#!/usr/bin/env node
// The `possier` command. It runs in this very process, so the PID a supervisor starts is the
// service itself: a signal sent to it, a kill -9 included, reaches the ledger or till and nothing
// is left running behind it.
//
// It runs the compiled JavaScript (`npm install` builds it; so does `npm run build`) when that is
// newer than every source it was built from, in this package and the workspace packages it uses:
// a call then takes a fraction of a second. Otherwise (a source edited since the last build, or
// POSSIER_FROM_SOURCE=1) it runs the TypeScript itself through tsx, with workspace packages
// resolved to their sources (the @possier/source condition): slower to start, never stale.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { register as registerHook } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const BUILT_STAMP = 'dist/.workspace-built';

/** This package and every workspace package it depends on, directly or not: their folders. */
const workspacePackages = () => {
  const found = new Set();
  const visit = (dir) => {
    if (found.has(dir)) return;
    found.add(dir);
    const { dependencies = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys(dependencies)) {
      if (!name.startsWith('@possier/')) continue;
      // Workspace packages are linked into node_modules: the link leads to their folder.
      const link = join(packageDir, 'node_modules', name);
      const hoisted = join(packageDir, '..', '..', 'node_modules', name);
      const target = existsSync(link) ? link : hoisted;
      if (existsSync(target)) visit(realpathSync(target));
    }
  };
  visit(packageDir);
  return [...found];
};

/** The newest modification time under `dir`, in ms; 0 when it does not exist. */
const newest = (dir) => {
  let latest = 0;
  const walk = (path) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else latest = Math.max(latest, statSync(child).mtimeMs);
    }
  };
  if (existsSync(dir)) walk(dir);
  return latest;
};

/**
 * The whole workspace was built (`npm run build` leaves BUILT_STAMP when every package's build
 * has finished, cached or not) after the last change to any source this command runs.
 */
const compiledIsFresh = () => {
  if (process.env.POSSIER_FROM_SOURCE === '1') return false;
  const stamp = join(packageDir, BUILT_STAMP);
  if (!existsSync(stamp) || !existsSync(join(packageDir, 'dist', 'main.js'))) return false;
  const builtAt = statSync(stamp).mtimeMs;
  return workspacePackages().every((dir) => newest(join(dir, 'src')) <= builtAt);
};

if (compiledIsFresh()) {
  await import(new URL('../dist/main.js', import.meta.url).href);
} else {
  const [{ register: registerCjs }, { register: registerEsm }] = await Promise.all([
    import('tsx/cjs/api'),
    import('tsx/esm/api'),
  ]);
  // This package's tsconfig (NestJS decorators), whatever directory the command is run from.
  const tsconfig = fileURLToPath(new URL('../tsconfig.run.json', import.meta.url));
  // What tsx reads for code it compiles on require() too; a caller's own setting wins, as before.
  process.env.TSX_TSCONFIG_PATH ??= tsconfig;
  registerHook('./source-condition.mjs', import.meta.url);
  registerEsm({ tsconfig: process.env.TSX_TSCONFIG_PATH });
  registerCjs();
  await import(new URL('../src/main.ts', import.meta.url).href);
}
