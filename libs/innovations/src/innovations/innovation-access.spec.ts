import { Role, type AuthUser } from '@jipp/core';
import { canArchive, canEdit, canPublish, canRead, draftAgencyOf } from './innovation-access';
import { InnovationStatus } from './innovation-enums';

const user = (role: Role, agencyId = 1): AuthUser => ({ id: 9, agencyId, role });
const draft = { originAgencyId: 1, status: InnovationStatus.DRAFT };
const published = { originAgencyId: 1, status: InnovationStatus.PUBLISHED };
const archived = { originAgencyId: 1, status: InnovationStatus.ARCHIVED };

describe('innovation access', () => {
  it('shows published innovations to everyone, others to the origin agency and admins only', () => {
    expect(canRead(null, published)).toBe(true);
    expect(canRead(null, draft)).toBe(false);
    expect(canRead(user(Role.MEMBER, 2), draft)).toBe(false);
    expect(canRead(user(Role.COORDINATOR, 2), archived)).toBe(false);
    expect(canRead(user(Role.MEMBER, 1), archived)).toBe(true);
    expect(canRead(user(Role.ADMIN, 2), draft)).toBe(true);
  });

  it('lets members edit their agency drafts, and only admins edit what is published', () => {
    expect(canEdit(user(Role.MEMBER), draft)).toBe(true);
    expect(canEdit(user(Role.MEMBER), published)).toBe(false);
    expect(canEdit(user(Role.AGENCY_ADMIN), published)).toBe(true);
    expect(canEdit(user(Role.AGENCY_ADMIN, 2), draft)).toBe(false);
    expect(canEdit(user(Role.ADMIN, 2), published)).toBe(true);
  });

  it('leaves publishing and archiving to the origin agency admin and national admins', () => {
    expect(canPublish(user(Role.MEMBER), draft)).toBe(false);
    expect(canPublish(user(Role.AGENCY_ADMIN), draft)).toBe(true);
    expect(canPublish(user(Role.AGENCY_ADMIN, 2), draft)).toBe(false);
    expect(canPublish(user(Role.COORDINATOR), draft)).toBe(false);
    expect(canArchive(user(Role.ADMIN, 5), published)).toBe(true);
    expect(canArchive(user(Role.MEMBER), published)).toBe(false);
  });

  it('creates drafts for the user agency unless a national admin names another', () => {
    expect(draftAgencyOf(user(Role.MEMBER), undefined)).toBe(1);
    expect(draftAgencyOf(user(Role.MEMBER), 1)).toBe(1);
    expect(draftAgencyOf(user(Role.AGENCY_ADMIN), 2)).toBe('forbidden');
    expect(draftAgencyOf(user(Role.ADMIN), 2)).toBe(2);
  });
});
