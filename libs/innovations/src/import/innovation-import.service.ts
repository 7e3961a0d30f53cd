import { Agency } from '@jipp/agencies';
import {
  AppError,
  appendOutbox,
  isDeadlockError,
  isDuplicateKeyError,
  writeAudit,
  type AuditEntry,
  type OutboxEntry,
} from '@jipp/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InnovationAward } from '../awards/innovation-award.entity';
import { CategoriesService } from '../categories/categories.service';
import { InnovationStatus } from '../innovations/innovation-enums';
import { InnovationEvent } from '../innovations/innovation-events';
import { Innovation, REGISTRATION_NUMBER_INDEX, SLUG_INDEX } from '../innovations/innovation.entity';
import { slugCandidate, slugOf } from '../innovations/slug';
import { AgencyDirectory, type AgencyRef } from './agency-directory';
import {
  ALREADY_IN_CATALOGUE,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
  type ImportSkip,
} from './import-report';
import type { RowContext } from './innovation-columns';
import { readSheetRows, splitSheet } from './innovation-file';
import {
  agencyTitleKey,
  type CheckedRow,
  duplicatesInFile,
  readHeader,
  readRow,
  registrationKey,
} from './innovation-rows';

/** Rows per look-up statement. */
const LOOKUP_CHUNK = 500;
/** A write chunk holds at most this many rows or bytes of text (well under max_allowed_packet). */
const WRITE_CHUNK_ROWS = 200;
const WRITE_CHUNK_BYTES = 2 * 1024 * 1024;
const WRITE_ATTEMPTS = 3;
const PROGRESS_EVERY = 50;
const IMPORT_LOCK = 'jipp.innovation-import';
const IMPORT_LOCK_WAIT_SECONDS = 60;

