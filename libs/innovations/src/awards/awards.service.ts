import {
  AppError,
  type AuthUser,
  conflictOnDuplicate,
  readMany,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Innovation } from '../innovations/innovation.entity';
import { AwardCompetition, type AwardLevel } from './award-enums';
import { InnovationAward } from './innovation-award.entity';

export interface AwardData {
  competition: AwardCompetition;
  year: number;
  level: AwardLevel;
  title?: string | null;
}

/** Awards are KemenPANRB's record: national admins add and remove them. */
@Injectable()
export class AwardsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Awards of many innovations in one statement, newest first. */
  async byInnovationIds(ids: readonly number[]): Promise<Map<number, InnovationAward[]>> {
    const byInnovation = new Map<number, InnovationAward[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byInnovation;
    const awards = await readMany(
      this.dataSource
        .getRepository(InnovationAward)
        .createQueryBuilder('award')
        .where('award.innovationId IN (:...ids)', { ids })
        .orderBy('award.year', 'DESC')
        .addOrderBy('award.id', 'ASC'),
    );
    for (const award of awards) byInnovation.get(award.innovationId)?.push(award);
    return byInnovation;
  }

  async add(actor: AuthUser, innovationId: number, data: AwardData): Promise<InnovationAward> {
    const title = data.competition === AwardCompetition.OTHER ? data.title?.trim() || null : null;
    if (data.competition === AwardCompetition.OTHER && !title) {
      throw AppError.badInput('Name the competition when it is OTHER.', [
        { field: 'input.title', message: 'is required for OTHER' },
      ]);
    }
    return runInTransaction(this.dataSource, async (manager) => {
      const innovation = await manager.getRepository(Innovation).findOneBy({ id: innovationId });
      if (!innovation) throw AppError.notFound('Innovation', innovationId);
      if (data.year < innovation.launchYear) {
        throw AppError.badInput(
          `The award year ${data.year} is before the launch year ${innovation.launchYear}.`,
          [{ field: 'input.year', message: 'is before the launch year' }],
        );
      }
      const award = manager.getRepository(InnovationAward).create({ ...data, title, innovationId });
      await conflictOnDuplicate(
        () => manager.getRepository(InnovationAward).insert(award),
        `Innovation ${innovationId} already holds ${data.competition} ${data.year} ${data.level}.`,
      );
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'innovation_award.add',
        entityType: 'innovation',
        entityId: innovationId,
        after: award,
      });
      return award;
    });
  }

  async remove(actor: AuthUser, awardId: number): Promise<InnovationAward> {
    return runInTransaction(this.dataSource, async (manager) => {
      const award = await manager
        .getRepository(InnovationAward)
        .findOne({ where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
      if (!award) throw AppError.notFound('Award', awardId);
      await manager.getRepository(InnovationAward).delete({ id: awardId });
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'innovation_award.remove',
        entityType: 'innovation',
        entityId: award.innovationId,
        before: award,
      });
      return award;
    });
  }
}
