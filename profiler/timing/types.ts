// Types of the timing data (schema.ts) and of what the model answers.

export interface CycleEntry { value: number; range?: [number, number]; source: string }

export interface TimingTable {
  schema: 'capmark.timing/1';
  cores: string[];
  reference: string;
  approximation?: string;
  cycles: Record<string, CycleEntry>;
  operand_dependent: { classes: string[]; source: string };
}

export interface CalibrationCase {
  id: string;
  core: string;
  code: string;
  published_cycles: number;
  instructions: number;
  instruction_classes: Record<string, number>;
}

export interface CalibrationFile {
  schema: 'capmark.calibration/1';
  source: string;
  silicon_conditions: string;
  emulated_conditions: string;
  cases: CalibrationCase[];
}

/** How far a modelled figure may be off, in percent of it (as in results files). */
export interface Band { low_pct: number; high_pct: number; basis: string }

/** Instruction counts per class, as the classifying plugin prints them. */
export type ClassCounts = Record<string, number>;
