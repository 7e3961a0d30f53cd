import { AgenciesService, AgencyType } from '@jipp/agencies';
import {
  AppError,
  appendOutbox,
  conflictOnDuplicate,
  type AuthUser,
  type Connection,
  isDuplicateKeyError,
  paginate,
  readRawAndEntities,
  Role,
  runInTransaction,
  type SortKey,
  writeAudit,
} from '@jipp/core';
import { RegionLevel, RegionsService } from '@jipp/regions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AwardCompetition, AwardLevel } from '../awards/award-enums';
import { awardsFromJson, AWARDS_JSON_SQL } from '../awards/awards-json';
import type { InnovationAward } from '../awards/innovation-award.entity';
import { CategoriesService } from '../categories/categories.service';
import { canArchive, canEdit, canPublish, canRead, draftAgencyOf } from './innovation-access';
import { InnovationOrder, InnovationStage, InnovationStatus } from './innovation-enums';
import { InnovationEvent } from './innovation-events';
import { Innovation, REGISTRATION_NUMBER_INDEX } from './innovation.entity';
import { selectInnovations, type InnovationProjection } from './innovation-projection';
import { booleanModeQuery, searchTerms } from './search-terms';
import { slugCandidate, slugOf } from './slug';

/** The describable content of an innovation: what its agency writes. */
export interface InnovationContent {
  title: string;
  summary: string;
  problem: string;
  approach: string;
  novelty: string;
  impact: string;
  categoryId: number;
  digital: boolean;
  stage: InnovationStage;
  sdgGoals: number[];
  launchYear: number;
  contactUnit?: string | null;
  contactName?: string | null;
  contactEmail?: string | null;
  contactPhone?: string | null;
  referenceUrl?: string | null;
  registrationNumber?: string | null;
}

export interface CreateInnovationData extends InnovationContent {
  slug?: string;
  /** National admins may create for another agency; everyone else creates for their own. */
  originAgencyId?: number;
}

export type UpdateInnovationData = Partial<InnovationContent>;

export interface InnovationFilter {
  search?: string;
  categoryIds?: number[];
  launchYearFrom?: number;
  launchYearTo?: number;
  provinceCode?: string;
  regencyCode?: string;
  agencyTypes?: AgencyType[];
  originAgencyId?: number;
  award?: { competition?: AwardCompetition; levels?: AwardLevel[]; year?: number };
  sdgGoals?: number[];
  digital?: boolean;
  stages?: InnovationStage[];
  /** Defaults to published only. */
  statuses?: InnovationStatus[];
}

export interface PageRequest {
  first: number;
  after?: string;
  withTotalCount?: boolean;
}

export interface CreatedInnovation {
  innovation: Innovation;
  /** Published innovations of other agencies that seem to solve the same problem. */
  possibleDuplicates: Innovation[];
}

const DUPLICATE_LIMIT = 5;
const SLUG_ATTEMPTS = 5;

/** `2026-11-22 21:15:45.123` (UTC, as the connection speaks): a datetime cursor value MySQL compares exactly. */
const sqlDateTime = (date: Date): string => date.toISOString().replace('T', ' ').replace('Z', '');

