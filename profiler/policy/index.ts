// Crypto policy over a product's lifetime: the published tables (NIST SP 800-57, NIST IR 8547,
// BSI TR-02102-1, CNSA 2.0) as data files with a clause per rule (boards/policy/), and the check
// over a support window.
export { algorithmFacts, familyOf, isMultiTree, type AlgorithmFacts, type Use } from './algorithms.ts';
export {
  FRAMEWORKS, RULES, loadFrameworks, frameworkSchema,
  type Framework, type FrameworkId, type Rule, type Match, type HybridTreatment,
} from './frameworks.ts';
export {
  evaluatePolicy, statusIn, supportWindow, describeFinding,
  type Policy, type PolicyResult, type PolicyFinding, type PolicyStatus, type Component,
} from './evaluate.ts';
