import { MigrationInterface, QueryRunner } from 'typeorm';

export class Analytics1795392055051 implements MigrationInterface {
  name = 'Analytics1795392055051';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`analytics_applied_event\` (
                \`outbox_event_id\` bigint UNSIGNED NOT NULL,
                \`applied_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                PRIMARY KEY (\`outbox_event_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`analytics_hub_week\` (
                \`hub_id\` int UNSIGNED NOT NULL,
                \`week_start\` date NOT NULL,
                \`new_replications\` int NOT NULL DEFAULT '0',
                \`transitions\` int NOT NULL DEFAULT '0',
                \`stalled\` int NOT NULL DEFAULT '0',
                \`forum_posts\` int NOT NULL DEFAULT '0',
                PRIMARY KEY (\`hub_id\`, \`week_start\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`analytics_replication_fact\` (
                \`replication_id\` int UNSIGNED NOT NULL,
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`adopter_agency_id\` int UNSIGNED NOT NULL,
                \`category_id\` int UNSIGNED NOT NULL,
                \`province_code\` varchar(13) NOT NULL,
                \`regency_code\` varchar(13) NULL,
                \`agency_type\` varchar(16) NOT NULL,
                \`hub_ids\` varchar(255) NOT NULL DEFAULT '',
                \`year\` smallint UNSIGNED NOT NULL,
                \`status\` varchar(16) NOT NULL,
                INDEX \`IDX_9b7b4ef07a4f93c95d426ebbf0\` (\`adopter_agency_id\`),
                INDEX \`IDX_929b4f6bce4fc5c7f7a70ead9e\` (\`innovation_id\`),
                INDEX \`IDX_3658a68611415a0f86c137dbc1\` (\`province_code\`, \`year\`),
                INDEX \`IDX_cf277357cc29022db05dd9aad5\` (\`category_id\`, \`year\`),
                PRIMARY KEY (\`replication_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`analytics_spread_cell\` (
                \`dim\` char(1) NOT NULL,
                \`dim_key\` varchar(16) NOT NULL,
                \`year\` smallint UNSIGNED NOT NULL,
                \`status\` varchar(16) NOT NULL,
                \`replications\` int NOT NULL,
                PRIMARY KEY (\`dim\`, \`dim_key\`, \`year\`, \`status\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`analytics_spread_distinct\` (
                \`dim\` char(1) NOT NULL,
                \`dim_key\` varchar(16) NOT NULL,
                \`member_kind\` char(1) NOT NULL,
                \`bucket\` char(1) NOT NULL,
                \`year\` smallint UNSIGNED NOT NULL,
                \`members\` int NOT NULL,
                INDEX \`IDX_70d2427455f24a9c738e28b110\` (\`dim\`, \`bucket\`, \`year\`),
                PRIMARY KEY (
                    \`dim\`,
                    \`dim_key\`,
                    \`member_kind\`,
                    \`bucket\`,
                    \`year\`
                )
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`analytics_spread_member\` (
                \`dim\` char(1) NOT NULL,
                \`dim_key\` varchar(16) NOT NULL,
                \`member_kind\` char(1) NOT NULL,
                \`member_id\` int UNSIGNED NOT NULL,
                \`year\` smallint UNSIGNED NOT NULL,
                \`replications\` int NOT NULL,
                PRIMARY KEY (
                    \`dim\`,
                    \`dim_key\`,
                    \`member_kind\`,
                    \`member_id\`,
                    \`year\`
                )
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE INDEX \`IDX_dccd7d33c35ab52fa2980571a0\` ON \`innovation\` (\`status\`, \`view_count\`, \`id\`)
        `);
    await queryRunner.query(`
            CREATE INDEX \`IDX_8a8b668d9b72617200ec6b7245\` ON \`innovation\` (\`status\`, \`provinces_reached\`, \`id\`)
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX \`IDX_8a8b668d9b72617200ec6b7245\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_dccd7d33c35ab52fa2980571a0\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_spread_member\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_70d2427455f24a9c738e28b110\` ON \`analytics_spread_distinct\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_spread_distinct\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_spread_cell\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_cf277357cc29022db05dd9aad5\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_3658a68611415a0f86c137dbc1\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_929b4f6bce4fc5c7f7a70ead9e\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_9b7b4ef07a4f93c95d426ebbf0\` ON \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_replication_fact\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_hub_week\`
        `);
    await queryRunner.query(`
            DROP TABLE \`analytics_applied_event\`
        `);
  }
}
