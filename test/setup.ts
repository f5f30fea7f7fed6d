/**
 * Test setup: fast-check runs scale with FC_NUM_RUNS (default 100 in CI, 300 elsewhere),
 * a failing run prints its seed, and FC_SEED replays one.
 */
import {fc} from '@fast-check/vitest'

const numRuns = Number(process.env.FC_NUM_RUNS ?? (process.env.CI ? 100 : 300))
fc.configureGlobal({
  numRuns,
  ...(process.env.FC_SEED ? {seed: Number(process.env.FC_SEED)} : {}),
})
