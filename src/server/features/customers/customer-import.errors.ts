import { AppError } from '../../platform/app-error.js';

export type ImportFileProblem = 'encoding_unreadable' | 'file_too_large' | 'too_many_rows' | 'empty_file' | 'missing_columns' | 'duplicate_columns';

/**
 * The whole file cannot be imported (unreadable bytes, too big, no usable header). `problem` is the stable
 * code clients see in the problem+json body; row-level trouble never raises this, it goes into the report.
 */
export class CustomerImportFileError extends AppError {
  constructor(readonly problem: ImportFileProblem, message: string, readonly line: number | null = null) {
    super(problem === 'file_too_large' || problem === 'too_many_rows' ? 'payload_too_large' : 'bad_request', message,
      [{ path: line === null ? 'file' : `line ${line}`, message }]);
  }
}
