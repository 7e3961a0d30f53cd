import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AGREED_STATES, REPLICATED_STATES, WORKING_STATES } from '@jipp/replications';
import { type Connection, createConnection } from 'mysql2/promise';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');
const AS_OF = '2026-11-01';
const sqlList = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');

/**
 * `seed --scale small` through the real CLI, on databases of this test's own (the run's database is
 * shared with other test files that add replications meanwhile): created here, dropped at the end.
 */
describe('cli seed --scale', () => {
  const adminUrl = process.env['JIPP_TEST_ADMIN_URL']!;
  const names = [`${process.env['JIPP_TEST_DATABASE']}_scale`, `${process.env['JIPP_TEST_DATABASE']}_scale2`];
  const urlOf = (name: string): string => {
    const url = new URL(process.env['DATABASE_URL']!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const cli = (name: string, ...args: string[]) =>
    run('node', [CLI, ...args], {
      env: { ...process.env, DATABASE_URL: urlOf(name), CI: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
  let admin: Connection;
  let db: Connection;
  const count = async (sql: string): Promise<number> =>
    Number(((await db.query(sql))[0] as Array<{ n: string }>)[0]!.n);

  beforeAll(async () => {
    admin = await createConnection(adminUrl);
    for (const name of names) {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
      await cli(name, 'migrate');
    }
    db = await createConnection(urlOf(names[0]!));
  }, 120_000);

  afterAll(async () => {
    await db?.end();
    for (const name of names) await admin?.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin?.end();
  });

  it('writes a consistent data set: legal histories, evidence, lineage, counters, no outbox rows', async () => {
    const first = await cli(names[0]!, 'seed', '--scale', 'small', '--as-of', AS_OF);
    expect(first.stdout).toMatch(
      /scale data SKALA-small-20260404-20261101 written in [\d.]+ s: 2,000 innovations, [\d,]+ awards, 20,000 replications, [\d,]+ events/,
    );
    // not a terminal: one line per phase on stderr, no bar
    for (const phase of ['plan', 'innovations', 'replications', 'counters', 'commit']) {
      expect(first.stderr).toMatch(new RegExp(`\\[cli\\] scale: ${phase}: .*in [\\d.]+ s`));
    }

    expect(
      await count(
        "SELECT COUNT(*) AS n FROM innovation WHERE registration_number LIKE 'SKALA-small-20260404-20261101-%'",
      ),
    ).toBe(2000);
    expect(await count('SELECT COUNT(*) AS n FROM replication')).toBe(20_000);
    expect(await count('SELECT COUNT(*) AS n FROM replication_event')).toBeGreaterThan(80_000);
    // every regional government originates and adopts
    expect(await count('SELECT COUNT(DISTINCT origin_agency_id) AS n FROM innovation')).toBe(552);
    expect(await count('SELECT COUNT(DISTINCT adopter_agency_id) AS n FROM replication')).toBeGreaterThan(
      540,
    );
    expect(await count("SELECT COUNT(*) AS n FROM innovation WHERE status = 'PUBLISHED'")).toBeGreaterThan(
      1700,
    );
    expect(await count("SELECT COUNT(*) AS n FROM innovation WHERE title NOT REGEXP '^[A-Z-]+: [A-Z]'")).toBe(
      0,
    );
    expect(await count('SELECT COUNT(DISTINCT status) AS n FROM replication')).toBe(10);
    expect(
      await count('SELECT COUNT(*) AS n FROM replication WHERE source_replication_id IS NOT NULL'),
    ).toBeGreaterThan(1000);
    expect(await count('SELECT COUNT(*) AS n FROM innovation_award')).toBeGreaterThan(20);
    expect(await count('SELECT COUNT(*) AS n FROM outbox_event')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM audit_log')).toBe(0);

    const broken: Record<string, string> = {
      'denormalised innovation columns': `SELECT COUNT(*) AS n FROM innovation i JOIN agency a ON a.id = i.origin_agency_id
         WHERE i.region_code <> a.region_code OR i.province_code <> a.province_code OR i.origin_agency_type <> a.type`,
      'category of another year': `SELECT COUNT(*) AS n FROM innovation i JOIN innovation_category c ON c.id = i.category_id
         WHERE c.competition_year <> YEAR(COALESCE(i.published_at, i.created_at))`,
      listed_at: `SELECT COUNT(*) AS n FROM innovation WHERE listed_at <> COALESCE(published_at, created_at)`,
      'award before launch': `SELECT COUNT(*) AS n FROM innovation_award a JOIN innovation i ON i.id = a.innovation_id
         WHERE a.year < i.launch_year`,
      'own innovation': 'SELECT COUNT(*) AS n FROM replication WHERE adopter_agency_id = origin_agency_id',
      'denormalised replication columns': `SELECT COUNT(*) AS n FROM replication r
         JOIN innovation i ON i.id = r.innovation_id JOIN agency a ON a.id = r.adopter_agency_id
         WHERE r.origin_agency_id <> i.origin_agency_id OR r.adopter_region_code <> a.region_code
            OR r.adopter_province_code <> a.province_code`,
      'two per innovation and adopter': `SELECT COUNT(*) AS n FROM (SELECT 1 FROM replication
         GROUP BY innovation_id, adopter_agency_id HAVING COUNT(*) > 1) d`,
      'requested outside publication': `SELECT COUNT(*) AS n FROM replication r JOIN innovation i ON i.id = r.innovation_id
         WHERE i.published_at IS NULL OR r.requested_at <= i.published_at
            OR r.requested_at >= COALESCE(i.archived_at, '${AS_OF}')`,
      'after the end': `SELECT COUNT(*) AS n FROM replication WHERE last_event_at > '${AS_OF}'`,
      'version is not the events': `SELECT COUNT(*) AS n FROM replication r
         WHERE r.version <> (SELECT COUNT(*) FROM replication_event e WHERE e.replication_id = r.id)`,
      'status is not the last event': `SELECT COUNT(*) AS n FROM replication r WHERE r.status <>
         (SELECT e.to_status FROM replication_event e WHERE e.replication_id = r.id ORDER BY e.id DESC LIMIT 1)`,
      'history that does not chain or go forward': `SELECT COUNT(*) AS n FROM (
         SELECT e.from_status, e.occurred_at,
                LAG(e.to_status) OVER (PARTITION BY e.replication_id ORDER BY e.id) AS before_status,
                LAG(e.occurred_at) OVER (PARTITION BY e.replication_id ORDER BY e.id) AS before_at
           FROM replication_event e) x
         WHERE NOT (x.from_status <=> x.before_status) OR x.occurred_at <= x.before_at`,
      'request event': `SELECT COUNT(*) AS n FROM replication r JOIN replication_event e
         ON e.replication_id = r.id AND e.action IS NULL
         WHERE e.occurred_at <> r.requested_at OR e.to_status <> 'REQUESTED' OR e.note <> r.request_note`,
      'bad source': `SELECT COUNT(*) AS n FROM replication r JOIN replication s ON s.id = r.source_replication_id
         WHERE s.innovation_id <> r.innovation_id OR s.status NOT IN (${sqlList(REPLICATED_STATES)})
            OR s.implemented_at >= r.requested_at OR s.id >= r.id`,
      'idle past the stall period': `SELECT COUNT(*) AS n FROM replication
         WHERE status IN (${sqlList(WORKING_STATES)}) AND last_event_at < '${AS_OF}' - INTERVAL 61 DAY`,
      'implemented without outcome': `SELECT COUNT(*) AS n FROM replication r
         WHERE r.status IN (${sqlList(REPLICATED_STATES)})
           AND NOT EXISTS (SELECT 1 FROM outcome o WHERE o.replication_id = r.id)`,
      'modifying without modification or note': `SELECT COUNT(*) AS n FROM replication r
         WHERE r.modifying_at IS NOT NULL AND r.no_modification_note IS NULL
           AND NOT EXISTS (SELECT 1 FROM replication_modification m WHERE m.replication_id = r.id)`,
      'sustained before the 12-month check-in and its figures': `SELECT COUNT(*) AS n FROM replication r
         WHERE r.status = 'SUSTAINED' AND NOT EXISTS (SELECT 1 FROM replication_checkin c
           JOIN outcome o ON o.replication_id = c.replication_id
          WHERE c.replication_id = r.id AND c.months = 12 AND c.raised_at < r.sustained_at
            AND o.latest_date >= DATE(c.due_at + INTERVAL 7 HOUR))`,
      stalled_from: `SELECT COUNT(*) AS n FROM replication WHERE (status = 'STALLED') <> (stalled_from IS NOT NULL)`,
      closed_at: `SELECT COUNT(*) AS n FROM replication WHERE (status IN ('REJECTED', 'WITHDRAWN')) <> (closed_at IS NOT NULL)`,
      'rejection reason': `SELECT COUNT(*) AS n FROM replication WHERE (status = 'REJECTED') <> (rejection_reason IS NOT NULL)`,
      'implementation date': `SELECT COUNT(*) AS n FROM replication WHERE implemented_at IS NOT NULL
         AND (implementation_date < DATE(requested_at) OR implementation_date > DATE(implemented_at + INTERVAL 7 HOUR))`,
      'coordinator step outside a hub': `SELECT COUNT(*) AS n FROM replication_event e JOIN replication r ON r.id = e.replication_id
         WHERE e.action IN ('RESUME', 'SUSTAIN')
           AND NOT EXISTS (SELECT 1 FROM network_member m WHERE m.agency_id = r.adopter_agency_id)`,
      'check-in not raised': `SELECT COUNT(*) AS n FROM replication r WHERE r.implemented_at IS NOT NULL
         AND r.implemented_at < '${AS_OF}' - INTERVAL 6 MONTH - INTERVAL 1 DAY
         AND NOT EXISTS (SELECT 1 FROM replication_checkin c WHERE c.replication_id = r.id AND c.months = 6)`,
      'last event before evidence': `SELECT COUNT(*) AS n FROM replication r
         WHERE r.last_event_at < (SELECT MAX(o.updated_at) FROM outcome o WHERE o.replication_id = r.id)
            OR r.last_event_at <> r.updated_at`,
      'ids not in request order': `SELECT COUNT(*) AS n FROM (SELECT requested_at,
         LAG(requested_at) OVER (ORDER BY id) AS before_at FROM replication) x WHERE requested_at < before_at`,
      'funnel counters': `SELECT COUNT(*) AS n FROM innovation i WHERE
            i.agreed_count <> (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id
                                AND r.status IN (${sqlList(AGREED_STATES)}))
         OR i.replicated_count <> (SELECT COUNT(*) FROM replication r WHERE r.innovation_id = i.id
                                    AND r.status IN (${sqlList(REPLICATED_STATES)}))
         OR i.provinces_reached <> (SELECT COUNT(DISTINCT r.adopter_province_code) FROM replication r
                                     WHERE r.innovation_id = i.id AND r.status IN (${sqlList(REPLICATED_STATES)}))`,
    };
    const found: Record<string, number> = {};
    for (const [what, sql] of Object.entries(broken)) found[what] = await count(sql);
    expect(found).toEqual(Object.fromEntries(Object.keys(broken).map((what) => [what, 0])));
    expect(await count('SELECT SUM(replicated_count) AS n FROM innovation')).toBeGreaterThan(5000);
  }, 180_000);

  it('adds nothing the second time, refuses another data set, and writes the same rows from the same seed', async () => {
    const tables = [
      'innovation',
      'innovation_award',
      'replication',
      'replication_event',
      'outcome',
      'replication_checkin',
    ];
    const counts = () => Promise.all(tables.map((t) => count(`SELECT COUNT(*) AS n FROM ${t}`)));
    const before = await counts();

    // the same scale and seed, another day: the data set is there all the same
    const again = await cli(names[0]!, 'seed', '--scale', 'small', '--as-of', '2026-11-02');
    expect(again.stdout).toMatch(
      /SKALA-small-20260404-20261101: already there \(2,000 innovations, 20,000 replications\), none added/,
    );
    expect(await counts()).toEqual(before);

    const other = await cli(names[0]!, 'seed', '--scale', 'small', '--seed', '7').then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(other?.code).toBe(1);
    expect(other?.stderr).toMatch(
      /refused: this database already holds the scale data set SKALA-small-20260404-20261101;/,
    );
    expect(await counts()).toEqual(before);

    // the same scale, seed and day on another fresh database: the very same rows
    await cli(names[1]!, 'seed', '--scale', 'small', '--as-of', AS_OF);
    const checksums = async (name: string) =>
      (
        await admin.query(`CHECKSUM TABLE ${tables.map((t) => `\`${name}\`.\`${t}\``).join(', ')}`)
      )[0] as Array<{
        Checksum: string;
      }>;
    const [one, two] = await Promise.all(names.map(checksums));
    expect(one.every((row) => row.Checksum !== null)).toBe(true);
    expect(two.map((row) => row.Checksum)).toEqual(one.map((row) => row.Checksum));
  }, 180_000);
});
