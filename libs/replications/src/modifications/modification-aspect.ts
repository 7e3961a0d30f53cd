import { registerEnumType } from '@nestjs/graphql';

/** What part of the innovation the adopter changed (the M of ATM). */
export enum ModificationAspect {
  PROCESS = 'PROCESS',
  TECHNOLOGY = 'TECHNOLOGY',
  ORGANISATION = 'ORGANISATION',
  REGULATION = 'REGULATION',
  FUNDING = 'FUNDING',
  TARGET_GROUP = 'TARGET_GROUP',
  PARTNERSHIP = 'PARTNERSHIP',
  OTHER = 'OTHER',
}

registerEnumType(ModificationAspect, { name: 'ModificationAspect' });
