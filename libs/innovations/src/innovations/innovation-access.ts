import { Role, type AuthUser } from '@jipp/core';
import { InnovationStatus } from './innovation-enums';

/** What the access rules need to know about an innovation. */
export interface InnovationOwnership {
  originAgencyId: number;
  status: InnovationStatus;
}

const isOwnAgency = (user: AuthUser, innovation: InnovationOwnership): boolean =>
  user.agencyId === innovation.originAgencyId;

const isAgencyAdmin = (user: AuthUser): boolean => user.role === Role.AGENCY_ADMIN;

/** Published innovations are public; drafts and archived ones only for the origin agency and admins. */
export function canRead(user: AuthUser | null, innovation: InnovationOwnership): boolean {
  if (innovation.status === InnovationStatus.PUBLISHED) return true;
  if (!user) return false;
  return user.role === Role.ADMIN || isOwnAgency(user, innovation);
}

/** The origin agency's members edit drafts; its admin also edits what is published. */
export function canEdit(user: AuthUser, innovation: InnovationOwnership): boolean {
  if (user.role === Role.ADMIN) return true;
  if (!isOwnAgency(user, innovation)) return false;
  return innovation.status === InnovationStatus.DRAFT || isAgencyAdmin(user);
}

/** Publishing is the origin agency admin's decision (or a national admin's). */
export function canPublish(user: AuthUser, innovation: InnovationOwnership): boolean {
  return user.role === Role.ADMIN || (isAgencyAdmin(user) && isOwnAgency(user, innovation));
}

/** National admins archive any innovation; an origin agency admin archives their own. */
export function canArchive(user: AuthUser, innovation: InnovationOwnership): boolean {
  return canPublish(user, innovation);
}

/** Which agency a user may create drafts for: their own; national admins for any. */
export function draftAgencyOf(user: AuthUser, requested: number | undefined): number | 'forbidden' {
  if (requested === undefined || requested === user.agencyId) return user.agencyId;
  return user.role === Role.ADMIN ? requested : 'forbidden';
}
