import { parseArgs } from 'node:util';
import { projections } from '@possier/read-models';
import { openPostgresEventStore } from '@possier/store';
import { SingleBar, Presets } from 'cli-progress';
import { loadProjectorConfig } from './config.js';
import { rebuildProjection } from './rebuild.js';

const { positionals } = parseArgs({ allowPositionals: true });
const names = positionals.length > 0 ? positionals : [];
const unknown = names.filter((name) => !(name in projections));
if (names.length === 0 || unknown.length > 0) {
  console.error(
    `${unknown.length > 0 ? `unknown projection: ${unknown.join(', ')}\n` : ''}usage: npm run rebuild -- <projection…|all>\nprojections: ${Object.keys(projections).join(', ')}, all`,
  );
  if (!(names.length === 1 && names[0] === 'all')) process.exit(2);
}
const chosen = names[0] === 'all' ? Object.values(projections) : names.map((name) => projections[name]!);

const config = loadProjectorConfig();
const store = await openPostgresEventStore({ connectionString: config.DATABASE_URL, poolSize: 3 });
try {
  // In global positions, not events: the head's is one read, a count of the log is a scan.
  const total = (await store.headGlobalPosition()) ?? 0;
  for (const projection of chosen) {
    const bar = new SingleBar(
      { format: `${projection.name.padEnd(16)} {bar} {percentage}% | {events} events | {eta_formatted} left` },
      Presets.shades_classic,
    );
    bar.start(total, 0, { events: 0 });
    const started = performance.now();
    const result = await rebuildProjection(store.pool, store, projection, {
      onProgress: ({ events, globalPosition }) => bar.update(Math.min(globalPosition, total), { events }),
    });
    bar.update(total);
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${projection.name}: ${result.events} events in ${seconds.toFixed(1)} s (${Math.round(result.events / Math.max(seconds, 0.001))} events/s), swapped in`,
    );
  }
} finally {
  await store.close();
}
