// Worker-thread entry of the fuzz watchdog (node.ts): registers tsx so the worker can load the
// TypeScript sources (fuzzing runs from scripts and tests, which run under tsx or vitest).
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
