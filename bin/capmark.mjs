#!/usr/bin/env node
// The capmark CLI launcher: bundles profiler/ with esbuild into dist/capmark.mjs when the
// bundle is missing or older than a source file, then runs it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bundle = join(root, 'dist', 'capmark.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

if (!existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(root, 'profiler'))) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, 'profiler', 'main.ts')], outfile: bundle, bundle: true, platform: 'node',
    format: 'esm', target: 'node20', packages: 'external', sourcemap: true, logLevel: 'warning',
  });
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
