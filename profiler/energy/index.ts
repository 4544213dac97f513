// Energy model: power-model schema for boards, energy per operation in microjoules and a
// product's daily crypto energy against its battery budget.
export { powerModelSchema, type PowerModel } from './power-schema.ts';
export {
  runCurrentMa, energyPerOpUj, dailyBudgetMj, dailySleepMj, powerSources, type EnergyBudget,
} from './model.ts';
export { annotateEnergy } from './annotate.ts';
