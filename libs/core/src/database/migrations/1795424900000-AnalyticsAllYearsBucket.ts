import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The all-years bucket (`A`, year 0) of `analytics_spread_distinct`: one row per group and member
 * kind, so "all years" is read rather than summed. Filled from the first-year bucket, whose sum over
 * the years is the same count; the projector keeps it from here on.
 */
export class AnalyticsAllYearsBucket1795424900000 implements MigrationInterface {
  name = 'AnalyticsAllYearsBucket1795424900000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            INSERT INTO \`analytics_spread_distinct\` (\`dim\`, \`dim_key\`, \`member_kind\`, \`bucket\`, \`year\`, \`members\`)
            SELECT \`dim\`, \`dim_key\`, \`member_kind\`, 'A', 0, SUM(\`members\`)
              FROM \`analytics_spread_distinct\`
             WHERE \`bucket\` = 'F'
             GROUP BY \`dim\`, \`dim_key\`, \`member_kind\`
            HAVING SUM(\`members\`) > 0
                ON DUPLICATE KEY UPDATE \`members\` = VALUES(\`members\`)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM \`analytics_spread_distinct\` WHERE \`bucket\` = 'A'
        `);
  }
}
