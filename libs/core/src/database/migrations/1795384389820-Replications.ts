import { MigrationInterface, QueryRunner } from 'typeorm';

export class Replications1795384389820 implements MigrationInterface {
  name = 'Replications1795384389820';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`replication\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`origin_agency_id\` int UNSIGNED NOT NULL,
                \`adopter_agency_id\` int UNSIGNED NOT NULL,
                \`adopter_region_code\` varchar(13) NOT NULL,
                \`adopter_province_code\` varchar(13) NOT NULL,
                \`facilitator_agency_id\` int UNSIGNED NULL,
                \`source_replication_id\` int UNSIGNED NULL,
                \`status\` enum (
                    'REQUESTED',
                    'APPROVED',
                    'REJECTED',
                    'OBSERVING',
                    'IMITATING',
                    'MODIFYING',
                    'IMPLEMENTED',
                    'SUSTAINED',
                    'STALLED',
                    'WITHDRAWN'
                ) NOT NULL DEFAULT 'REQUESTED',
                \`stalled_from\` enum (
                    'REQUESTED',
                    'APPROVED',
                    'REJECTED',
                    'OBSERVING',
                    'IMITATING',
                    'MODIFYING',
                    'IMPLEMENTED',
                    'SUSTAINED',
                    'STALLED',
                    'WITHDRAWN'
                ) NULL,
                \`request_note\` text NOT NULL,
                \`rejection_reason\` text NULL,
                \`no_modification_note\` text NULL,
                \`implementation_date\` date NULL,
                \`requested_at\` datetime(3) NOT NULL,
                \`approved_at\` datetime(3) NULL,
                \`observing_at\` datetime(3) NULL,
                \`imitating_at\` datetime(3) NULL,
                \`modifying_at\` datetime(3) NULL,
                \`implemented_at\` datetime(3) NULL,
                \`sustained_at\` datetime(3) NULL,
                \`closed_at\` datetime(3) NULL,
                \`stalled_at\` datetime(3) NULL,
                \`last_event_at\` datetime(3) NOT NULL,
                \`requested_by_user_id\` int UNSIGNED NULL,
                \`version\` int UNSIGNED NOT NULL DEFAULT '1',
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                INDEX \`IDX_214a918f0a3b23a76f373fc5a1\` (\`source_replication_id\`),
                INDEX \`IDX_c237c3872b139dea770d94a6ac\` (\`status\`, \`implemented_at\`),
                INDEX \`IDX_deac59686bcee2de3504381bc2\` (\`status\`, \`last_event_at\`),
                INDEX \`IDX_9581c3fc8381881a7197f01174\` (\`adopter_province_code\`, \`status\`),
                INDEX \`IDX_df6b65fd83a1b6c557e61fa29b\` (\`origin_agency_id\`, \`status\`),
                INDEX \`IDX_2cd6247eea6caf0dd34d798d68\` (\`adopter_agency_id\`, \`status\`),
                INDEX \`IDX_5d30222b14aa3daa441a897ce2\` (\`innovation_id\`, \`adopter_agency_id\`, \`status\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`replication_event\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`replication_id\` int UNSIGNED NOT NULL,
                \`actor_user_id\` int UNSIGNED NULL,
                \`action\` enum (
                    'APPROVE',
                    'REJECT',
                    'START_OBSERVING',
                    'START_IMITATING',
                    'START_MODIFYING',
                    'IMPLEMENT',
                    'SUSTAIN',
                    'STALL',
                    'RESUME',
                    'WITHDRAW'
                ) NULL,
                \`from_status\` enum (
                    'REQUESTED',
                    'APPROVED',
                    'REJECTED',
                    'OBSERVING',
                    'IMITATING',
                    'MODIFYING',
                    'IMPLEMENTED',
                    'SUSTAINED',
                    'STALLED',
                    'WITHDRAWN'
                ) NULL,
                \`to_status\` enum (
                    'REQUESTED',
                    'APPROVED',
                    'REJECTED',
                    'OBSERVING',
                    'IMITATING',
                    'MODIFYING',
                    'IMPLEMENTED',
                    'SUSTAINED',
                    'STALLED',
                    'WITHDRAWN'
                ) NOT NULL,
                \`note\` text NULL,
                \`evidence_url\` varchar(500) NULL,
                \`occurred_at\` datetime(3) NOT NULL,
                INDEX \`IDX_d7861ecdc4eec27cd52d1b2a2c\` (\`replication_id\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`replication_modification\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`replication_id\` int UNSIGNED NOT NULL,
                \`aspect\` enum (
                    'PROCESS',
                    'TECHNOLOGY',
                    'ORGANISATION',
                    'REGULATION',
                    'FUNDING',
                    'TARGET_GROUP',
                    'PARTNERSHIP',
                    'OTHER'
                ) NOT NULL,
                \`what_changed\` text NOT NULL,
                \`why\` text NOT NULL,
                \`created_by_user_id\` int UNSIGNED NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_eaf26b9ee9e3f76290361294a3\` (\`replication_id\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`outcome\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`innovation_id\` int UNSIGNED NOT NULL,
                \`replication_id\` int UNSIGNED NULL,
                \`indicator\` varchar(200) NOT NULL,
                \`unit\` enum (
                    'PERCENT',
                    'DAYS',
                    'HOURS',
                    'MINUTES',
                    'COUNT',
                    'PEOPLE',
                    'RUPIAH',
                    'SCORE',
                    'INDEX'
                ) NOT NULL,
                \`baseline_value\` decimal(18, 4) NOT NULL,
                \`baseline_date\` date NOT NULL,
                \`latest_value\` decimal(18, 4) NULL,
                \`latest_date\` date NULL,
                \`source\` varchar(500) NULL,
                \`created_by_user_id\` int UNSIGNED NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                INDEX \`IDX_6c67caf79e07cc168baf5f4518\` (\`replication_id\`),
                INDEX \`IDX_feeaa686d4c92d3ce138b553f8\` (\`innovation_id\`, \`replication_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`replication_document\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`replication_id\` int UNSIGNED NOT NULL,
                \`kind\` enum ('AGREEMENT', 'APPROVAL', 'REPORT', 'OTHER') NOT NULL,
                \`title\` varchar(200) NOT NULL,
                \`url\` varchar(500) NOT NULL,
                \`created_by_user_id\` int UNSIGNED NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_47e6ddf9f113fade1b7ae2f84b\` (\`replication_id\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`replication_checkin\` (
                \`replication_id\` int UNSIGNED NOT NULL,
                \`months\` tinyint UNSIGNED NOT NULL,
                \`due_at\` datetime(3) NOT NULL,
                \`raised_at\` datetime(3) NOT NULL,
                INDEX \`IDX_7e118609a60e1fe9e669057f3c\` (\`due_at\`),
                PRIMARY KEY (\`replication_id\`, \`months\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\`
            ADD CONSTRAINT \`FK_b06d20037c6cd50527bbfa23d5a\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\`
            ADD CONSTRAINT \`FK_81db4209aeab25adf58bb37527f\` FOREIGN KEY (\`adopter_agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\`
            ADD CONSTRAINT \`FK_7f52b2ef7d551c3833a40f33b20\` FOREIGN KEY (\`facilitator_agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\`
            ADD CONSTRAINT \`FK_214a918f0a3b23a76f373fc5a12\` FOREIGN KEY (\`source_replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_event\`
            ADD CONSTRAINT \`FK_44674005d33d20942f21b534c55\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_modification\`
            ADD CONSTRAINT \`FK_898e0a1ce292740b27bbe937a95\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`outcome\`
            ADD CONSTRAINT \`FK_f0a84e6162b77586f3f1a2ddfed\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`outcome\`
            ADD CONSTRAINT \`FK_6c67caf79e07cc168baf5f45182\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_document\`
            ADD CONSTRAINT \`FK_698c32014061fdf7fa7e193974e\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_checkin\`
            ADD CONSTRAINT \`FK_c6fc12de8d3acbecdc21d1a1822\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`replication_checkin\` DROP FOREIGN KEY \`FK_c6fc12de8d3acbecdc21d1a1822\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_document\` DROP FOREIGN KEY \`FK_698c32014061fdf7fa7e193974e\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`outcome\` DROP FOREIGN KEY \`FK_6c67caf79e07cc168baf5f45182\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`outcome\` DROP FOREIGN KEY \`FK_f0a84e6162b77586f3f1a2ddfed\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_modification\` DROP FOREIGN KEY \`FK_898e0a1ce292740b27bbe937a95\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_event\` DROP FOREIGN KEY \`FK_44674005d33d20942f21b534c55\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\` DROP FOREIGN KEY \`FK_214a918f0a3b23a76f373fc5a12\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\` DROP FOREIGN KEY \`FK_7f52b2ef7d551c3833a40f33b20\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\` DROP FOREIGN KEY \`FK_81db4209aeab25adf58bb37527f\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication\` DROP FOREIGN KEY \`FK_b06d20037c6cd50527bbfa23d5a\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_7e118609a60e1fe9e669057f3c\` ON \`replication_checkin\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication_checkin\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_47e6ddf9f113fade1b7ae2f84b\` ON \`replication_document\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication_document\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_feeaa686d4c92d3ce138b553f8\` ON \`outcome\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_6c67caf79e07cc168baf5f4518\` ON \`outcome\`
        `);
    await queryRunner.query(`
            DROP TABLE \`outcome\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_eaf26b9ee9e3f76290361294a3\` ON \`replication_modification\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication_modification\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_d7861ecdc4eec27cd52d1b2a2c\` ON \`replication_event\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication_event\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_5d30222b14aa3daa441a897ce2\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_2cd6247eea6caf0dd34d798d68\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_df6b65fd83a1b6c557e61fa29b\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_9581c3fc8381881a7197f01174\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_deac59686bcee2de3504381bc2\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_c237c3872b139dea770d94a6ac\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_214a918f0a3b23a76f373fc5a1\` ON \`replication\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication\`
        `);
  }
}
