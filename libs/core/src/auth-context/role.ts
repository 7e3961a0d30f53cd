import { registerEnumType } from '@nestjs/graphql';

export enum Role {
  /** A member of an agency. */
  MEMBER = 'MEMBER',
  /** Manages an agency's users and publishes its innovations. */
  AGENCY_ADMIN = 'AGENCY_ADMIN',
  /** A JIPP hub coordinator, scoped to the networks they coordinate. */
  COORDINATOR = 'COORDINATOR',
  /** National administrator (KemenPANRB). */
  ADMIN = 'ADMIN',
}

registerEnumType(Role, { name: 'Role', description: 'What a user may do on the platform.' });
