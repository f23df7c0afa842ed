import { pino } from 'pino';
import { migrate } from './migrate.js';

const log = pino({ name: 'possier-migrate' });

const url = process.env.DATABASE_URL;
if (!url) {
  log.error('DATABASE_URL is not set: it names the PostgreSQL database to migrate');
  process.exit(2);
}

try {
  const result = await migrate(url, { onApplied: (name) => log.info({ migration: name }, 'applied') });
  log.info({ applied: result.applied.length, alreadyApplied: result.alreadyApplied.length }, 'database is up to date');
} catch (error) {
  log.error({ err: error }, 'migration failed');
  process.exit(1);
}
