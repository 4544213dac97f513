// Verdicts for products: requirement profiles, checkRequirements (board x profile x need),
// recommend (ranked catalogue with a summary per part), and the loaders the CLI calls.
export { loadRequirementProfile } from './load.ts';
export { loadResults, parseResults, resultsSchema } from '../results/index.ts';
export { checkRequirements, overallStatus, factsFor, type CheckContext } from './check.ts';
export { recommend, predictParts, recommendation, needSummary, byFitness } from './recommend.ts';
export { requirementProfileSchema, NEED_KINDS, FEATURES } from './profile-schema.ts';
export { OP_ROLES, type Role } from './candidates.ts';
export { subjectFromResults, predictSubject, timeAt, type Subject, type OpPoint } from './subject.ts';
export type {
  RequirementProfile, Need, NeedKind, Verdict, Evaluation, ConstantTime, CtStatus, Recommendation, NeedSummary, Alternative, Status, Trace, FailureCause,
} from './types.ts';
export { loadCatalogue } from '../catalogue/index.ts';
