import { rebuildProjection } from '@possier/projector';
import { projections } from '@possier/read-models';
import { openPostgresEventStore } from '@possier/store';
import { Presets, SingleBar } from 'cli-progress';
import { Argument, Command } from 'commander';
import { cliError } from '../cli-error.js';
import { requireDatabaseUrl } from './database-url.js';

export const rebuildCommand = (): Command =>
  new Command('rebuild')
    .description('Rebuild read models from the whole log into shadow tables and swap them in (needs DATABASE_URL)')
    .addArgument(
      new Argument('<projection...>', `projections to rebuild, or all: ${Object.keys(projections).join(', ')}`),
    )
    .option('--json', 'print the result of each rebuild as JSON')
    .action(async (names: string[], options: { json?: boolean }) => {
      const unknown = names.filter((name) => name !== 'all' && !(name in projections));
      if (unknown.length > 0)
        throw cliError('REBUILD.UNKNOWN_PROJECTION', 'projection', `no projection named ${unknown.join(', ')}`);
      const chosen = names.includes('all') ? Object.values(projections) : names.map((name) => projections[name]!);
      const store = await openPostgresEventStore({ connectionString: requireDatabaseUrl('rebuild'), poolSize: 3 });
      const results: Array<{ projection: string; events: number; seconds: number }> = [];
      try {
        // In global positions, not events: the head's is one read, a count of the log is a scan.
        const total = (await store.headGlobalPosition()) ?? 0;
        for (const projection of chosen) {
          const bar = options.json
            ? undefined
            : new SingleBar(
                {
                  format: `${projection.name.padEnd(18)} {bar} {percentage}% | {events} events | {eta_formatted} left`,
                },
                Presets.shades_classic,
              );
          bar?.start(total, 0, { events: 0 });
          const started = performance.now();
          const result = await rebuildProjection(store.pool, store, projection, {
            onProgress: ({ events, globalPosition }) => bar?.update(Math.min(globalPosition, total), { events }),
          });
          bar?.update(total);
          bar?.stop();
          results.push({
            projection: projection.name,
            events: result.events,
            seconds: (performance.now() - started) / 1000,
          });
        }
      } finally {
        await store.close();
      }
      process.stdout.write(
        options.json
          ? `${JSON.stringify(results, null, 2)}\n`
          : results
              .map((r) => `${r.projection}: ${r.events} events in ${r.seconds.toFixed(1)} s, swapped in\n`)
              .join(''),
      );
    });
