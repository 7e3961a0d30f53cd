import { createHash } from 'node:crypto';

/** Indonesia's western time (WIB) is UTC+7 all year: no daylight saving. */
const JAKARTA_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86400_000;

/** How long a day's "already counted" set outlives the day: covers api nodes whose clocks drift. */
export const SEEN_GRACE_SECONDS = 2 * 3600;

/** The Asia/Jakarta calendar day of an instant, `YYYY-MM-DD`. */
export function jakartaDay(at: Date): string {
  return new Date(at.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);
}

/** When the Asia/Jakarta day of `at` ends (the next WIB midnight), in Unix seconds. */
export function jakartaDayEndsAt(at: Date): number {
  const local = at.getTime() + JAKARTA_OFFSET_MS;
  const nextLocalMidnight = (Math.floor(local / DAY_MS) + 1) * DAY_MS;
  return (nextLocalMidnight - JAKARTA_OFFSET_MS) / 1000;
}

/** Who viewed: a signed-in user, an anonymous visitor's own id, or (lacking one) their IP. */
export type Visitor = { userId: number } | { visitorId: string } | { ip: string };

/** What a client may send as `x-visitor-id`: 8-64 letters, digits, `_` or `-`. */
const VISITOR_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isValidVisitorId(value: unknown): value is string {
  return typeof value === 'string' && VISITOR_ID.test(value);
}

/** The request facts a view needs (a subset of the GraphQL context's request). */
export interface ViewRequest {
  user?: { id: number };
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

export const VISITOR_ID_HEADER = 'x-visitor-id';

/** The visitor of a request: the user when signed in, else a valid `x-visitor-id`, else the client IP. */
export function visitorOf(req: ViewRequest): Visitor {
  if (req.user) return { userId: req.user.id };
  const header = req.headers[VISITOR_ID_HEADER];
  const visitorId = Array.isArray(header) ? header[0] : header;
  if (isValidVisitorId(visitorId)) return { visitorId };
  return { ip: req.ip ?? 'unknown' };
}

/** A short, stable member name for the day's "already counted" set. IPs are stored only hashed. */
export function visitorKey(visitor: Visitor): string {
  if ('userId' in visitor) return `u:${visitor.userId}`;
  if ('visitorId' in visitor) return `v:${visitor.visitorId}`;
  return `ip:${createHash('sha256').update(visitor.ip).digest('base64url').slice(0, 22)}`;
}

/** The field of the pending-counts hash for one innovation on one day. */
export function pendingField(day: string, innovationId: number): string {
  return `${day}:${innovationId}`;
}

const PENDING_FIELD = /^(\d{4}-\d{2}-\d{2}):([1-9]\d{0,9})$/;

/** Reads a pending-counts field back; null for anything that is not one. */
export function parsePendingField(field: string): { day: string; innovationId: number } | null {
  const match = PENDING_FIELD.exec(field);
  if (!match) return null;
  const innovationId = Number(match[2]);
  if (innovationId > 4_294_967_295) return null;
  return { day: match[1]!, innovationId };
}
