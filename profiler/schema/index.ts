// Data-file validation shared by profiles, boards, the catalogue and results: JSON schemas
// (ajv) and the DataError every loader throws for a bad file.
export { DataError, type DataErrorCode } from './errors.ts';
export { validate, readJson, sourced } from './validate.ts';
