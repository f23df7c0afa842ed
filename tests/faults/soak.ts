import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * `npm run soak -- --minutes N --seed S`: the fault suite run for N minutes.
 * A failing run prints its seed; the same seed draws the same workload and the same faults again
 * (their timing against the services still varies with the machine).
 */
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    seed: { type: 'string', default: `soak-${Date.now()}` },
  },
});
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('--minutes: must be a positive number of minutes');
  process.exit(2);
}
const child = spawn('npx', ['vitest', 'run', 'faults/'], {
  cwd: fileURLToPath(new URL('..', import.meta.url)),
  stdio: 'inherit',
  env: {
    ...process.env,
    FAULTS_MINUTES: String(minutes),
    FAULTS_SEED: values.seed,
    FAULTS_VERBOSE: '1',
  },
});
child.on('exit', (code) => {
  if (code !== 0) console.error(`soak failed; run it again with --seed ${values.seed}`);
  process.exit(code ?? 1);
});
