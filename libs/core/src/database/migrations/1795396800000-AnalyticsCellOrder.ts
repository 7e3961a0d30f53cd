import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rollup cells' key in the order the dashboards read it (group, state, year): "per group and
 * state" then walks the index instead of building a temporary table. TypeORM does not see a change
 * of key order, so this one is written by hand.
 */
export class AnalyticsCellOrder1795396800000 implements MigrationInterface {
  name = 'AnalyticsCellOrder1795396800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `analytics_spread_cell` DROP PRIMARY KEY, ADD PRIMARY KEY (`dim`, `dim_key`, `status`, `year`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `analytics_spread_cell` DROP PRIMARY KEY, ADD PRIMARY KEY (`dim`, `dim_key`, `year`, `status`)',
    );
  }
}