@Injectable()
export class InnovationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agencies: AgenciesService,
    private readonly categories: CategoriesService,
    private readonly regions: RegionsService,
  ) {}

  // ---------------------------------------------------------------- reading

  /**
   * One innovation the viewer may see, or NOT_FOUND (an invisible draft is not revealed). A reader
   * that shows only some of its long texts says which (`projection`); by default the whole row.
   */
  async get(
    viewer: AuthUser | null,
    key: { id?: number; slug?: string },
    projection: InnovationProjection = 'all',
  ): Promise<Innovation> {
    return (await this.readVisible(viewer, key, this.oneInnovation(key, projection))).innovation;
  }

  /**
   * {@link get} with the innovation's awards (newest first) in the same statement, for a reader that
   * shows them: one round trip where the awards loader would add a second.
   */
  async getWithAwards(
    viewer: AuthUser | null,
    key: { id?: number; slug?: string },
    projection: InnovationProjection = 'all',
  ): Promise<{ innovation: Innovation; awards: InnovationAward[] }> {
    const query = this.oneInnovation(key, projection).addSelect(AWARDS_JSON_SQL, 'awards_json');
    const { innovation, row } = await this.readVisible(viewer, key, query);
    return { innovation, awards: awardsFromJson(innovation.id, row['awards_json']) };
  }

  /** The innovation a one-row query reads, with its raw row, if the viewer may see it; NOT_FOUND otherwise. */
  private async readVisible(
    viewer: AuthUser | null,
    key: { id?: number; slug?: string },
    query: SelectQueryBuilder<Innovation>,
  ): Promise<{ innovation: Innovation; row: Record<string, unknown> }> {
    const {
      entities: [innovation],
      raw: [row],
    } = await readRawAndEntities(query);
    if (!innovation || !row || !canRead(viewer, innovation))
      throw AppError.notFound('Innovation', key.id ?? key.slug);
    return { innovation, row };
  }

  private oneInnovation(
    key: { id?: number; slug?: string },
    projection: InnovationProjection,
  ): SelectQueryBuilder<Innovation> {
    const query = selectInnovations(
      this.dataSource.getRepository(Innovation).createQueryBuilder('innovation'),
      projection,
    );
    if (key.id !== undefined) query.where('innovation.id = :id', { id: key.id });
    else query.where('innovation.slug = :slug', { slug: key.slug });
    return query;
  }

  findByIds(ids: readonly number[]): Promise<Innovation[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectInnovations(this.dataSource.getRepository(Innovation).createQueryBuilder('innovation'))
      .whereInIds([...ids])
      .getMany();
  }

  async list(
    viewer: AuthUser | null,
    filter: InnovationFilter,
    order: InnovationOrder | undefined,
    page: PageRequest,
    projection: InnovationProjection = 'all',
  ): Promise<Connection<Innovation>> {
    const query = selectInnovations(
      this.dataSource.getRepository(Innovation).createQueryBuilder('innovation'),
      projection,
    );
    this.restrictToVisible(query, viewer, filter.statuses ?? [InnovationStatus.PUBLISHED]);
    await this.applyFilter(query, filter);
    const relevance = this.applySearch(query, filter.search);
    return paginate(query, { ...page, orderBy: this.sortKeys(order, relevance) });
  }

  /** Published innovations that solve a problem like this one's, best match first. */
  async similar(viewer: AuthUser | null, id: number, first: number): Promise<Innovation[]> {
    const innovation = await this.get(viewer, { id });
    return this.matchingProblem(`${innovation.title} ${innovation.problem}`, first, innovation.id);
  }

  /** Published innovations whose title and problem match the given text (for a draft being written). */
  possibleDuplicates(
    text: { title: string; problem: string },
    first = DUPLICATE_LIMIT,
  ): Promise<Innovation[]> {
    return this.matchingProblem(`${text.title} ${text.problem}`, first);
  }

  private async matchingProblem(text: string, first: number, excludeId?: number): Promise<Innovation[]> {
    const terms = searchTerms(text.slice(0, 2000));
    if (terms.length === 0) return [];
    // natural-language relevance over title + problem; a minimum score keeps out one-word coincidences
    const query = selectInnovations(
      this.dataSource.getRepository(Innovation).createQueryBuilder('innovation'),
    )
      .addSelect(
        'MATCH(innovation.title, innovation.problem) AGAINST (:text IN NATURAL LANGUAGE MODE)',
        'score',
      )
      .where('innovation.status = :published', { published: InnovationStatus.PUBLISHED })
      .andWhere('MATCH(innovation.title, innovation.problem) AGAINST (:text IN NATURAL LANGUAGE MODE) > 0', {
        text: terms.join(' '),
      })
      .orderBy('score', 'DESC')
      .addOrderBy('innovation.id', 'DESC')
      .limit(first);
    if (excludeId !== undefined) query.andWhere('innovation.id <> :excludeId', { excludeId });
    return query.getMany();
  }

  private restrictToVisible(
    query: SelectQueryBuilder<Innovation>,
    viewer: AuthUser | null,
    statuses: InnovationStatus[],
  ): void {
    query.where('innovation.status IN (:...statuses)', { statuses });
    if (viewer?.role === Role.ADMIN) return;
    if (!viewer) {
      query.andWhere('innovation.status = :published', { published: InnovationStatus.PUBLISHED });
      return;
    }
    query.andWhere('(innovation.status = :published OR innovation.originAgencyId = :viewerAgency)', {
      published: InnovationStatus.PUBLISHED,
      viewerAgency: viewer.agencyId,
    });
  }

  /** Parameters are named one by one: input objects carry undefined keys that would blank others. */
  private async applyFilter(query: SelectQueryBuilder<Innovation>, filter: InnovationFilter): Promise<void> {
    if (filter.categoryIds?.length)
      query.andWhere('innovation.categoryId IN (:...categoryIds)', { categoryIds: filter.categoryIds });
    if (filter.launchYearFrom !== undefined)
      query.andWhere('innovation.launchYear >= :launchYearFrom', { launchYearFrom: filter.launchYearFrom });
    if (filter.launchYearTo !== undefined)
      query.andWhere('innovation.launchYear <= :launchYearTo', { launchYearTo: filter.launchYearTo });
    if (
      filter.launchYearFrom !== undefined &&
      filter.launchYearTo !== undefined &&
      filter.launchYearFrom > filter.launchYearTo
    ) {
      throw AppError.badInput('launchYearFrom is after launchYearTo.', [
        { field: 'filter.launchYearFrom', message: 'is after launchYearTo' },
      ]);
    }
    if (filter.provinceCode) {
      await this.regions.require(filter.provinceCode, 'filter.provinceCode', RegionLevel.PROVINCE);
      query.andWhere('innovation.provinceCode = :provinceCode', { provinceCode: filter.provinceCode });
    }
    if (filter.regencyCode) {
      await this.regions.require(filter.regencyCode, 'filter.regencyCode', RegionLevel.REGENCY);
      query.andWhere('innovation.regionCode = :regencyCode', { regencyCode: filter.regencyCode });
    }
    if (filter.agencyTypes?.length)
      query.andWhere('innovation.originAgencyType IN (:...agencyTypes)', { agencyTypes: filter.agencyTypes });
    if (filter.originAgencyId !== undefined)
      query.andWhere('innovation.originAgencyId = :originAgencyId', {
        originAgencyId: filter.originAgencyId,
      });
    if (filter.digital !== undefined)
      query.andWhere('innovation.digital = :digital', { digital: filter.digital });
    if (filter.stages?.length) query.andWhere('innovation.stage IN (:...stages)', { stages: filter.stages });
    if (filter.sdgGoals?.length) {
      const any = filter.sdgGoals
        .map((_, i) => `FIND_IN_SET(:sdg${i}, innovation.sdgGoals) > 0`)
        .join(' OR ');
      query.andWhere(
        `(${any})`,
        Object.fromEntries(filter.sdgGoals.map((goal, i) => [`sdg${i}`, String(goal)])),
      );
    }
    const award = filter.award;
    if (award && (award.competition || award.levels?.length || award.year !== undefined)) {
      const conditions = ['award.innovation_id = innovation.id'];
      if (award.competition) conditions.push('award.competition = :awardCompetition');
      if (award.levels?.length) conditions.push('award.level IN (:...awardLevels)');
      if (award.year !== undefined) conditions.push('award.year = :awardYear');
      query.andWhere(`EXISTS (SELECT 1 FROM innovation_award award WHERE ${conditions.join(' AND ')})`, {
        awardCompetition: award.competition,
        awardLevels: award.levels,
        awardYear: award.year,
      });
    }
  }

  /**
   * Full-text search over title, summary and problem. The index finds the rows (any term, as a word
   * prefix); the order comes from a score computed from the row alone (a term in the title counts 3,
   * in the problem 2, in the summary 1), so it does not shift while other rows are added and keyset
   * pages stay exact. Returns the score expression, or null without a search.
   */
  private applySearch(query: SelectQueryBuilder<Innovation>, search: string | undefined): string | null {
    const text = search?.trim();
    if (!text) return null;
    const terms = searchTerms(text);
    if (terms.length === 0) {
      // only words too short for the index ("KB"): a plain substring match
      query.andWhere(
        '(innovation.title LIKE :like OR innovation.summary LIKE :like OR innovation.problem LIKE :like)',
        { like: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` },
      );
      return null;
    }
    query.andWhere(
      'MATCH(innovation.title, innovation.summary, innovation.problem) AGAINST (:fulltext IN BOOLEAN MODE)',
      {
        fulltext: booleanModeQuery(terms),
      },
    );
    const params = Object.fromEntries(terms.map((term, i) => [`term${i}`, term]));
    query.setParameters(params);
    return terms
      .map(
        (_, i) =>
          `3 * (LOCATE(:term${i}, innovation.title) > 0) + 2 * (LOCATE(:term${i}, innovation.problem) > 0) + (LOCATE(:term${i}, innovation.summary) > 0)`,
      )
      .join(' + ');
  }

  private sortKeys(order: InnovationOrder | undefined, relevance: string | null): SortKey<Innovation>[] {
    const byId: SortKey<Innovation> = { column: 'innovation.id', direction: 'DESC', value: (i) => i.id };
    const effective = order ?? (relevance ? InnovationOrder.RELEVANCE : InnovationOrder.NEWEST);
    if (effective === InnovationOrder.RELEVANCE && relevance) {
      return [
        {
          column: `(${relevance})`,
          selectAs: 'relevance',
          direction: 'DESC',
          value: (_, raw) => Number(raw['relevance']),
        },
        byId,
      ];
    }
    if (effective === InnovationOrder.MOST_REPLICATED) {
      return [
        { column: 'innovation.replicatedCount', direction: 'DESC', value: (i) => i.replicatedCount },
        byId,
      ];
    }
    return [
      { column: 'innovation.listedAt', direction: 'DESC', value: (i) => sqlDateTime(i.listedAt) },
      byId,
    ];
  }

  // ---------------------------------------------------------------- writing

  async create(actor: AuthUser, data: CreateInnovationData): Promise<CreatedInnovation> {
    const agencyId = draftAgencyOf(actor, data.originAgencyId);
    if (agencyId === 'forbidden')
      throw AppError.forbidden('You can only write innovations for your own agency.');
    const agency = await this.agencies.require(agencyId, 'input.originAgencyId');
    if (!agency.active) {
      throw AppError.badInput(`${agency.name} is deactivated.`, [
        { field: 'input.originAgencyId', message: 'is deactivated' },
      ]);
    }
    await this.categories.require(data.categoryId);

    const { slug: requestedSlug, originAgencyId: _ignored, ...content } = data;
    const base = requestedSlug ?? slugOf(data.title);
    for (let attempt = 1; ; attempt++) {
      const slug = requestedSlug ?? (await this.freeSlug(base));
      try {
        const innovation = await runInTransaction(this.dataSource, async (manager) => {
          const row = manager.getRepository(Innovation).create({
            ...content,
            slug,
            originAgencyId: agency.id,
            regionCode: agency.regionCode,
            provinceCode: agency.provinceCode,
            originAgencyType: agency.type,
            status: InnovationStatus.DRAFT,
            listedAt: new Date(),
            createdByUserId: actor.id,
          });
          await manager.getRepository(Innovation).insert(row);
          await writeAudit(manager, {
            actorUserId: actor.id,
            action: 'innovation.create',
            entityType: 'innovation',
            entityId: row.id,
            after: row,
          });
          return row;
        });
        const created = await this.get(actor, { id: innovation.id });
        const possibleDuplicates = await this.possibleDuplicates(created);
        return { innovation: created, possibleDuplicates };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (String((error as Error).message).includes(REGISTRATION_NUMBER_INDEX)) {
          throw AppError.conflict(
            `Registration number ${data.registrationNumber} is already in the catalogue.`,
          );
        }
        if (requestedSlug) throw AppError.conflict(`The slug "${requestedSlug}" is taken.`);
        // someone took the generated slug between our look-up and insert: try the next one
        if (attempt >= SLUG_ATTEMPTS)
          throw AppError.conflict('Could not find a free slug; pass one explicitly.');
      }
    }
  }

  /** The first of `base`, `base-2`, ... not yet used. */
  private async freeSlug(base: string): Promise<string> {
    const rows: Array<{ slug: string }> = await this.dataSource.query(
      'SELECT slug FROM innovation WHERE slug = ? OR slug LIKE ?',
      [base, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`],
    );
    const taken = new Set(rows.map((r) => r.slug));
    for (let n = 1; ; n++) if (!taken.has(slugCandidate(base, n))) return slugCandidate(base, n);
  }

  /** Edits the content with optimistic locking: a stale `expectedVersion` is a CONFLICT, never an overwrite. */
  async update(
    actor: AuthUser,
    id: number,
    expectedVersion: number,
    data: UpdateInnovationData,
  ): Promise<Innovation> {
    if (data.categoryId !== undefined) await this.categories.require(data.categoryId);
    await runInTransaction(this.dataSource, async (manager) => {
      const before = await this.lockVisible(manager, actor, id);
      if (before.status === InnovationStatus.ARCHIVED) {
        throw AppError.badTransition(
          `Innovation ${id} is archived; archived innovations are not edited.`,
          before.status,
          [],
        );
      }
      if (!canEdit(actor, before)) {
        throw AppError.forbidden(
          before.status === InnovationStatus.PUBLISHED
            ? 'Only the origin agency admin edits a published innovation.'
            : 'Only members of the origin agency edit its drafts.',
        );
      }
      const changes = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
      await this.versionedUpdate(manager, before, expectedVersion, changes, 'innovation.update', actor);
    });
    return this.get(actor, { id });
  }

  async publish(actor: AuthUser, id: number, expectedVersion: number): Promise<Innovation> {
    await runInTransaction(this.dataSource, async (manager) => {
      const before = await this.lockVisible(manager, actor, id);
      if (!canPublish(actor, before))
        throw AppError.forbidden('Only the origin agency admin publishes its innovations.');
      if (before.status !== InnovationStatus.DRAFT) {
        throw AppError.badTransition(
          `Innovation ${id} is ${before.status}; only a DRAFT can be published.`,
          before.status,
          before.status === InnovationStatus.PUBLISHED ? [InnovationStatus.ARCHIVED] : [],
        );
      }
      const now = new Date();
      const after = await this.versionedUpdate(
        manager,
        before,
        expectedVersion,
        { status: InnovationStatus.PUBLISHED, publishedAt: now, listedAt: now },
        'innovation.publish',
        actor,
      );
      await appendOutbox(manager, {
        type: InnovationEvent.PUBLISHED,
        aggregateType: 'innovation',
        aggregateId: id,
        actorUserId: actor.id,
        payload: {
          innovationId: id,
          originAgencyId: after.originAgencyId,
          provinceCode: after.provinceCode,
          categoryId: after.categoryId,
          title: after.title,
          slug: after.slug,
        },
      });
    });
    return this.get(actor, { id });
  }

  async archive(actor: AuthUser, id: number, expectedVersion: number): Promise<Innovation> {
    await runInTransaction(this.dataSource, async (manager) => {
      const before = await this.lockVisible(manager, actor, id);
      if (!canArchive(actor, before)) {
        throw AppError.forbidden('Only a national admin or the origin agency admin archives an innovation.');
      }
      if (before.status !== InnovationStatus.PUBLISHED) {
        throw AppError.badTransition(
          `Innovation ${id} is ${before.status}; only a PUBLISHED innovation can be archived.`,
          before.status,
          before.status === InnovationStatus.DRAFT ? [InnovationStatus.PUBLISHED] : [],
        );
      }
      await this.versionedUpdate(
        manager,
        before,
        expectedVersion,
        { status: InnovationStatus.ARCHIVED, archivedAt: new Date() },
        'innovation.archive',
        actor,
      );
      await appendOutbox(manager, {
        type: InnovationEvent.ARCHIVED,
        aggregateType: 'innovation',
        aggregateId: id,
        actorUserId: actor.id,
        payload: { innovationId: id, originAgencyId: before.originAgencyId },
      });
    });
    return this.get(actor, { id });
  }

  /** Reads the row under a write lock; NOT_FOUND when the actor may not even see it. */
  private async lockVisible(manager: EntityManager, actor: AuthUser, id: number): Promise<Innovation> {
    const row = await manager
      .getRepository(Innovation)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row || !canRead(actor, row)) throw AppError.notFound('Innovation', id);
    return row;
  }

  /** `UPDATE ... WHERE id = ? AND version = ?`; zero rows means someone else changed it first. */
  private async versionedUpdate(
    manager: EntityManager,
    before: Innovation,
    expectedVersion: number,
    changes: Partial<Innovation>,
    action: string,
    actor: AuthUser,
  ): Promise<Innovation> {
    const result = await conflictOnDuplicate(
      () =>
        manager
          .createQueryBuilder()
          .update(Innovation)
          .set({ ...changes, version: () => 'version + 1' })
          .where('id = :id AND version = :version', { id: before.id, version: expectedVersion })
          .execute(),
      `Registration number ${String(changes.registrationNumber)} is already in the catalogue.`,
    );
    if (result.affected !== 1) {
      throw AppError.conflict(
        `Innovation ${before.id} was changed by someone else (your version ${expectedVersion}, current ${before.version}). Reload it and try again.`,
        { currentVersion: before.version },
      );
    }
    const after = await manager.getRepository(Innovation).findOneByOrFail({ id: before.id });
    await writeAudit(manager, {
      actorUserId: actor.id,
      action,
      entityType: 'innovation',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }
}
