import { Agency } from '@jipp/agencies';
import { insertIgnore } from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AwardCompetition, AwardLevel } from './awards/award-enums';
import { InnovationAward } from './awards/innovation-award.entity';
import { CategoriesService } from './categories/categories.service';
import { SEEDED_CATEGORY_YEAR } from './categories/category-seed';
import { InnovationStage, InnovationStatus } from './innovations/innovation-enums';
import { Innovation } from './innovations/innovation.entity';
import { slugOf } from './innovations/slug';
import type { DemoInnovation } from './seed/demo-innovation';
import demoInnovationsFile from './seed/demo-innovations.json';

const DAY_MS = 24 * 3600 * 1000;

/** The demo catalogue (see seed/README.md): real entries keep their source, the rest are illustrative. */
export const DEMO_INNOVATIONS = demoInnovationsFile as DemoInnovation[];

/** Seeds the category set and, for demos, the published demo catalogue. Idempotent (keyed by slug). */
@Injectable()
export class InnovationSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoriesService,
  ) {}

  seedCategories(): Promise<number> {
    return this.categories.seed();
  }

  async seedDemo(entries: DemoInnovation[] = DEMO_INNOVATIONS): Promise<number> {
    const categories = await this.categories.byYearAndCode();
    const agencies = await this.dataSource.getRepository(Agency).find();
    const local = new Map(agencies.map((a) => [`${a.type}:${a.regionCode}`, a]));
    const national = new Map(agencies.filter((a) => a.shortName).map((a) => [a.shortName!, a]));

    const now = Date.now();
    const rows = entries.map((entry, index) => {
      const agency =
        'nationalShortName' in entry.origin
          ? national.get(entry.origin.nationalShortName)
          : local.get(`${entry.origin.type}:${entry.origin.regionCode}`);
      if (!agency)
        throw new Error(`demo innovation "${entry.title}": unknown origin ${JSON.stringify(entry.origin)}`);
      const category = categories.get(`${SEEDED_CATEGORY_YEAR}:${entry.category}`);
      if (!category) throw new Error(`demo innovation "${entry.title}": unknown category ${entry.category}`);
      // published over the last two years, spread evenly, the same on every run
      const publishedAt = new Date(now - ((index * 4.6) % 730) * DAY_MS);
      publishedAt.setUTCMilliseconds(0);
      return {
        slug: slugOf(entry.title),
        title: entry.title,
        summary: entry.summary,
        problem: entry.problem,
        approach: entry.approach,
        novelty: entry.novelty,
        impact: entry.impact,
        categoryId: category.id,
        digital: entry.digital,
        stage: entry.stage as InnovationStage,
        sdgGoals: entry.sdgGoals,
        launchYear: entry.launchYear,
        originAgencyId: agency.id,
        regionCode: agency.regionCode,
        provinceCode: agency.provinceCode,
        originAgencyType: agency.type,
        contactUnit: entry.contactUnit,
        referenceUrl: entry.sourceUrl,
        status: InnovationStatus.PUBLISHED,
        publishedAt,
        listedAt: publishedAt,
      };
    });

    return this.dataSource.transaction(async (manager) => {
      const inserted = await insertIgnore(manager, Innovation, rows);
      const ids = new Map(
        (await manager.getRepository(Innovation).find({ select: { id: true, slug: true } })).map((i) => [
          i.slug,
          i.id,
        ]),
      );
      const awards = entries.flatMap((entry) =>
        entry.awards.map((award) => ({
          innovationId: ids.get(slugOf(entry.title))!,
          competition: award.competition as AwardCompetition,
          year: award.year,
          level: award.level as AwardLevel,
          title:
            award.competition === AwardCompetition.OTHER
              ? (award.title ?? 'Penghargaan lain (lihat sumber)')
              : null,
        })),
      );
      await insertIgnore(manager, InnovationAward, awards);
      return inserted;
    });
  }
}
