#!/usr/bin/env node
// The `possier` command. It runs the TypeScript entry with tsx, resolving workspace packages to
// their sources (the @possier/source condition), so it needs no build step; its exit code is the
// entry's. tsx is resolved from here, not from the caller's directory.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url));
// This package's tsconfig (NestJS decorators), whatever directory the command is run from.
const tsconfig = fileURLToPath(new URL('../tsconfig.run.json', import.meta.url));
const result = spawnSync(
  process.execPath,
  ['--import', import.meta.resolve('tsx'), '--conditions=@possier/source', entry, ...process.argv.slice(2)],
  { stdio: 'inherit', env: { TSX_TSCONFIG_PATH: tsconfig, ...process.env } },
);
process.exit(result.status ?? 1);
