import { MigrationInterface, QueryRunner } from 'typeorm';

export class Catalogue1795382612283 implements MigrationInterface {
  name = 'Catalogue1795382612283';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`innovation_category\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`competition_year\` smallint UNSIGNED NOT NULL,
                \`code\` varchar(40) NOT NULL,
                \`name\` varchar(160) NOT NULL,
                \`name_en\` varchar(160) NOT NULL,
                UNIQUE INDEX \`IDX_a502d3039073ff90117735313b\` (\`competition_year\`, \`code\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`innovation\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`slug\` varchar(160) NOT NULL,
                \`registration_number\` varchar(60) NULL,
                \`title\` varchar(200) NOT NULL,
                \`summary\` text NOT NULL,
                \`problem\` text NOT NULL,
                \`approach\` text NOT NULL,
                \`novelty\` text NOT NULL,
                \`impact\` text NOT NULL,
                \`category_id\` int UNSIGNED NOT NULL,
                \`digital\` tinyint NOT NULL,
                \`stage\` enum ('INITIATIVE', 'TRIAL', 'IMPLEMENTED') NOT NULL,
                \`sdg_goals\`
                set (
                        '1',
                        '2',
                        '3',
                        '4',
                        '5',
                        '6',
                        '7',
                        '8',
                        '9',
                        '10',
                        '11',
                        '12',
                        '13',
                        '14',
                        '15',
                        '16',
                        '17'
                    ) NOT NULL DEFAULT '',
                    \`launch_year\` smallint UNSIGNED NOT NULL,
                    \`origin_agency_id\` int UNSIGNED NOT NULL,
                    \`region_code\` varchar(13) NOT NULL,
                    \`province_code\` varchar(13) NOT NULL,
                    \`origin_agency_type\` enum (
                        'KEMENTERIAN',
                        'LEMBAGA',
                        'PEMPROV',
                        'PEMKAB',
                        'PEMKOT',
                        'BUMN',
                        'BUMD'
                    ) NOT NULL,
                    \`contact_unit\` varchar(200) NULL,
                    \`contact_name\` varchar(120) NULL,
                    \`contact_email\` varchar(254) NULL,
                    \`contact_phone\` varchar(40) NULL,
                    \`reference_url\` varchar(500) NULL,
                    \`status\` enum ('DRAFT', 'PUBLISHED', 'ARCHIVED') NOT NULL DEFAULT 'DRAFT',
                    \`published_at\` datetime(3) NULL,
                    \`archived_at\` datetime(3) NULL,
                    \`listed_at\` datetime(3) NOT NULL,
                    \`view_count\` int UNSIGNED NOT NULL DEFAULT '0',
                    \`watcher_count\` int UNSIGNED NOT NULL DEFAULT '0',
                    \`agreed_count\` int UNSIGNED NOT NULL DEFAULT '0',
                    \`replicated_count\` int UNSIGNED NOT NULL DEFAULT '0',
                    \`provinces_reached\` smallint UNSIGNED NOT NULL DEFAULT '0',
                    \`created_by_user_id\` int UNSIGNED NULL,
                    \`version\` int UNSIGNED NOT NULL DEFAULT '1',
                    \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                    \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                    UNIQUE INDEX \`uq_innovation_slug\` (\`slug\`),
                    UNIQUE INDEX \`uq_innovation_registration_number\` (\`registration_number\`),
                    FULLTEXT INDEX \`ft_innovation_problem\` (\`title\`, \`problem\`),
                    FULLTEXT INDEX \`ft_innovation_text\` (\`title\`, \`summary\`, \`problem\`),
                    INDEX \`IDX_1a473fc4661bb43c6e91a5a089\` (\`category_id\`, \`status\`),
                    INDEX \`IDX_816d353a716148690c8e0e3462\` (\`region_code\`, \`status\`),
                    INDEX \`IDX_8790d66cb45caf889d7aadc6f8\` (\`province_code\`, \`status\`),
                    INDEX \`IDX_4120660ad420b673c933679455\` (\`origin_agency_id\`, \`status\`),
                    INDEX \`IDX_65cf066ac8fd61b6e01a7d3b0d\` (\`status\`, \`replicated_count\`, \`id\`),
                    INDEX \`IDX_2c6a4f91617ea0d159ab18e51c\` (\`status\`, \`listed_at\`, \`id\`),
                    PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`innovation_award\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`competition\` enum ('KIPP', 'IGA', 'UNPSA', 'OTHER') NOT NULL,
                \`year\` smallint UNSIGNED NOT NULL,
                \`level\` enum (
                    'TOP_99',
                    'TOP_45',
                    'TOP_40',
                    'TOP_35',
                    'TOP_25',
                    'TOP_9',
                    'TOP_5',
                    'OUTSTANDING',
                    'WINNER',
                    'FINALIST'
                ) NOT NULL,
                \`title\` varchar(120) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_b973cb9ce8b2d73f9178c29580\` (\`competition\`, \`level\`, \`innovation_id\`),
                UNIQUE INDEX \`IDX_15192be70a935bc43cc4874fb3\` (\`innovation_id\`, \`competition\`, \`year\`, \`level\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`innovation_watch\` (
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_fa4cc4b2fe88ac4a4f97847ea8\` (\`user_id\`, \`innovation_id\`),
                PRIMARY KEY (\`innovation_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`innovation_view_day\` (
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`day\` date NOT NULL,
                \`views\` int UNSIGNED NOT NULL DEFAULT '0',
                PRIMARY KEY (\`innovation_id\`, \`day\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`view_flush_batch\` (
                \`id\` varchar(64) NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation\`
            ADD CONSTRAINT \`FK_cbfee5323a4bbda37cfcea06ae4\` FOREIGN KEY (\`category_id\`) REFERENCES \`innovation_category\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation\`
            ADD CONSTRAINT \`FK_82dbac1330e1b8619b56385c0a6\` FOREIGN KEY (\`origin_agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_award\`
            ADD CONSTRAINT \`FK_ed16c4fe9884040a8b17d9aaf42\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_watch\`
            ADD CONSTRAINT \`FK_aef39d6e34443a2a35ca7a64d30\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_watch\`
            ADD CONSTRAINT \`FK_95f704d1bdbb77eb6d8a35e2b80\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_view_day\`
            ADD CONSTRAINT \`FK_2ec3fdd5491c97a0ad010fd1f1b\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`innovation_view_day\` DROP FOREIGN KEY \`FK_2ec3fdd5491c97a0ad010fd1f1b\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_watch\` DROP FOREIGN KEY \`FK_95f704d1bdbb77eb6d8a35e2b80\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_watch\` DROP FOREIGN KEY \`FK_aef39d6e34443a2a35ca7a64d30\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation_award\` DROP FOREIGN KEY \`FK_ed16c4fe9884040a8b17d9aaf42\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation\` DROP FOREIGN KEY \`FK_82dbac1330e1b8619b56385c0a6\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`innovation\` DROP FOREIGN KEY \`FK_cbfee5323a4bbda37cfcea06ae4\`
        `);
    await queryRunner.query(`
            DROP TABLE \`view_flush_batch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`innovation_view_day\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_fa4cc4b2fe88ac4a4f97847ea8\` ON \`innovation_watch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`innovation_watch\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_15192be70a935bc43cc4874fb3\` ON \`innovation_award\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_b973cb9ce8b2d73f9178c29580\` ON \`innovation_award\`
        `);
    await queryRunner.query(`
            DROP TABLE \`innovation_award\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_2c6a4f91617ea0d159ab18e51c\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_65cf066ac8fd61b6e01a7d3b0d\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_4120660ad420b673c933679455\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_8790d66cb45caf889d7aadc6f8\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_816d353a716148690c8e0e3462\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_1a473fc4661bb43c6e91a5a089\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`ft_innovation_text\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`ft_innovation_problem\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`uq_innovation_registration_number\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`uq_innovation_slug\` ON \`innovation\`
        `);
    await queryRunner.query(`
            DROP TABLE \`innovation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_a502d3039073ff90117735313b\` ON \`innovation_category\`
        `);
    await queryRunner.query(`
            DROP TABLE \`innovation_category\`
        `);
  }
}
