import { AppError, readRawAndEntities, Role, type AuthUser } from '@jipp/core';
import { Innovation, canRead as canReadInnovation } from '@jipp/innovations';
import { Replication } from '@jipp/replications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Thread, ThreadSubject } from '../threads/thread.entity';
import { mayModerate, mayRead } from './forum-rules';

/** The hubs whose coordinators moderate a thread. */
export interface ThreadScope {
  hubIds: number[];
}

/**
 * A hub thread's read facts from the two EXISTS flags SQL answers (1 or 0): the user's agency belongs
 * to the hub; the user coordinates it (counted for coordinators only, as `coordinates` does).
 */
function hubReadFacts(
  user: AuthUser,
  member: unknown,
  coordinator: unknown,
): { agencyInHub: boolean; coordinatesScope: boolean } {
  return {
    agencyInHub: Number(member) === 1,
    coordinatesScope: user.role === Role.COORDINATOR && Number(coordinator) === 1,
  };
}

/**
 * The two flags a hub thread's read facts come from, as SQL over expressions for the hub, the user's
 * agency and the user (placeholders or columns), so that each reader asks them in a statement it
 * makes anyway: whether the agency belongs to the hub, whether the user coordinates it.
 */
export const hubReadFlagsSql = {
  member: (hub: string, agency: string): string =>
    `EXISTS(SELECT 1 FROM network_member m WHERE m.network_id = ${hub} AND m.agency_id = ${agency})`,
  coordinator: (hub: string, user: string): string =>
    `EXISTS(SELECT 1 FROM network_coordinator c WHERE c.network_id = ${hub} AND c.user_id = ${user})`,
};

/** Who may read, post in and moderate a thread, from the database. */
@Injectable()
export class ForumAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Hub threads: their hub. Innovation discussions: the hubs holding the origin agency. Replication
   * discussions: the hubs holding the adopter agency.
   */
  async scopeOf(thread: Thread, manager: EntityManager = this.dataSource.manager): Promise<ThreadScope> {
    if (thread.subject === ThreadSubject.HUB) return { hubIds: [thread.hubId!] };
    const agencyId =
      thread.subject === ThreadSubject.INNOVATION
        ? (await manager.getRepository(Innovation).findOneBy({ id: thread.innovationId! }))?.originAgencyId
        : (await manager.getRepository(Replication).findOneBy({ id: thread.replicationId! }))
            ?.adopterAgencyId;
    if (agencyId === undefined) return { hubIds: [] };
    const rows: Array<{ network_id: number }> = await manager.query(
      'SELECT network_id FROM network_member WHERE agency_id = ?',
      [agencyId],
    );
    return { hubIds: rows.map((r) => Number(r.network_id)) };
  }

  async canRead(user: AuthUser | null, thread: Thread, manager = this.dataSource.manager): Promise<boolean> {
    if (!user) return false;
    if (user.role === Role.ADMIN) return true;
    if (thread.subject === ThreadSubject.HUB) {
      const { agencyInHub, coordinatesScope } = await this.hubFacts(user, thread.hubId!, manager);
      return mayRead(user, { subject: thread.subject, agencyInHub, coordinatesScope, subjectVisible: false });
    }
    const coordinatesScope = await this.coordinates(user, await this.scopeOf(thread, manager), manager);
    const subjectVisible = await this.subjectVisible(user, thread, manager);
    return mayRead(user, { subject: thread.subject, agencyInHub: false, coordinatesScope, subjectVisible });
  }

  /** Whether the user may read a hub's threads, from the two flags `hubReadFacts` takes (asked elsewhere). */
  hubThreadReadable(user: AuthUser, member: unknown, coordinator: unknown): boolean {
    return (
      user.role === Role.ADMIN ||
      mayRead(user, {
        subject: ThreadSubject.HUB,
        ...hubReadFacts(user, member, coordinator),
        subjectVisible: false,
      })
    );
  }

  /** A hub thread's read facts in one statement. */
  private async hubFacts(
    user: AuthUser,
    hubId: number,
    manager: EntityManager,
  ): Promise<{ agencyInHub: boolean; coordinatesScope: boolean }> {
    const [row]: Array<{ member: unknown; coordinator: unknown }> = await manager.query(
      `SELECT ${hubReadFlagsSql.member('?', '?')} AS member, ${hubReadFlagsSql.coordinator('?', '?')} AS coordinator`,
      [hubId, user.agencyId, hubId, user.id],
    );
    return hubReadFacts(user, row?.member, row?.coordinator);
  }

  /**
   * The thread if the user may read it; NOT_FOUND otherwise (a closed forum is not revealed). A hub
   * thread comes with its read facts in the same statement, so reading a hub's thread page costs one
   * statement for the thread and its access.
   */
  async readable(
    user: AuthUser | null,
    threadId: number,
    manager = this.dataSource.manager,
  ): Promise<Thread> {
    const query = manager
      .getRepository(Thread)
      .createQueryBuilder('thread')
      .where('thread.id = :threadId', { threadId });
    const askFacts = user !== null && user.role !== Role.ADMIN;
    if (askFacts) {
      query
        .addSelect(hubReadFlagsSql.member('thread.hub_id', ':agencyId'), 'hub_member')
        .addSelect(hubReadFlagsSql.coordinator('thread.hub_id', ':userId'), 'hub_coordinator')
        .setParameters({ agencyId: user.agencyId, userId: user.id });
    }
    const {
      entities: [thread],
      raw: [row],
    } = (await readRawAndEntities(query)) as { entities: Thread[]; raw: Array<Record<string, unknown>> };
    if (!thread) throw AppError.notFound('Thread', threadId);
    const readableNow =
      askFacts && thread.subject === ThreadSubject.HUB
        ? mayRead(user, {
            subject: thread.subject,
            ...hubReadFacts(user, row?.['hub_member'], row?.['hub_coordinator']),
            subjectVisible: false,
          })
        : await this.canRead(user, thread, manager);
    if (!readableNow) throw AppError.notFound('Thread', threadId);
    return thread;
  }

  async canModerate(
    user: AuthUser | null,
    thread: Thread,
    manager = this.dataSource.manager,
  ): Promise<boolean> {
    if (!user) return false;
    if (user.role === Role.ADMIN) return true;
    return mayModerate(user, await this.coordinates(user, await this.scopeOf(thread, manager), manager));
  }

  /** Whether the user coordinates one of the hubs. */
  async coordinates(user: AuthUser, scope: ThreadScope, manager = this.dataSource.manager): Promise<boolean> {
    if (user.role !== Role.COORDINATOR || scope.hubIds.length === 0) return false;
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM network_coordinator WHERE user_id = ? AND network_id IN (${scope.hubIds.map(() => '?').join(', ')}) LIMIT 1`,
      [user.id, ...scope.hubIds],
    );
    return rows.length > 0;
  }

  private async subjectVisible(user: AuthUser, thread: Thread, manager: EntityManager): Promise<boolean> {
    const innovationId =
      thread.subject === ThreadSubject.INNOVATION
        ? thread.innovationId
        : (await manager.getRepository(Replication).findOneBy({ id: thread.replicationId! }))?.innovationId;
    if (!innovationId) return false;
    const innovation = await manager.getRepository(Innovation).findOneBy({ id: innovationId });
    return innovation !== null && canReadInnovation(user, innovation);
  }
}
