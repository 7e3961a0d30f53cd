/**
 * A cell a spreadsheet would evaluate as a formula when the file is opened (`=`, `+`, `-`, `@`, a
 * tab or a carriage return first), behind any apostrophes already there. The export puts one more
 * apostrophe in front (the usual guard against CSV formula injection: spreadsheets show the text,
 * run nothing) and the import takes one away, so every text reads back as it was written.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** The text of a CSV cell as the export wrote it, without the formula guard `csvField` added. */
export function csvCellText(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}

/**
 * One CSV field (RFC 4180), guarded against formula injection: quoted when it holds a comma, a
 * quote, a line break or edge spaces.
 */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record, ended by a line feed. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}
