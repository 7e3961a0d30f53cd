import type { AgencyDirectory, AgencyRef } from './agency-directory';
import type { ImportProblem } from './import-report';
import {
  INNOVATION_COLUMN_NAMES,
  INNOVATION_COLUMNS,
  type InnovationColumn,
  type InnovationRowData,
  type RowContext,
} from './innovation-columns';

/** A row that passed every check, with its origin agency found. */
export interface CheckedRow {
  row: number;
  data: InnovationRowData;
  agency: AgencyRef;
}

/** Which column each cell of a row belongs to (null: a cell with no header). */
export interface FileHeader {
  row: number;
  columns: Array<InnovationColumn | null>;
}

const BY_NAME = new Map(INNOVATION_COLUMNS.map((c) => [c.name, c]));

/** Reads the header row: known names only, each once, every required one present. */
export function readHeader(
  cells: readonly string[],
  row: number,
): { header: FileHeader; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  const columns = cells.map((cell) => {
    const name = cell.trim().toLowerCase();
    if (!name) return null;
    const column = BY_NAME.get(name);
    if (!column) {
      problems.push({
        row,
        column: cell.trim(),
        message: `unknown column; the columns are ${INNOVATION_COLUMN_NAMES.join(', ')}`,
      });
      return null;
    }
    if (seen.has(name)) problems.push({ row, column: name, message: 'the column appears twice' });
    seen.add(name);
    return column;
  });
  for (const column of INNOVATION_COLUMNS) {
    if (column.required && !seen.has(column.name)) {
      problems.push({ row, column: column.name, message: 'the required column is missing' });
    }
  }
  return { header: { row, columns }, problems };
}

/** Reads and checks one data row: every cell, then what spans cells (origin agency, award years). */
export function readRow(
  cells: readonly string[],
  row: number,
  header: FileHeader,
  context: RowContext,
  agencies: AgencyDirectory,
): { checked: CheckedRow | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const fields: Partial<InnovationRowData> = {};
  for (const column of INNOVATION_COLUMNS) {
    if (column.read && !header.columns.includes(column) && column.whenEmpty)
      Object.assign(fields, column.whenEmpty);
  }
  cells.forEach((cell, index) => {
    const text = cell.trim();
    const column = header.columns[index] ?? null;
    if (!column) {
      if (text)
        problems.push({ row, column: null, message: `cell ${index + 1} has a value but no column header` });
      return;
    }
    if (!column.read) return;
    if (!text) {
      if (column.required) problems.push({ row, column: column.name, message: 'is required' });
      else Object.assign(fields, column.whenEmpty);
      return;
    }
    const reading = column.read(text, context);
    if ('problem' in reading) problems.push({ row, column: column.name, message: reading.problem });
    else Object.assign(fields, reading.fields);
  });
  // a short row: the cells it lacks are empty
  for (let index = cells.length; index < header.columns.length; index++) {
    const column = header.columns[index];
    if (!column?.read) continue;
    if (column.required) problems.push({ row, column: column.name, message: 'is required' });
    else Object.assign(fields, column.whenEmpty);
  }

  let agency: AgencyRef | null = null;
  if (fields.originAgencyType && fields.originAgencyKey !== undefined) {
    const found = agencies.find(fields.originAgencyType, fields.originAgencyKey);
    if ('problem' in found) problems.push({ row, column: 'origin_agency', message: found.problem });
    else agency = found.agency;
  }
  if (fields.launchYear !== undefined) {
    for (const award of fields.awards ?? []) {
      if (award.year < fields.launchYear) {
        problems.push({
          row,
          column: 'awards',
          message: `the ${award.competition} ${award.year} award is before the launch year ${fields.launchYear}`,
        });
      }
    }
  }
  if (problems.length > 0 || !agency) return { checked: null, problems };
  return { checked: { row, data: fields as InnovationRowData, agency }, problems };
}

const lowerKey = (text: string): string => text.trim().toLocaleLowerCase('id');

/** The identity an innovation is matched on: its registration number, else its origin agency and title. */
export function registrationKey(data: { registrationNumber: string | null }): string | null {
  return data.registrationNumber ? lowerKey(data.registrationNumber) : null;
}

export function agencyTitleKey(agencyId: number, title: string): string {
  return `${agencyId}:${lowerKey(title)}`;
}

/** Rows that repeat an earlier row of the same file (same registration number, or same agency and title). */
export function duplicatesInFile(rows: readonly CheckedRow[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const byRegistration = new Map<string, number>();
  const byTitle = new Map<string, number>();
  for (const { row, data, agency } of rows) {
    const registration = registrationKey(data);
    const title = agencyTitleKey(agency.id, data.title);
    const first = registration ? byRegistration.get(registration) : undefined;
    if (first !== undefined) {
      problems.push({
        row,
        column: 'registration_number',
        message: `the same registration number as row ${first}`,
      });
      continue;
    }
    const firstTitle = byTitle.get(title);
    if (firstTitle !== undefined) {
      problems.push({
        row,
        column: 'title',
        message: `the same origin agency and title as row ${firstTitle}`,
      });
      continue;
    }
    if (registration) byRegistration.set(registration, row);
    byTitle.set(title, row);
  }
  return problems;
}
