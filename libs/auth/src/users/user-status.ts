import { registerEnumType } from '@nestjs/graphql';

export enum UserStatus {
  /** Invited; signs in after accepting the invitation and choosing a password. */
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  DISABLED = 'DISABLED',
}

registerEnumType(UserStatus, { name: 'UserStatus' });
