import { AgencyType, SEED_HUBS } from '@jipp/agencies';
import { slugCandidate, slugOf } from '@jipp/innovations';
import { AGREED_STATES, REPLICATED_STATES, type ReplicationStatus } from '@jipp/replications';
import type { DataSource } from 'typeorm';
import { BulkWriter, runSql, type SqlConnection } from './bulk-writer';
import {
  allocateReplications,
  FIRST_YEAR,
  type PlannedAgency,
  type PlannedInnovation,
  planAgencies,
  planInnovations,
  type ScaleAgency,
} from './innovation-plan';
import { innovationText, sdgGoalsOf } from './innovation-text';
import { replicationRecord } from './replication-record';
import { planReplications, type ReplicationPlan, statusCounts, stepsOf } from './replication-plan';
import { dataSetPrefix, registrationPrefix, type ScaleOptions } from './scale-options';
import type { ScaleProgress } from './scale-progress';
import {
  awardRow,
  COLUMNS,
  innovationRow,
  replicationChildRows,
  replicationRow,
  type ScaleTable,
  TABLES,
} from './scale-rows';
import { categoriesOfYear } from './scale-vocabulary';
import { randomFor, STREAM } from './seeded-random';
import { sqlText } from './sql-values';

/** The seed cannot run on this database as it is: the message says why (exit 1). */
export class ScaleRefusal extends Error {}

export interface ScaleSeedReport {
  /** False when this data set was already there: nothing was written. */
  created: boolean;
  /** `SKALA-<scale>-<seed>-<as-of day>`: what the innovations' registration numbers start with. */
  label: string;
  asOf: Date;
  /** Rows written (or found) per table. */
  rows: Partial<Record<ScaleTable | 'network', number>>;
  statuses: Map<ReplicationStatus, number>;
  seconds: number;
}

/**
 * Provinces whose hubs the scale data adds to the seeded three, so that about twenty provinces have one
 * (DESIGN.md): hub coordinators are the ones who resume stalled replications and declare them sustained.
 */
export const SCALE_HUB_PROVINCES = [
  '31', // DKI Jakarta
  '32', // Jawa Barat
  '33', // Jawa Tengah
  '34', // DI Yogyakarta
  '36', // Banten
  '51', // Bali
  '52', // Nusa Tenggara Barat
  '12', // Sumatera Utara
  '13', // Sumatera Barat
  '14', // Riau
  '18', // Lampung
  '61', // Kalimantan Barat
  '63', // Kalimantan Selatan
  '64', // Kalimantan Timur
  '71', // Sulawesi Utara
  '74', // Sulawesi Tenggara
  '75', // Gorontalo
];

/** Innovations, and replications, written between two sends: whole statements of the parent tables. */
const INNOVATION_CHUNK = 500;
const REPLICATION_CHUNK = 2000;
/** MariaDB's named locks are server-wide: the name holds the database's, so seeds of other databases go on. */
const LOCK_NAME = "LEFT(CONCAT('jipp.seed.scale:', DATABASE()), 64)";
const REGIONAL_TYPES = [AgencyType.PEMPROV, AgencyType.PEMKAB, AgencyType.PEMKOT];
/** A share of the agencies adopt the most wanted innovations at most (some never take it up). */
const ADOPTER_CAP_SHARE = 0.85;
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * Writes a large, realistic data set of innovations and replications (see the plan modules) with
 * multi-row INSERTs (prepared, see BulkWriter) over one connection, in ONE transaction: a run that fails or is stopped leaves
 * nothing behind (InnoDB rolls it back). No outbox rows and no audit rows: this is history, not news;
 * the analytics rollups are rebuilt from the tables afterwards. Foreign-key and unique checks stay on.
 *
 * Idempotent: the innovations carry registration numbers `SKALA-<scale>-<seed>-<as-of day>-<n>`. When
 * this scale and seed is there (whatever its day), nothing is written; when another one is, the seed
 * refuses: one scale data set per database, so that benchmarks know what they measure.
 *
 * Ids: innovations and replications get explicit ids after the highest ones, reserved first by moving
 * the tables' AUTO_INCREMENT past them, so that rows others insert meanwhile never take one.
 */
