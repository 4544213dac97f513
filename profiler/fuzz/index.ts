// Fuzzing the agent (docs/fuzzing.md): the protocol fuzz and the kernels' length-field sweep in
// Node's WebAssembly under a watchdog, and the on-device fuzz with the same agent in Node as
// its byte-exact oracle.
export { fuzzSequence, ProtocolModel, maskBoardFields, type AgentFacts } from './protocol.ts';
export { lengthMutants, lengthCases, type Mutant } from './lengths.ts';
export { runJob, runWithWatchdog, handshake, type FuzzJob, type FuzzStats, type Finding } from './node.ts';
export { fuzzDevice, type DeviceFuzzOptions, type DeviceFuzzStats } from './device.ts';
