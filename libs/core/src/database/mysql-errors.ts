/** MySQL/MariaDB server error numbers the platform reacts to. */
export const MysqlErrno = {
  DUPLICATE_ENTRY: 1062,
  LOCK_DEADLOCK: 1213,
  LOCK_WAIT_TIMEOUT: 1205,
  ROW_IS_REFERENCED: 1451,
  NO_REFERENCED_ROW: 1452,
} as const;

function errnoOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { errno?: unknown; driverError?: { errno?: unknown } };
  const errno = e.driverError?.errno ?? e.errno;
  return typeof errno === 'number' ? errno : undefined;
}

export function isDuplicateKeyError(error: unknown): boolean {
  return errnoOf(error) === MysqlErrno.DUPLICATE_ENTRY;
}

export function isDeadlockError(error: unknown): boolean {
  const errno = errnoOf(error);
  return errno === MysqlErrno.LOCK_DEADLOCK || errno === MysqlErrno.LOCK_WAIT_TIMEOUT;
}

export function isForeignKeyError(error: unknown): boolean {
  const errno = errnoOf(error);
  return errno === MysqlErrno.NO_REFERENCED_ROW || errno === MysqlErrno.ROW_IS_REFERENCED;
}
