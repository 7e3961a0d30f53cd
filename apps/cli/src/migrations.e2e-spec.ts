import { createFullDataSource } from './entities';

/**
 * The migrations and the entities must agree: what `npm run migration:generate` would write on top of
 * the migrated test database is empty.
 */
describe('migrations', () => {
  it('leave nothing for migration:generate to write', async () => {
    const dataSource = createFullDataSource(process.env['DATABASE_URL']!, 1);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('see a change to an entity as a schema change', async () => {
    const dataSource = createFullDataSource(process.env['DATABASE_URL']!, 1);
    await dataSource.initialize();
    try {
      // widen one column in memory only: the diff must notice it, or the test above proves nothing
      const column = dataSource.getMetadata('Agency').findColumnWithPropertyName('shortName')!;
      column.length = '61';
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query).join('\n')).toMatch(/short_name.*varchar\(61\)/);
    } finally {
      await dataSource.destroy();
    }
  });
});
