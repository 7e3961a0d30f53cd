import { AppError } from '@jipp/core';
import { parse } from 'csv-parse/sync';
import { csvCellText } from '../export/csv-text';
import { type CellValue, Workbook } from 'exceljs';

export type FileFormat = 'csv' | 'xlsx';

/** One row of the file as a spreadsheet shows it: its 1-based number and its cells' text. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** Beyond this, a file is refused before any row is checked (one transaction holds a whole import). */
export const MAX_DATA_ROWS = 50_000;
const MAX_RECORD_CHARS = 1_000_000;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** XLSX files are zip archives; anything else is read as CSV text. */
export function formatOf(content: Buffer): FileFormat {
  return content.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

function unreadable(message: string): AppError {
  return AppError.badInput(message, [{ field: 'file', message }]);
}

/** The file's rows, in order, with their spreadsheet row numbers; refused with BAD_USER_INPUT if unreadable. */
export async function readSheetRows(
  content: Buffer,
  format: FileFormat = formatOf(content),
): Promise<SheetRow[]> {
  return format === 'xlsx' ? readXlsx(content) : readCsv(content);
}

function readCsv(content: Buffer): SheetRow[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw unreadable('The file is neither an XLSX workbook nor UTF-8 CSV text (save it as "CSV UTF-8").');
  }
  if (text.includes('\u0000')) throw unreadable('The file is neither an XLSX workbook nor CSV text.');
  let records: Array<{ record: string[]; info: { records: number } }>;
  try {
    records = parse(text, {
      bom: true,
      delimiter: delimiterOf(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { records: number } }>;
  } catch (error) {
    throw unreadable(`The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  // a spreadsheet shows one record per row: multi-line cells do not add rows
  return records.map(({ record, info }) => ({ row: info.records, cells: record.map(csvCellText) }));
}

/** Comma, unless the header row (the first line that is not documentation) uses semicolons or tabs. */
export function delimiterOf(text: string): string {
  const header = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((line) => line.trim() && !/^"?#/.test(line.trim()));
  if (!header) return ',';
  const count = (c: string): number => header.split(c).length - 1;
  const candidates = [',', ';', '\t'].map((c) => ({ c, n: count(c) }));
  const best = candidates.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.c : ',';
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    throw unreadable('The XLSX workbook could not be read.');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw unreadable('The XLSX workbook has no worksheet.');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column).value));
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The text a person sees in a cell (a formula's result, a link's text). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('result' in value) return cellText(value.result as CellValue);
  if ('formula' in value || 'sharedFormula' in value) return '';
  if ('error' in value) return '';
  return '';
}

/**
 * Splits the rows into the header and the data: leading rows that start with `#` (the export's
 * column documentation) and empty rows are passed over; the first other row is the header.
 */
export function splitSheet(rows: readonly SheetRow[]): { header: SheetRow; data: SheetRow[] } {
  const isEmpty = (r: SheetRow): boolean => r.cells.every((c) => !c.trim());
  const headerIndex = rows.findIndex((r) => !isEmpty(r) && !(r.cells[0] ?? '').trim().startsWith('#'));
  if (headerIndex < 0) throw unreadable('The file has no header row.');
  const data = rows.slice(headerIndex + 1).filter((r) => !isEmpty(r));
  if (data.length > MAX_DATA_ROWS) {
    throw unreadable(`The file has ${data.length} rows; at most ${MAX_DATA_ROWS} are imported at once.`);
  }
  return { header: rows[headerIndex]!, data };
}
