import { Role, type AuthUser } from '@jipp/core';
import { ThreadSubject } from '../threads/thread.entity';

/** What decides whether a user may read (and so post in) a thread. */
export interface ReadFacts {
  subject: ThreadSubject;
  /** HUB threads: the user's agency belongs to the hub. */
  agencyInHub: boolean;
  /** The user coordinates a hub in the thread's moderation scope. */
  coordinatesScope: boolean;
  /** INNOVATION / REPLICATION threads: the subject is visible to the user. */
  subjectVisible: boolean;
}

/**
 * Hub forums: members of the hub's agencies and its coordinators. Innovation and replication
 * discussions: any signed-in user who may see the subject. National admins read everything.
 */
export function mayRead(user: AuthUser | null, facts: ReadFacts): boolean {
  if (!user) return false;
  if (user.role === Role.ADMIN) return true;
  if (facts.subject === ThreadSubject.HUB) return facts.agencyInHub || facts.coordinatesScope;
  return facts.subjectVisible;
}

/** Moderators: national admins everywhere, coordinators within their hubs' scope, never outside. */
export function mayModerate(user: AuthUser | null, coordinatesScope: boolean): boolean {
  if (!user) return false;
  return user.role === Role.ADMIN || (user.role === Role.COORDINATOR && coordinatesScope);
}
