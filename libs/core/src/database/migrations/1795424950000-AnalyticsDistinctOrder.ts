import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The distinct counts' key in the order the dashboards read it (grouping, bucket, group, kind,
 * year): a grouping's all-years row or year range is then one contiguous range of the key, where
 * before it was picked out of every bucket and year of the grouping (about 30 times the rows for
 * the categories). TypeORM does not see a change of key order, so this one is written by hand.
 */
export class AnalyticsDistinctOrder1795424950000 implements MigrationInterface {
  name = 'AnalyticsDistinctOrder1795424950000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `analytics_spread_distinct` DROP PRIMARY KEY, ADD PRIMARY KEY (`dim`, `bucket`, `dim_key`, `member_kind`, `year`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `analytics_spread_distinct` DROP PRIMARY KEY, ADD PRIMARY KEY (`dim`, `dim_key`, `member_kind`, `bucket`, `year`)',
    );
  }
}
