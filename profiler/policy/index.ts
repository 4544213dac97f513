// Crypto policy over a product's lifetime: the published tables (NIST SP 800-57, NIST IR 8547,
// BSI TR-02102-1, CNSA 2.0) as rules with sources, and the check over a support window.
export { algorithmFacts, familyOf, type AlgorithmFacts, type Use } from './algorithms.ts';
export { FRAMEWORKS, RULES, type FrameworkId, type Rule, type Match } from './frameworks.ts';
export {
  evaluatePolicy, statusIn, supportWindow, describeFinding,
  type Policy, type PolicyResult, type PolicyFinding, type PolicyStatus, type Component,
} from './evaluate.ts';
