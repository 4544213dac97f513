// A fuzz job in a worker thread (node.ts runWithWatchdog): runs it, posting each finding as it
// is found and the counts at the end; the progress index lives in shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { runJob } from './node.ts';

const stats = await runJob(workerData.job, (finding) => parentPort!.postMessage({ type: 'finding', finding }), workerData.progress);
parentPort!.postMessage({ type: 'done', stats });
