import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEMO_INNOVATIONS as demoInnovations, slugOf } from '@jipp/innovations';
import { createFullDataSource } from './entities';

const run = promisify(execFile);
const CLI = join(__dirname, '../../../dist/apps/cli/src/main.js');

/** The real CLI, built by the test run's global setup, against this run's database. */
const demoSlugs = demoInnovations.map((entry) => slugOf(entry.title));

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
});
