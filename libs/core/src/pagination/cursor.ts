import { AppError } from '../errors/app-error';

export type CursorValue = string | number | null;

/** Opaque cursor: base64url of the sort key values of the last row seen. */
export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedLength: number): CursorValue[] {
  let parsed: unknown;
  try {
    if (cursor.length > 512) throw new Error('too long');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw AppError.badInput('Invalid cursor: pass a cursor exactly as a previous page returned it.', [
      { field: 'after', message: 'is not a valid cursor' },
    ]);
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === expectedLength &&
    parsed.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) {
    throw AppError.badInput('Invalid cursor: it belongs to another list or ordering.', [
      { field: 'after', message: 'does not match this list' },
    ]);
  }
  return parsed as CursorValue[];
}
