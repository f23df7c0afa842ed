#!/usr/bin/env node
// Run by `npm run build` once every package is built: from then on `possier` runs the compiled
// JavaScript until a source changes (bin/possier.js).
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
mkdirSync(dist, { recursive: true });
writeFileSync(new URL('.workspace-built', `file://${dist}`), `${new Date().toISOString()}\n`);
