// as-pect: AssemblyScript specs for the agent core, run in AssemblyScript itself
// (tests/as/*.spec.ts). Part of the README's test command.
export default {
  entries: ['tests/as/**/*.spec.ts'],
  include: ['tests/as/**/*.include.ts'],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
