/** The api's cursor format (base64url of the sort key values), so both answer the same `endCursor`. */
export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** `YYYY-MM-DD HH:MM:SS.mmm` in UTC, as the api writes a date into a cursor. */
export function sqlDateTime(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '');
}
