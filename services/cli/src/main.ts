import { programFor } from './commands.js';

const args = process.argv.slice(2);
try {
  await (await programFor(args)).parseAsync(args, { from: 'user' });
} catch (error) {
  // Failures meant for the person at the terminal are one line each; anything else is a bug.
  if (!(error instanceof Error && (error.name === 'CliError' || error.name === 'RegisterCliError'))) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
