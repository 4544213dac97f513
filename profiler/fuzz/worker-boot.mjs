// Worker-thread entry of the fuzz watchdog (node.ts): registers tsx so the worker can load the
// TypeScript sources (fuzzing runs from scripts and tests, which run under tsx or vitest).
// tsx's transform cache is off: it would be a tsx-<uid> folder left in the temp folder.
import { workerData } from 'node:worker_threads';

process.env.TSX_DISABLE_CACHE ??= '1';   // read when tsx loads, so set before importing it
const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
