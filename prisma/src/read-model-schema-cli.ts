import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withReadModels } from './read-model-models.js';

const schemaFile = fileURLToPath(new URL('../schema.prisma', import.meta.url));
const before = await readFile(schemaFile, 'utf8');
const after = withReadModels(before);
if (after === before) {
  console.log('schema.prisma: read models are up to date');
} else {
  await writeFile(schemaFile, after);
  console.log('schema.prisma: read-model section rewritten; now run migrate:diff');
}
