import { Role, type AuthUser } from '@jipp/core';
import { ThreadSubject } from '../threads/thread.entity';
import { mayModerate, mayRead, type ReadFacts } from './forum-rules';

const user = (role: Role): AuthUser => ({ id: 1, agencyId: 1, role });
const facts = (overrides: Partial<ReadFacts>): ReadFacts => ({
  subject: ThreadSubject.HUB,
  agencyInHub: false,
  coordinatesScope: false,
  subjectVisible: false,
  ...overrides,
});

describe('forum rules', () => {
  it('opens hub forums to the hub agencies and its coordinators only', () => {
    expect(mayRead(user(Role.MEMBER), facts({ agencyInHub: true }))).toBe(true);
    expect(mayRead(user(Role.MEMBER), facts({}))).toBe(false);
    expect(mayRead(user(Role.COORDINATOR), facts({ coordinatesScope: true }))).toBe(true);
    expect(mayRead(user(Role.ADMIN), facts({}))).toBe(true);
    expect(mayRead(null, facts({ agencyInHub: true }))).toBe(false);
  });

  it('opens discussions to every signed-in user who sees the subject', () => {
    const discussion = facts({ subject: ThreadSubject.INNOVATION, subjectVisible: true });
    expect(mayRead(user(Role.MEMBER), discussion)).toBe(true);
    expect(mayRead(null, discussion)).toBe(false);
    expect(mayRead(user(Role.MEMBER), { ...discussion, subjectVisible: false })).toBe(false);
    // hub membership does not open a hidden subject
    expect(mayRead(user(Role.MEMBER), { ...discussion, subjectVisible: false, agencyInHub: true })).toBe(
      false,
    );
  });

  it('lets coordinators moderate within scope only, and admins everywhere', () => {
    expect(mayModerate(user(Role.COORDINATOR), true)).toBe(true);
    expect(mayModerate(user(Role.COORDINATOR), false)).toBe(false);
    expect(mayModerate(user(Role.AGENCY_ADMIN), true)).toBe(false);
    expect(mayModerate(user(Role.ADMIN), false)).toBe(true);
    expect(mayModerate(null, true)).toBe(false);
  });
});
