#!/usr/bin/env node
// The `possier` command. It runs the TypeScript entry in this very process, with tsx's loader
// and workspace packages resolved to their sources (the @possier/source condition), so it needs
// no build step, and the PID a supervisor starts is the service itself: a signal sent to it, a
// kill -9 included, reaches the ledger or till and nothing is left running behind it.
import { register as registerHook } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

// This package's tsconfig (NestJS decorators), whatever directory the command is run from.
const tsconfig = fileURLToPath(new URL('../tsconfig.run.json', import.meta.url));
// What tsx reads for code it compiles on require() too; a caller's own setting wins, as before.
process.env.TSX_TSCONFIG_PATH ??= tsconfig;
registerHook('./source-condition.mjs', import.meta.url);
registerEsm({ tsconfig: process.env.TSX_TSCONFIG_PATH });
registerCjs();
await import(new URL('../src/main.ts', import.meta.url).href);
