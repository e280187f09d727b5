import { runCli } from './run-cli';

/** Entry of `npm run cli -- …` and of the `faktor` bin (via faktor.mjs): runs one command, sets the exit code. */
process.exitCode = await runCli(
  process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--')),
  process,
);
