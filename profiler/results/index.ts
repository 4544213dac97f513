// Results files: the schema-versioned record of one profiling run (types), its JSON schema,
// and the one way to write (atomic) and read (validated, older versions upgraded) them.
export * from './types.ts';
export { resultsSchema } from './schema.ts';
export { writeResults, readResults, loadResults, parseResults, resultsPath } from './store.ts';
