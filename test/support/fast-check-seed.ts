import fc from 'fast-check';

/**
 * Property tests run with a fixed seed by default, so CI is reproducible: a counterexample found once
 * fails every run until fixed, and never turns CI red at random. Explore new inputs with
 * `FC_SEED=random npm run test:unit` (the failing seed is printed), or pin one with `FC_SEED=<n>`.
 */
const env = process.env.FC_SEED;
if (env !== 'random') fc.configureGlobal({ seed: env ? Number(env) : 20261124 });
