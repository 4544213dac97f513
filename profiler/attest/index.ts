// Attestation on the host: the verifier (nonces, enrolment, appraisal to EAR results), one
// round over the agent protocol, reference values and the CycloneDX SBOM of a build.
// The device side is wasm/kernels/attest.ts; the message layouts are documented there.
export { Verifier, statusOf, SUBMOD, POLICY_ID, type AttestationResult, type ReferenceValues, type EarStatus } from './verifier.ts';
export { VerifierStore } from './store.ts';
export { attestOnce, runAttestOp, attestKernel, type AttestTarget, type AttestOptions, type AttestOutcome } from './session.ts';
export { referenceForImage, referenceFromBuild, sbomPath } from './reference.ts';
export { makeSbom, writeSbom } from './sbom.ts';
export { parseDeviceIdentity, parseAliasCert, parseClaims, KEY_TYPES } from './eat.ts';
