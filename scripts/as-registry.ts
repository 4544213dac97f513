// Writes the full agent's generated kernel registry to wasm/kernels/registry.ts for the
// AssemblyScript specs (as-pect.config.js runs it): the agent core imports the registry, which
// the build serves to asc from memory, but as-pect reads every module from the disk.
import { writeFullRegistry } from '../profiler/build/wasm.ts';

writeFullRegistry();