export class ScaleSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ScaleProgress,
  ) {}

  async seed(options: ScaleOptions): Promise<ScaleSeedReport> {
    const started = performance.now();
    const runner = this.dataSource.createQueryRunner();
    const connection = (await runner.connect()) as SqlConnection;
    const sql = <T = unknown>(text: string): Promise<T> => runSql<T>(connection, text);
    const prefix = registrationPrefix(options.scale, options.seed, options.asOf);
    const label = prefix.slice(0, -1);
    let locked = false;
    try {
      const [lock] = await sql<Array<{ got: number | null }>>(`SELECT GET_LOCK(${LOCK_NAME}, 0) AS got`);
      if (Number(lock?.got) !== 1) throw new ScaleRefusal('another scale seed is running on this database.');
      locked = true;

      const [found] = await sql<Array<{ registration_number: string }>>(
        `SELECT registration_number FROM innovation WHERE registration_number LIKE 'SKALA-%' ORDER BY registration_number LIMIT 1`,
      );
      if (found) {
        // the same scale and seed is this data set, whatever day it ends on: nothing to do
        const foundLabel = found.registration_number.replace(/-\d+$/, '');
        if (!found.registration_number.startsWith(dataSetPrefix(options.scale, options.seed))) {
          throw new ScaleRefusal(
            `this database already holds the scale data set ${foundLabel}; it holds one at most, so that ` +
              `benchmarks know what they measure. Seed ${label} into a fresh database (create it, then ` +
              '`migrate` and `seed --scale ...` with DATABASE_URL pointing at it).',
          );
        }
        return await this.existing(sql, `${foundLabel}-`, foundLabel, options, started);
      }

      const [agencyRows, [maxIds]] = await Promise.all([
        sql<Array<Record<string, unknown>>>(
          `SELECT id, name, short_name, type, region_code, province_code FROM agency
            WHERE type IN (${sqlList(REGIONAL_TYPES)}) AND active = 1`,
        ),
        sql<Array<{ innovation: number; replication: number }>>(
          `SELECT (SELECT COALESCE(MAX(id), 0) FROM innovation) AS innovation,
                  (SELECT COALESCE(MAX(id), 0) FROM replication) AS replication`,
        ),
      ]);
      if (agencyRows.length < 2)
        throw new ScaleRefusal('no regional governments to work with: run `seed` first.');
      const innovationBase = Number(maxIds!.innovation) + 1;
      const replicationBase = Number(maxIds!.replication) + 1;
      // DDL commits on its own: before the transaction. Waits at most 30 s for a table's metadata lock.
      await sql('SET SESSION lock_wait_timeout = 30');
      await sql(`ALTER TABLE innovation AUTO_INCREMENT = ${innovationBase + options.innovations}`);
      await sql(`ALTER TABLE replication AUTO_INCREMENT = ${replicationBase + options.replications}`);

      await sql('START TRANSACTION');
      try {
        const report = await this.write(sql, connection, options, {
          agencyRows,
          innovationBase,
          replicationBase,
          prefix,
          label,
        });
        this.progress.start('commit', 0, '');
        await sql('COMMIT');
        this.progress.finish();
        return { ...report, seconds: (performance.now() - started) / 1000 };
      } catch (error) {
        this.progress.abort();
        await sql('ROLLBACK').catch(() => undefined);
        throw error;
      }
    } finally {
      if (locked) await sql(`SELECT RELEASE_LOCK(${LOCK_NAME})`).catch(() => undefined);
      await runner.release();
    }
  }

  /** The data set is there already: what it holds. */
  private async existing(
    sql: <T>(text: string) => Promise<T>,
    prefix: string,
    label: string,
    options: ScaleOptions,
    started: number,
  ): Promise<ScaleSeedReport> {
    const like = sqlText(`${prefix}%`);
    const [counts] = await sql<Array<{ innovations: number; replications: number }>>(
      `SELECT (SELECT COUNT(*) FROM innovation WHERE registration_number LIKE ${like}) AS innovations,
              (SELECT COUNT(*) FROM replication r JOIN innovation i ON i.id = r.innovation_id
                WHERE i.registration_number LIKE ${like}) AS replications`,
    );
    return {
      created: false,
      label,
      asOf: options.asOf,
      rows: { innovation: Number(counts!.innovations), replication: Number(counts!.replications) },
      statuses: new Map(),
      seconds: (performance.now() - started) / 1000,
    };
  }

  private async write(
    sql: <T = unknown>(text: string) => Promise<T>,
    connection: SqlConnection,
    options: ScaleOptions,
    start: {
      agencyRows: Array<Record<string, unknown>>;
      innovationBase: number;
      replicationBase: number;
      prefix: string;
      label: string;
    },
  ): Promise<Omit<ScaleSeedReport, 'seconds'>> {
    const asOf = options.asOf.getTime();
    this.progress.start('reference', 0, '');
    const networks = await this.addHubs(sql);
    const categoryIds = await this.addCategories(sql, new Date(asOf).getUTCFullYear());
    const hubProvinces = new Set(
      (
        await sql<Array<{ province_code: string }>>(
          'SELECT DISTINCT province_code FROM network WHERE province_code IS NOT NULL',
        )
      ).map((row) => row.province_code),
    );
    const takenSlugs = new Set(
      (await sql<Array<{ slug: string }>>('SELECT slug FROM innovation')).map((row) => row.slug),
    );
    this.progress.finish();

    this.progress.start('plan', 0, '');
    const agencies = planAgencies(start.agencyRows.map(agencyOf), hubProvinces, options.seed);
    const innovations = planInnovations(agencies, options.innovations, options.seed, asOf);
    const cap = Math.floor((agencies.length - 1) * ADOPTER_CAP_SHARE);
    allocateReplications(innovations, options.replications, cap, options.seed, asOf);
    const plan = planReplications({
      agencies,
      innovations,
      seed: options.seed,
      asOf,
      stallAfterDays: options.stallAfterDays,
    });
    this.progress.finish();

    const writer = new BulkWriter(connection);
    for (const table of TABLES) {
      const parent = table === 'innovation' || table === 'replication';
      writer.table(table, COLUMNS[table], {
        parent,
        rowsPerStatement: table === 'innovation' ? INNOVATION_CHUNK : parent ? REPLICATION_CHUNK / 2 : 2000,
      });
    }
    const slugs = await this.writeInnovations(writer, innovations, agencies, categoryIds, takenSlugs, {
      ...start,
      seed: options.seed,
    });
    await this.writeReplications(writer, plan, innovations, agencies, slugs, options, start);
    await this.refreshFunnels(sql, start.innovationBase, innovations.length);

    return {
      created: true,
      label: start.label,
      asOf: options.asOf,
      rows: { network: networks, ...Object.fromEntries(writer.written) },
      statuses: statusCounts(plan),
    };
  }

  /** The hubs of SCALE_HUB_PROVINCES, each with its province's governments as members; returns how many hubs there are. */
  private async addHubs(sql: <T = unknown>(text: string) => Promise<T>): Promise<number> {
    const provinces = await sql<Array<{ code: string; name: string }>>(
      `SELECT code, name FROM region WHERE level = 'PROVINCE' AND code IN (${sqlList(SCALE_HUB_PROVINCES)})`,
    );
    const hubs = [
      ...SEED_HUBS,
      ...provinces.map((p) => ({
        name: `JIPP ${p.name}`,
        slug: slugOf(`jipp ${p.name}`),
        provinceCode: p.code,
      })),
    ];
    await sql(
      `INSERT IGNORE INTO network (name, slug, province_code) VALUES ${hubs
        .map((h) => `(${sqlText(h.name)}, ${sqlText(h.slug)}, ${sqlText(h.provinceCode)})`)
        .join(', ')}`,
    );
    await sql(
      `INSERT IGNORE INTO network_member (network_id, agency_id)
       SELECT n.id, a.id FROM network n
         JOIN agency a ON a.province_code = n.province_code AND a.type IN (${sqlList(REGIONAL_TYPES)})
        WHERE n.slug IN (${hubs.map((h) => sqlText(h.slug)).join(', ')})`,
    );
    const [count] = await sql<Array<{ n: number }>>(
      'SELECT COUNT(*) AS n FROM network WHERE province_code IS NOT NULL',
    );
    return Number(count!.n);
  }

  /** Each competition year's categories (INSERT IGNORE: the seeded 2018 set stays as it is); `year:code` -> id. */
  private async addCategories(
    sql: <T = unknown>(text: string) => Promise<T>,
    lastYear: number,
  ): Promise<Map<string, number>> {
    const rows: string[] = [];
    for (let year = FIRST_YEAR; year <= lastYear; year++) {
      for (const c of categoriesOfYear(year)) {
        rows.push(`(${year}, ${sqlText(c.code)}, ${sqlText(c.name)}, ${sqlText(c.nameEn)})`);
      }
    }
    await sql(
      `INSERT IGNORE INTO innovation_category (competition_year, code, name, name_en) VALUES ${rows.join(', ')}`,
    );
    const categories = await sql<Array<{ id: number; competition_year: number; code: string }>>(
      'SELECT id, competition_year, code FROM innovation_category',
    );
    return new Map(categories.map((c) => [`${c.competition_year}:${c.code}`, Number(c.id)]));
  }

  /** The innovations and their awards; returns each one's slug (evidence links use them). */
  private async writeInnovations(
    writer: BulkWriter,
    innovations: readonly PlannedInnovation[],
    agencies: readonly PlannedAgency[],
    categoryIds: ReadonlyMap<string, number>,
    takenSlugs: Set<string>,
    start: { innovationBase: number; prefix: string; seed: number },
  ): Promise<string[]> {
    this.progress.start('innovations', innovations.length, 'innovations');
    const slugs: string[] = [];
    const digits = Math.max(6, String(innovations.length).length);
    for (const innovation of innovations) {
      const random = randomFor(start.seed, STREAM.INNOVATION_TEXT, innovation.index);
      const origin = agencies[innovation.origin]!;
      const text = innovationText(innovation.categoryCode, origin.name, innovation.launchYear, random);
      const base = slugOf(text.title);
      let slug = base;
      for (let n = 2; takenSlugs.has(slug); n++) slug = slugCandidate(base, n);
      takenSlugs.add(slug);
      slugs.push(slug);
      const categoryId = categoryIds.get(`${innovation.competitionYear}:${innovation.categoryCode}`);
      if (categoryId === undefined) {
        throw new Error(`no category ${innovation.categoryCode} for ${innovation.competitionYear}`);
      }
      const id = start.innovationBase + innovation.index;
      writer.add(
        'innovation',
        innovationRow({
          id,
          slug,
          registrationNumber: `${start.prefix}${String(innovation.index + 1).padStart(digits, '0')}`,
          text,
          categoryId,
          sdgGoals: sdgGoalsOf(innovation.categoryCode, random),
          origin,
          innovation,
        }),
      );
      for (const award of innovation.awards) writer.add('innovation_award', awardRow(id, award));
      if (innovation.index % INNOVATION_CHUNK === INNOVATION_CHUNK - 1) {
        this.progress.advance(INNOVATION_CHUNK);
        await writer.endChunk();
      }
    }
    await writer.flush();
    this.progress.advance(innovations.length % INNOVATION_CHUNK);
    this.progress.finish();
    return slugs;
  }

  /** The replications in request order (their ids follow time), each with its events and evidence. */
  private async writeReplications(
    writer: BulkWriter,
    plan: ReplicationPlan,
    innovations: readonly PlannedInnovation[],
    agencies: readonly PlannedAgency[],
    slugs: readonly string[],
    options: ScaleOptions,
    start: { innovationBase: number; replicationBase: number },
  ): Promise<void> {
    this.progress.start('replications', plan.count, 'replications');
    const asOf = options.asOf.getTime();
    const agencyId = (index: number): number | null => (index < 0 ? null : agencies[index]!.id);
    for (let position = 0; position < plan.count; position++) {
      const i = plan.order[position]!;
      const innovation = innovations[plan.innovation[i]!]!;
      const adopter = agencies[plan.adopter[i]!]!;
      const id = start.replicationBase + position;
      const innovationId = start.innovationBase + innovation.index;
      const record = replicationRecord(
        {
          steps: stepsOf(plan, i),
          categoryCode: innovation.categoryCode,
          evidencePath: `${slugs[innovation.index]}/${adopter.regionCode}`,
          asOf,
          stallAfterDays: options.stallAfterDays,
        },
        randomFor(options.seed, STREAM.REPLICATION_DETAILS, i),
      );
      const source = plan.source[i]!;
      writer.add(
        'replication',
        replicationRow({
          id,
          innovationId,
          originAgencyId: agencies[innovation.origin]!.id,
          adopter,
          facilitatorAgencyId: agencyId(plan.facilitator[i]!),
          sourceReplicationId: source < 0 ? null : start.replicationBase + plan.rank[source]!,
          record,
        }),
      );
      const children = replicationChildRows(id, innovationId, record);
      for (const row of children.events) writer.add('replication_event', row);
      for (const row of children.modifications) writer.add('replication_modification', row);
      for (const row of children.outcomes) writer.add('outcome', row);
      for (const row of children.checkins) writer.add('replication_checkin', row);
      if (position % REPLICATION_CHUNK === REPLICATION_CHUNK - 1) {
        this.progress.advance(REPLICATION_CHUNK);
        await writer.endChunk();
      }
    }
    await writer.flush();
    this.progress.advance(plan.count % REPLICATION_CHUNK);
    this.progress.finish();
  }

  /**
   * The funnel counters, recounted from the replications in one set-based UPDATE. The scan goes in
   * primary-key order on purpose: through the (innovation, adopter, status) index it would look up
   * every row's province at random, several times slower on a table that no longer fits in memory.
   */
  private async refreshFunnels(
    sql: <T = unknown>(text: string) => Promise<T>,
    firstId: number,
    count: number,
  ): Promise<void> {
    this.progress.start('counters', 0, '');
    await sql(
      `UPDATE innovation i JOIN (
         SELECT innovation_id,
                SUM(status IN (${sqlList(AGREED_STATES)})) AS agreed,
                SUM(status IN (${sqlList(REPLICATED_STATES)})) AS replicated,
                COUNT(DISTINCT CASE WHEN status IN (${sqlList(REPLICATED_STATES)}) THEN adopter_province_code END) AS provinces
           FROM replication FORCE INDEX (PRIMARY)
          WHERE innovation_id BETWEEN ${firstId} AND ${firstId + count - 1}
          GROUP BY innovation_id
       ) c ON c.innovation_id = i.id
       SET i.agreed_count = c.agreed, i.replicated_count = c.replicated, i.provinces_reached = c.provinces,
           i.updated_at = i.updated_at`,
    );
    this.progress.finish();
  }
}

function agencyOf(row: Record<string, unknown>): ScaleAgency {
  return {
    id: Number(row['id']),
    name: String(row['name']),
    shortName: row['short_name'] === null ? null : String(row['short_name']),
    type: row['type'] as AgencyType,
    regionCode: String(row['region_code']),
    provinceCode: String(row['province_code']),
  };
}
