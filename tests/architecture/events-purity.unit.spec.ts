import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findImpurities } from './purity.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eventsDir = join(root, 'events');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (['node_modules', 'dist', 'coverage'].includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [path] : [];
  });

describe('events/ is the pure core', () => {
  const files = sourceFiles(eventsDir);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('no file under events/ imports a framework, database, network or Node built-in, nor reads the clock or randomness', () => {
    const violations = files.flatMap((file) =>
      findImpurities(relative(root, file), readFileSync(file, 'utf8')).map((v) => `${v.file}:${v.line} ${v.what}`),
    );
    expect(violations).toEqual([]);
  });

  it('depends on no package of the repo and only on the libraries it is allowed', () => {
    const manifest = JSON.parse(readFileSync(join(eventsDir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    const dependencies = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
    expect(dependencies.sort()).toEqual(['uuid', 'zod']);
  });
});

describe('the purity check itself', () => {
  it('flags each forbidden import form and each read of the clock or randomness', () => {
    const source = [
      "import { Injectable } from '@nestjs/common';",
      "import type { PrismaClient } from '@prisma/client';",
      "import pg from 'pg';",
      "import { connect } from 'nats';",
      "import { EventStoreDBClient } from '@eventstore/db-client';",
      "import Database from 'better-sqlite3';",
      "import { readFileSync } from 'node:fs';",
      "export * from 'node:http';",
      "const net = await import('node:net');",
      "const fs = require('fs');",
      'const now = Date.now();',
      'const roll = Math.random();',
      'const today = new Date();',
    ].join('\n');
    const found = findImpurities('sample.ts', source).map((violation) => violation.line);
    expect(found).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('passes pure code, and names in comments or strings', () => {
    const source = [
      "import { z } from 'zod';",
      "import { v7 } from 'uuid';",
      "import { money } from './money.js';",
      '// Date.now() is never called here; pg is not imported',
      "const message = 'Math.random() is banned';",
      'const parsed = new Date(Date.parse(input));',
    ].join('\n');
    expect(findImpurities('sample.ts', source)).toEqual([]);
  });
});
