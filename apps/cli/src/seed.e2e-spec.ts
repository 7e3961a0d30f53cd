import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_INNOVATIONS as demoInnovations, slugOf } from '@jipp/innovations';
import { AGREED_STATES, DEMO_REPLICATION_MARKER, REPLICATED_STATES } from '@jipp/replications';
import { createFullDataSource } from './entities';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');

/** The real CLI, built by the test run's global setup, against this run's database. */
const demoSlugs = demoInnovations.map((entry) => slugOf(entry.title));
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
/** Demo replications: their request notes end with the marker (other test files add their own). */
const DEMO = `r.request_note LIKE '%${DEMO_REPLICATION_MARKER}'`;
const DEMO_SLUGS = `i.slug IN (${demoSlugs.map(() => '?').join(', ')})`;

describe('cli seed', () => {
  it('is idempotent: a second `seed --demo` succeeds and changes no counts', async () => {
    const dataSource = createFullDataSource(process.env['DATABASE_URL']!, 1);
    await dataSource.initialize();
    // only rows the seed owns: other test files add agencies, users and members at the same time
    const queries = [
      "SELECT COUNT(*) AS n FROM agency WHERE type IN ('PEMPROV', 'PEMKAB', 'PEMKOT') OR short_name IN ('KemenPANRB', 'Kemendagri', 'LAN')",
      "SELECT COUNT(*) AS n FROM network WHERE slug LIKE 'jipp-%'",
      "SELECT COUNT(*) AS n FROM network_member m JOIN agency a ON a.id = m.agency_id WHERE a.type IN ('PEMPROV', 'PEMKAB', 'PEMKOT')",
      "SELECT COUNT(*) AS n FROM user WHERE email LIKE '%@jipp.demo'",
      "SELECT COUNT(*) AS n FROM network_coordinator c JOIN user u ON u.id = c.user_id WHERE u.email LIKE '%@jipp.demo'",
      'SELECT COUNT(*) AS n FROM innovation_category WHERE competition_year = 2018',
      `SELECT COUNT(*) AS n FROM innovation WHERE status = 'PUBLISHED' AND slug IN (${demoSlugs.map(() => '?').join(', ')})`,
      `SELECT COUNT(*) AS n FROM innovation_award a JOIN innovation i ON i.id = a.innovation_id WHERE i.slug IN (${demoSlugs.map(() => '?').join(', ')})`,
    ];
    const counts = async (): Promise<number[]> =>
      Promise.all(
        queries.map(async (sql) =>
          Number(
            ((await dataSource.query(sql, sql.includes('?') ? demoSlugs : [])) as Array<{ n: string }>)[0]!.n,
          ),
        ),
      );
    try {
      const first = await run('node', [CLI, 'seed', '--demo']);
      expect(first.stdout).toMatch(/demo users/);
      expect(first.stdout).toMatch(/demo replications: \d+ added/);
      const after = await counts();
      const demoAwards = demoInnovations.reduce((sum, entry) => sum + entry.awards.length, 0);
      expect(after).toEqual([555, 3, 82, 4, 1, 12, demoInnovations.length, demoAwards]);
      expect(demoInnovations.length).toBeGreaterThanOrEqual(150);
      await run('node', [CLI, 'seed', '--demo']);
      expect(await counts()).toEqual(after);
    } finally {
      await dataSource.destroy();
    }
  });

  it('seeds demo replications once: the same counts on a second run, lineages three deep, funnel counters right', async () => {
    const dataSource = createFullDataSource(process.env['DATABASE_URL']!, 1);
    await dataSource.initialize();
    const count = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number(((await dataSource.query(sql, params)) as Array<{ n: string }>)[0]!.n);
    const queries = [
      `SELECT COUNT(*) AS n FROM replication r WHERE ${DEMO}`,
      `SELECT COUNT(*) AS n FROM replication_event e JOIN replication r ON r.id = e.replication_id WHERE ${DEMO}`,
      `SELECT COUNT(*) AS n FROM replication_modification m JOIN replication r ON r.id = m.replication_id WHERE ${DEMO}`,
      `SELECT COUNT(*) AS n FROM outcome o JOIN innovation i ON i.id = o.innovation_id WHERE ${DEMO_SLUGS}`,
      `SELECT COUNT(*) AS n FROM replication_document d JOIN replication r ON r.id = d.replication_id WHERE ${DEMO}`,
      `SELECT COUNT(*) AS n FROM replication_checkin c JOIN replication r ON r.id = c.replication_id WHERE ${DEMO}`,
    ];
    const counts = () => Promise.all(queries.map((sql) => count(sql, sql.includes('?') ? demoSlugs : [])));
    try {
      // the first test may have seeded already (same database): run once more to be sure, then compare
      const first = await run('node', [CLI, 'seed', '--demo']);
      expect(first.stdout).toMatch(/demo replications: (\d+ added|already there)/);
      const after = await counts();
      expect(after[0]).toBeGreaterThanOrEqual(300);
      expect(after[0]).toBeLessThanOrEqual(420);
      expect(after.every((n) => n > 0)).toBe(true);
      const second = await run('node', [CLI, 'seed', '--demo']);
      expect(second.stdout).toMatch(/demo replications: already there, none added/);
      expect(await counts()).toEqual(after);

      // every state, and copies of copies of copies
      const statuses = (await dataSource.query(
        `SELECT DISTINCT r.status FROM replication r WHERE ${DEMO}`,
      )) as Array<{ status: string }>;
      expect(statuses).toHaveLength(10);
      expect(
        await count(
          `SELECT COUNT(DISTINCT c.innovation_id) AS n FROM replication c
             JOIN replication b ON b.id = c.source_replication_id
             JOIN replication a ON a.id = b.source_replication_id
            WHERE ${DEMO.replace(/\br\./g, 'c.')}`,
        ),
      ).toBeGreaterThanOrEqual(3);
      // each history ends where its replication stands, one event per version
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM replication r WHERE ${DEMO} AND (
             r.version <> (SELECT COUNT(*) FROM replication_event e WHERE e.replication_id = r.id)
             OR r.status <> (SELECT e.to_status FROM replication_event e WHERE e.replication_id = r.id ORDER BY e.id DESC LIMIT 1))`,
        ),
      ).toBe(0);
      // the funnel counters are what a recount gives
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM innovation i WHERE ${DEMO_SLUGS} AND (
             i.agreed_count <> (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id AND r.status IN (${sqlList(AGREED_STATES)}))
             OR i.replicated_count <> (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id AND r.status IN (${sqlList(REPLICATED_STATES)}))
             OR i.provinces_reached <> (SELECT COUNT(DISTINCT r.adopter_province_code) FROM replication r
                                         WHERE r.innovation_id = i.id AND r.status IN (${sqlList(REPLICATED_STATES)})))`,
          demoSlugs,
        ),
      ).toBe(0);
      expect(
        await count(
          `SELECT COUNT(*) AS n FROM innovation i WHERE ${DEMO_SLUGS} AND i.replicated_count > 0`,
          demoSlugs,
        ),
      ).toBeGreaterThan(30);
    } finally {
      await dataSource.destroy();
    }
  });
});
