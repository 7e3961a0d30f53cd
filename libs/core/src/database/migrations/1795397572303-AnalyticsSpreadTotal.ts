import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsSpreadTotal1795397572303 implements MigrationInterface {
  name = 'AnalyticsSpreadTotal1795397572303';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`analytics_spread_total\` (
                \`dim\` char(1) NOT NULL,
                \`dim_key\` varchar(16) NOT NULL,
                \`status\` varchar(16) NOT NULL,
                \`replications\` int NOT NULL,
                PRIMARY KEY (\`dim\`, \`dim_key\`, \`status\`)
            ) ENGINE = InnoDB
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE \`analytics_spread_total\`
        `);
  }
}
