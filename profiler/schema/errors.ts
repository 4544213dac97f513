// The error for data files (requirement profiles, boards, catalogue, results): a CapmarkError
// with a stable code plus the file, the field and the reason, so the CLI prints it without a stack.
import { CapmarkError } from '../errors.ts';

export type DataErrorCode =
  | 'DATA_UNREADABLE'      // the file cannot be read or is not JSON
  | 'DATA_INVALID'         // the file does not match its schema
  | 'RESULTS_VERSION'      // a results file of a schema version this build cannot read
  | 'DATA_REFERENCE';      // the file names something that does not exist (a board, a kernel)

export class DataError extends CapmarkError {
  declare readonly code: DataErrorCode;
  readonly file: string;
  readonly field: string;
  readonly reason: string;
  constructor(code: DataErrorCode, file: string, field: string, reason: string) {
    super(code, `${file}: ${field || '(top level)'}: ${reason}`, { file, field, reason });
    this.name = 'DataError';
    this.file = file;
    this.field = field;
    this.reason = reason;
  }
}
