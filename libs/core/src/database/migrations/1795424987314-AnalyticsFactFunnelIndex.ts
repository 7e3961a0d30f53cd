import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An innovation's facts by state: the funnel's count per state is then read from the index alone,
 * in its order, where before each fact row was looked up and grouped in a temporary table.
 */
export class AnalyticsFactFunnelIndex1795424987314 implements MigrationInterface {
  name = 'AnalyticsFactFunnelIndex1795424987314';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX \`IDX_929b4f6bce4fc5c7f7a70ead9e\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            CREATE INDEX \`IDX_f8f2540d356c5259ffb2518202\` ON \`analytics_replication_fact\` (\`innovation_id\`, \`status\`)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX \`IDX_f8f2540d356c5259ffb2518202\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            CREATE INDEX \`IDX_929b4f6bce4fc5c7f7a70ead9e\` ON \`analytics_replication_fact\` (\`innovation_id\`)
        `);
  }
}
