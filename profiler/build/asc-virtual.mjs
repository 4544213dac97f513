// Runs asc with one source file served from stdin instead of the disk:
//   node asc-virtual.mjs <absolute path of the virtual file> <asc arguments...>
// A process of its own: asc.main sets global state in binaryen (its type system), which breaks
// binaryen's later use in the same process (the working-set probe instruments agent.wasm).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import asc from 'assemblyscript/asc';

const [virtualPath, ...args] = process.argv.slice(2);
const content = readFileSync(0, 'utf8');
const { error } = await asc.main(args, {
  stdout: process.stdout, stderr: process.stderr,
  readFile: (name, baseDir) => {
    const path = resolve(baseDir, name);
    if (path === virtualPath) return content;
    try { return readFileSync(path, 'utf8'); } catch { return null; }
  },
});
if (error) console.error(error.message);
process.exitCode = error ? 1 : 0;
