import type { Role } from './role';

/** Who is calling: read from a verified access token, attached to the request by the auth guard. */
export interface AuthUser {
  id: number;
  agencyId: number;
  role: Role;
}
