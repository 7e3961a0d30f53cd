import { AppError } from '../errors/app-error';
import { isDuplicateKeyError } from './mysql-errors';

/** Runs a write; a unique-key violation becomes a CONFLICT with `message`, anything else is rethrown. */
export async function conflictOnDuplicate<T>(write: () => Promise<T>, message: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw AppError.conflict(message);
    throw error;
  }
}
