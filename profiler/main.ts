// Entry point of the CLI bundle (bin/capmark.mjs builds and runs it).
export { main } from './cli.ts';
