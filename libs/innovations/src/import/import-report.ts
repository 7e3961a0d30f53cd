/** One thing wrong in an import file. */
export interface ImportProblem {
  /** 1-based row number as a spreadsheet shows it (documentation and header rows count too). */
  row: number;
  /** The column the problem is in; null when it concerns the whole row. */
  column: string | null;
  message: string;
}

/** A row that is already in the catalogue, so it was not written again. */
export interface ImportSkip {
  row: number;
  innovationId: number;
  slug: string;
  message: string;
}

/** What an import found and did. */
export interface ImportReport {
  /** Data rows in the file (documentation, header and empty rows are not counted). */
  rowsRead: number;
  /** Rows without problems: already in the catalogue, or new. */
  valid: number;
  /** Rows with at least one problem. */
  invalid: number;
  /** Valid rows not yet in the catalogue: what the import creates unless refused or a dry run. */
  newRows: number;
  /** Innovations written by this run. */
  created: number;
  /** Valid rows matching an innovation already in the catalogue; never written again. */
  skippedExisting: number;
  /** Nothing was written because the run only checked the file. */
  dryRun: boolean;
  /** Nothing was written because the file has invalid rows and skipping them was not asked for. */
  refused: boolean;
  /** Every problem, in file order. */
  problems: ImportProblem[];
  /** The rows skipped as already in the catalogue, in file order. */
  skipped: ImportSkip[];
}

export const ALREADY_IN_CATALOGUE = 'skipped: already in the catalogue';

export interface ImportProgress {
  /** `check`: reading and checking rows; `write`: writing the new ones. */
  phase: 'check' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** The admin who imports (for the audit log and `createdByUserId`); null for the system. */
  actorUserId: number | null;
  /** Check and report only; write nothing. */
  dryRun?: boolean;
  /** Write the valid rows even when others are invalid. */
  skipInvalid?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}
