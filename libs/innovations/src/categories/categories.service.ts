import {
  AppError,
  conflictOnDuplicate,
  insertIgnore,
  type AuthUser,
  runInTransaction,
  writeAudit,
} from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CATEGORIES_2018, SEEDED_CATEGORY_YEAR } from './category-seed';
import { InnovationCategory } from './innovation-category.entity';

export interface CreateCategoryData {
  competitionYear: number;
  code: string;
  name: string;
  nameEn: string;
}

@Injectable()
export class CategoriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(competitionYear?: number): Promise<InnovationCategory[]> {
    return this.dataSource.getRepository(InnovationCategory).find({
      where: competitionYear === undefined ? {} : { competitionYear },
      order: { competitionYear: 'DESC', name: 'ASC' },
    });
  }

  async require(id: number, field = 'input.categoryId'): Promise<InnovationCategory> {
    const category = await this.dataSource.getRepository(InnovationCategory).findOneBy({ id });
    if (!category)
      throw AppError.badInput(`Unknown category ${id}.`, [{ field, message: 'is not a category' }]);
    return category;
  }

  /** Categories by `year:code` (import files name categories that way). */
  async byYearAndCode(): Promise<Map<string, InnovationCategory>> {
    const all = await this.dataSource.getRepository(InnovationCategory).find();
    return new Map(all.map((c) => [`${c.competitionYear}:${c.code}`, c]));
  }

  async create(actor: AuthUser, data: CreateCategoryData): Promise<InnovationCategory> {
    return runInTransaction(this.dataSource, async (manager) => {
      const category = manager.getRepository(InnovationCategory).create(data);
      await conflictOnDuplicate(
        () => manager.getRepository(InnovationCategory).insert(category),
        `Category ${data.code} already exists for ${data.competitionYear}.`,
      );
      await writeAudit(manager, {
        actorUserId: actor.id,
        action: 'innovation_category.create',
        entityType: 'innovation_category',
        entityId: category.id,
        after: category,
      });
      return category;
    });
  }

  /** The 2018 set; idempotent. */
  async seed(): Promise<number> {
    await insertIgnore(
      this.dataSource.manager,
      InnovationCategory,
      CATEGORIES_2018.map((c) => ({ ...c, competitionYear: SEEDED_CATEGORY_YEAR })),
    );
    return this.dataSource
      .getRepository(InnovationCategory)
      .countBy({ competitionYear: SEEDED_CATEGORY_YEAR });
  }
}