interface Existing {
  id: number;
  slug: string;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Imports innovations from a CSV or XLSX file into the published catalogue: every row is checked
 * with the rules of the GraphQL inputs, rows already in the catalogue are skipped, and the new ones
 * are written all together in one transaction (or not at all), with their awards, audit rows and
 * one `innovation.published` outbox event each.
 */
@Injectable()
export class InnovationImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoriesService,
  ) {}

  /** Throws BAD_USER_INPUT when the file itself cannot be read (not CSV/XLSX, bad header). */
  async importFile(content: Buffer, options: ImportOptions): Promise<ImportReport> {
    const { header: headerRow, data } = splitSheet(await readSheetRows(content));
    const { header, problems: headerProblems } = readHeader(headerRow.cells, headerRow.row);
    if (headerProblems.length > 0) {
      throw AppError.badInput(
        `Row ${headerRow.row} is not the header of an innovation file: ${headerProblems
          .map((p) => `${p.column}: ${p.message}`)
          .join('; ')}.`,
        headerProblems.map((p) => ({ field: p.column ?? 'file', message: p.message })),
      );
    }

    const context = await this.rowContext();
    const agencies = new AgencyDirectory(await this.agencies());
    const problems: ImportProblem[] = [];
    const checked: CheckedRow[] = [];
    const progress = (done: number): void =>
      options.onProgress?.({ phase: 'check', done, total: data.length });
    data.forEach((sheetRow, index) => {
      const result = readRow(sheetRow.cells, sheetRow.row, header, context, agencies);
      problems.push(...result.problems);
      if (result.checked) checked.push(result.checked);
      if ((index + 1) % PROGRESS_EVERY === 0) progress(index + 1);
    });
    progress(data.length);

    const dryRun = options.dryRun ?? false;
    const settle = (manager: EntityManager): Promise<ImportReport> =>
      this.settle(manager, data.length, checked, problems, { ...options, dryRun });
    // two imports at once (a double submit) would both find a row new and both write it
    return dryRun ? settle(this.dataSource.manager) : this.withImportLock(settle);
  }

  /** Matches the checked rows against the catalogue, then writes the new ones unless refused. */
  private async settle(
    manager: EntityManager,
    rowsRead: number,
    checked: readonly CheckedRow[],
    problems: ImportProblem[],
    options: ImportOptions & { dryRun: boolean },
  ): Promise<ImportReport> {
    const existing = await this.findExisting(manager, checked);
    const skipped: ImportSkip[] = [];
    const fresh: CheckedRow[] = [];
    for (const row of checked) {
      const match = existing.get(row.row);
      if (match)
        skipped.push({
          row: row.row,
          innovationId: match.id,
          slug: match.slug,
          message: ALREADY_IN_CATALOGUE,
        });
      else fresh.push(row);
    }
    problems.push(...duplicatesInFile(fresh));
    for (const row of fresh) {
      if (!row.agency.active) {
        problems.push({
          row: row.row,
          column: 'origin_agency',
          message: `${row.agency.name} is deactivated`,
        });
      }
    }

    const invalidRows = new Set(problems.map((p) => p.row));
    const toCreate = fresh.filter((r) => !invalidRows.has(r.row));
    const refused = invalidRows.size > 0 && !options.skipInvalid;
    const dryRun = options.dryRun;
    const created =
      refused || dryRun || toCreate.length === 0 ? 0 : await this.write(manager, toCreate, options);
    return {
      rowsRead,
      valid: rowsRead - invalidRows.size,
      invalid: invalidRows.size,
      newRows: toCreate.length,
      created,
      skippedExisting: skipped.length,
      dryRun,
      refused,
      // stable: by row, and within a row in the order found
      problems: problems
        .map((p, i) => ({ p, i }))
        .sort((a, b) => a.p.row - b.p.row || a.i - b.i)
        .map((x) => x.p),
      skipped,
    };
  }

  /**
   * Runs `work` holding the server-wide import lock (MySQL GET_LOCK), on the connection that holds
   * it: every statement of `work` goes through the manager it receives.
   */
  private async withImportLock<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS locked', [
        IMPORT_LOCK,
        IMPORT_LOCK_WAIT_SECONDS,
      ])) as Array<{
        locked: number | string | null;
      }>;
      if (Number(row?.locked) !== 1) {
        throw AppError.conflict('Another import of innovations is running; try again when it has finished.');
      }
      try {
        return await work(runner.manager);
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [IMPORT_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  private async rowContext(): Promise<RowContext> {
    const categories = await this.categories.byYearAndCode();
    return {
      currentYear: new Date().getUTCFullYear(),
      categoryId: (year, code) => categories.get(`${year}:${code}`)?.id,
    };
  }

  private agencies(): Promise<AgencyRef[]> {
    return this.dataSource.getRepository(Agency).find({
      select: {
        id: true,
        name: true,
        shortName: true,
        type: true,
        regionCode: true,
        provinceCode: true,
        active: true,
      },
    });
  }

  /** Rows already in the catalogue (any status): same registration number, else same origin agency and title. */
  private async findExisting(
    manager: EntityManager,
    rows: readonly CheckedRow[],
  ): Promise<Map<number, Existing>> {
    const byRegistration = new Map<string, Existing>();
    const byTitle = new Map<string, Existing>();
    const numbers = [...new Set(rows.map((r) => r.data.registrationNumber).filter((n): n is string => !!n))];
    for (const chunk of chunks(numbers, LOOKUP_CHUNK)) {
      const found: Array<Existing & { registrationNumber: string }> = await manager.query(
        'SELECT id, slug, registration_number AS registrationNumber FROM innovation WHERE registration_number IN (?)',
        [chunk],
      );
      for (const f of found) byRegistration.set(registrationKey(f)!, { id: f.id, slug: f.slug });
    }
    for (const chunk of chunks(rows, LOOKUP_CHUNK)) {
      const found: Array<Existing & { originAgencyId: number; title: string }> = await manager.query(
        `SELECT id, slug, origin_agency_id AS originAgencyId, title FROM innovation
         WHERE origin_agency_id IN (?) AND title IN (?) ORDER BY id`,
        [[...new Set(chunk.map((r) => r.agency.id))], [...new Set(chunk.map((r) => r.data.title))]],
      );
      for (const f of found) {
        const key = agencyTitleKey(f.originAgencyId, f.title);
        if (!byTitle.has(key)) byTitle.set(key, { id: f.id, slug: f.slug });
      }
    }
    const matches = new Map<number, Existing>();
    for (const row of rows) {
      const registration = registrationKey(row.data);
      const match =
        (registration ? byRegistration.get(registration) : undefined) ??
        byTitle.get(agencyTitleKey(row.agency.id, row.data.title));
      if (match) matches.set(row.row, match);
    }
    return matches;
  }

  /**
   * Writes every row or none, in one transaction on the given manager's connection; a slug taken
   * meanwhile makes it choose slugs again, a deadlock makes it try again.
   */
  private async write(
    manager: EntityManager,
    rows: readonly CheckedRow[],
    options: ImportOptions,
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await manager.transaction((tx) => this.insertAll(tx, rows, options));
      } catch (error) {
        if (isDeadlockError(error) && attempt < WRITE_ATTEMPTS) continue;
        if (!isDuplicateKeyError(error)) throw error;
        const message = String((error as Error).message);
        if (message.includes(REGISTRATION_NUMBER_INDEX)) {
          throw AppError.conflict(
            'A registration number of this file entered the catalogue while the file was imported; nothing was written. Run the import again.',
          );
        }
        if (!message.includes(SLUG_INDEX) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private async insertAll(
    manager: EntityManager,
    rows: readonly CheckedRow[],
    options: ImportOptions,
  ): Promise<number> {
    const slugs = await this.freeSlugs(
      manager,
      rows.map((r) => r.data.slug ?? slugOf(r.data.title)),
    );
    const now = new Date();
    const entities = rows.map((row, index) => {
      const {
        awards: _awards,
        originAgencyKey: _key,
        originAgencyType: _type,
        slug: _slug,
        ...content
      } = row.data;
      return manager.getRepository(Innovation).create({
        ...content,
        slug: slugs[index]!,
        originAgencyId: row.agency.id,
        regionCode: row.agency.regionCode,
        provinceCode: row.agency.provinceCode,
        originAgencyType: row.agency.type,
        status: InnovationStatus.PUBLISHED,
        publishedAt: now,
        listedAt: now,
        createdByUserId: options.actorUserId,
      });
    });

    const rowOf = new Map(entities.map((entity, index) => [entity, rows[index]!]));
    let written = 0;
    for (const chunk of this.writeChunks(entities)) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Innovation)
        .values(chunk)
        .updateEntity(false)
        .execute();
      const ids: Array<{ id: number; slug: string }> = await manager.query(
        'SELECT id, slug FROM innovation WHERE slug IN (?)',
        [chunk.map((e) => e.slug)],
      );
      const idBySlug = new Map(ids.map((r) => [r.slug, r.id]));
      for (const entity of chunk) entity.id = idBySlug.get(entity.slug)!;

      const awards = chunk.flatMap((entity) =>
        rowOf.get(entity)!.data.awards.map((award) => ({ ...award, innovationId: entity.id })),
      );
      if (awards.length > 0) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(InnovationAward)
          .values(awards)
          .updateEntity(false)
          .execute();
      }
      await writeAudit(
        manager,
        ...chunk.map((entity): AuditEntry => ({
          actorUserId: options.actorUserId,
          action: 'innovation.import',
          entityType: 'innovation',
          entityId: entity.id,
          after: entity,
        })),
      );
      await appendOutbox(
        manager,
        ...chunk.map((entity): OutboxEntry => ({
          type: InnovationEvent.PUBLISHED,
          aggregateType: 'innovation',
          aggregateId: entity.id,
          actorUserId: options.actorUserId,
          payload: {
            innovationId: entity.id,
            originAgencyId: entity.originAgencyId,
            provinceCode: entity.provinceCode,
            categoryId: entity.categoryId,
            title: entity.title,
            slug: entity.slug,
          },
        })),
      );
      written += chunk.length;
      options.onProgress?.({ phase: 'write', done: written, total: rows.length });
    }
    return written;
  }

  /** Chunks of rows whose texts stay under the byte budget of one statement. */
  private *writeChunks(entities: Innovation[]): Generator<Innovation[]> {
    let chunk: Innovation[] = [];
    let bytes = 0;
    for (const entity of entities) {
      const size = [
        entity.title,
        entity.summary,
        entity.problem,
        entity.approach,
        entity.novelty,
        entity.impact,
      ]
        .map((t) => Buffer.byteLength(t))
        .reduce((a, b) => a + b, 1024);
      if (chunk.length > 0 && (chunk.length >= WRITE_CHUNK_ROWS || bytes + size > WRITE_CHUNK_BYTES)) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
      chunk.push(entity);
      bytes += size;
    }
    if (chunk.length > 0) yield chunk;
  }

  /** For each wanted slug, itself if free, else the first free `slug-2`, `slug-3`, ... */
  private async freeSlugs(manager: EntityManager, wanted: readonly string[]): Promise<string[]> {
    const taken = new Set<string>();
    for (const chunk of chunks([...new Set(wanted)], LOOKUP_CHUNK)) {
      const rows: Array<{ slug: string }> = await manager.query(
        'SELECT slug FROM innovation WHERE slug IN (?)',
        [chunk],
      );
      for (const r of rows) taken.add(r.slug);
    }
    const searched = new Set<string>();
    const used = new Set<string>();
    const result: string[] = [];
    for (const base of wanted) {
      let slug = base;
      if (taken.has(base) || used.has(base)) {
        if (!searched.has(base)) {
          const similar: Array<{ slug: string }> = await manager.query(
            'SELECT slug FROM innovation WHERE slug LIKE ?',
            [`${escapeLike(base)}-%`],
          );
          for (const r of similar) taken.add(r.slug);
          searched.add(base);
        }
        for (let n = 2; taken.has(slug) || used.has(slug); n++) slug = slugCandidate(base, n);
      }
      used.add(slug);
      result.push(slug);
    }
    return result;
  }
}
