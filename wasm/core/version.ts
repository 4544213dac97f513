// The agent's version, on its own so that kernels (attestation evidence names it) and the
// protocol (HELLO's descriptor) both read it without importing each other.

export const AGENT_VERSION = "0.2.0";
