// Starts moto once per run for the contract suite (test/contract/moto.test.ts) and stops it at teardown.
// moto boots in the background: runs that never touch it pay only the ~50 ms availability probe.
import type { TestProject } from 'vitest/node';
import { MOTO_INSTALL_HINT, motoMissingReason, spawnMoto } from './moto.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = motoMissingReason();
  if (missing !== undefined) {
    const message = `moto is not available (${missing}); ${MOTO_INSTALL_HINT}`;
    // In CI the moto half of the contract suite is required, so a missing moto fails the run outright.
    if (process.env.CI === 'true') throw new Error(`${message}. CI=true requires it for test/contract.`);
    console.warn(`[contract] ${message}. The moto half of the contract suite will be skipped.`);
    project.provide('moto', { skip: message });
    return async () => undefined;
  }
  const moto = await spawnMoto();
  project.provide('moto', { url: moto.url, logFile: moto.logFile });
  return () => moto.stop();
}
