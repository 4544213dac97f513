// as-pect: AssemblyScript specs for the agent core, run in AssemblyScript itself
// (tests/as/*.spec.ts). Part of the README's test command.
import { execFileSync } from 'node:child_process';

// The agent core imports the generated kernel registry: give as-pect the full agent's on disk.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/as-registry.ts'], { stdio: 'inherit' });

export default {
  entries: ['tests/as/**/*.spec.ts'],
  include: ['tests/as/**/*.include.ts'],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
