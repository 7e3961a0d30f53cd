import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795380479519 implements MigrationInterface {
  name = 'Foundation1795380479519';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`audit_log\` (
                \`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT,
                \`actor_user_id\` int UNSIGNED NULL,
                \`action\` varchar(64) NOT NULL,
                \`entity_type\` varchar(64) NOT NULL,
                \`entity_id\` varchar(64) NOT NULL,
                \`before\` json NULL,
                \`after\` json NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_318a700ebaeb8bd8cf07b14543\` (\`actor_user_id\`, \`created_at\`),
                INDEX \`IDX_43fef0ec7f613c19c612fffe62\` (\`entity_type\`, \`entity_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`outbox_event\` (
                \`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT,
                \`type\` varchar(64) NOT NULL,
                \`aggregate_type\` varchar(64) NOT NULL,
                \`aggregate_id\` varchar(64) NOT NULL,
                \`actor_user_id\` int UNSIGNED NULL,
                \`payload\` json NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`dispatched_at\` datetime(3) NULL,
                INDEX \`IDX_f8fc6eaaf0d0b68846236ae0e5\` (\`dispatched_at\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`region\` (
                \`code\` varchar(13) NOT NULL,
                \`name\` varchar(100) NOT NULL,
                \`level\` enum ('PROVINCE', 'REGENCY') NOT NULL,
                \`kind\` enum ('KABUPATEN', 'KOTA') NULL,
                \`province_code\` varchar(13) NOT NULL,
                INDEX \`IDX_0f9aab6ef722925caaa3dd25a4\` (\`province_code\`, \`name\`),
                PRIMARY KEY (\`code\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`agency\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`name\` varchar(200) NOT NULL,
                \`short_name\` varchar(60) NULL,
                \`type\` enum (
                    'KEMENTERIAN',
                    'LEMBAGA',
                    'PEMPROV',
                    'PEMKAB',
                    'PEMKOT',
                    'BUMN',
                    'BUMD'
                ) NOT NULL,
                \`region_code\` varchar(13) NOT NULL,
                \`province_code\` varchar(13) NOT NULL,
                \`parent_id\` int UNSIGNED NULL,
                \`active\` tinyint NOT NULL DEFAULT 1,
                \`version\` int UNSIGNED NOT NULL DEFAULT '1',
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_30e185b1233a7b5a3faedd4524\` (\`name\`),
                INDEX \`IDX_3946e1ec7b6a9d295cea21ae86\` (\`province_code\`, \`type\`),
                INDEX \`IDX_c411e0eef8efaea404c2aaced5\` (\`type\`, \`region_code\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`network\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`name\` varchar(120) NOT NULL,
                \`slug\` varchar(80) NOT NULL,
                \`province_code\` varchar(13) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_8152c1df5adc4846b705ddde6d\` (\`name\`),
                UNIQUE INDEX \`IDX_b13ce705afa22ac337c75a8416\` (\`slug\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`network_member\` (
                \`network_id\` int UNSIGNED NOT NULL,
                \`agency_id\` int UNSIGNED NOT NULL,
                \`joined_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_ccf1174aae8545c787b853dc90\` (\`agency_id\`),
                PRIMARY KEY (\`network_id\`, \`agency_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`user\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`agency_id\` int UNSIGNED NOT NULL,
                \`email\` varchar(254) NOT NULL,
                \`name\` varchar(120) NOT NULL,
                \`password_hash\` varchar(255) NULL,
                \`role\` enum ('MEMBER', 'AGENCY_ADMIN', 'COORDINATOR', 'ADMIN') NOT NULL DEFAULT 'MEMBER',
                \`status\` enum ('INVITED', 'ACTIVE', 'DISABLED') NOT NULL DEFAULT 'ACTIVE',
                \`last_login_at\` datetime(3) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` (\`email\`),
                INDEX \`IDX_7234b828cc8a1a0d47263067dd\` (\`agency_id\`, \`role\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`network_coordinator\` (
                \`network_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`assigned_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_03b9daaf3976822c9881c84b5b\` (\`user_id\`),
                PRIMARY KEY (\`network_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`invitation\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`user_id\` int UNSIGNED NOT NULL,
                \`invited_by_id\` int UNSIGNED NOT NULL,
                \`token_hash\` char(64) NOT NULL,
                \`expires_at\` datetime(3) NOT NULL,
                \`accepted_at\` datetime(3) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_b827d3749ffbb3b5ab5099afd6\` (\`token_hash\`),
                INDEX \`IDX_dbf801c80100c878509602456f\` (\`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`refresh_token\` (
                \`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT,
                \`user_id\` int UNSIGNED NOT NULL,
                \`token_hash\` char(64) NOT NULL,
                \`family_id\` char(36) NOT NULL,
                \`expires_at\` datetime(3) NOT NULL,
                \`revoked_at\` datetime(3) NULL,
                \`rotated_at\` datetime(3) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_f0812282fad2e352cdaf83ef0a\` (\`token_hash\`),
                INDEX \`IDX_e888ad854be5ebd601c775455e\` (\`expires_at\`),
                INDEX \`IDX_eb31f2a7917404a46e17f539f1\` (\`family_id\`),
                INDEX \`IDX_6bbe63d2fe75e7f0ba1710351d\` (\`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency\`
            ADD CONSTRAINT \`FK_9fb51ffcb0a44225993fb61e4a6\` FOREIGN KEY (\`region_code\`) REFERENCES \`region\`(\`code\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency\`
            ADD CONSTRAINT \`FK_23b82556fb4ce8b297ecc6fbd2f\` FOREIGN KEY (\`parent_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_member\`
            ADD CONSTRAINT \`FK_c734596c8b5c2b5b687c13f8cf6\` FOREIGN KEY (\`network_id\`) REFERENCES \`network\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_member\`
            ADD CONSTRAINT \`FK_ccf1174aae8545c787b853dc90a\` FOREIGN KEY (\`agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`user\`
            ADD CONSTRAINT \`FK_da38a07feb5a323fd8e5e3a232e\` FOREIGN KEY (\`agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_coordinator\`
            ADD CONSTRAINT \`FK_ca76a8055fdcca05d6765d55c79\` FOREIGN KEY (\`network_id\`) REFERENCES \`network\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_coordinator\`
            ADD CONSTRAINT \`FK_03b9daaf3976822c9881c84b5b0\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`invitation\`
            ADD CONSTRAINT \`FK_dbf801c80100c878509602456ff\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`refresh_token\`
            ADD CONSTRAINT \`FK_6bbe63d2fe75e7f0ba1710351d4\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`refresh_token\` DROP FOREIGN KEY \`FK_6bbe63d2fe75e7f0ba1710351d4\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`invitation\` DROP FOREIGN KEY \`FK_dbf801c80100c878509602456ff\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_coordinator\` DROP FOREIGN KEY \`FK_03b9daaf3976822c9881c84b5b0\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_coordinator\` DROP FOREIGN KEY \`FK_ca76a8055fdcca05d6765d55c79\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_da38a07feb5a323fd8e5e3a232e\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_member\` DROP FOREIGN KEY \`FK_ccf1174aae8545c787b853dc90a\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`network_member\` DROP FOREIGN KEY \`FK_c734596c8b5c2b5b687c13f8cf6\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency\` DROP FOREIGN KEY \`FK_23b82556fb4ce8b297ecc6fbd2f\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency\` DROP FOREIGN KEY \`FK_9fb51ffcb0a44225993fb61e4a6\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_6bbe63d2fe75e7f0ba1710351d\` ON \`refresh_token\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_eb31f2a7917404a46e17f539f1\` ON \`refresh_token\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_e888ad854be5ebd601c775455e\` ON \`refresh_token\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_f0812282fad2e352cdaf83ef0a\` ON \`refresh_token\`
        `);
    await queryRunner.query(`
            DROP TABLE \`refresh_token\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_dbf801c80100c878509602456f\` ON \`invitation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_b827d3749ffbb3b5ab5099afd6\` ON \`invitation\`
        `);
    await queryRunner.query(`
            DROP TABLE \`invitation\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_03b9daaf3976822c9881c84b5b\` ON \`network_coordinator\`
        `);
    await queryRunner.query(`
            DROP TABLE \`network_coordinator\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_7234b828cc8a1a0d47263067dd\` ON \`user\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_e12875dfb3b1d92d7d7c5377e2\` ON \`user\`
        `);
    await queryRunner.query(`
            DROP TABLE \`user\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_ccf1174aae8545c787b853dc90\` ON \`network_member\`
        `);
    await queryRunner.query(`
            DROP TABLE \`network_member\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_b13ce705afa22ac337c75a8416\` ON \`network\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_8152c1df5adc4846b705ddde6d\` ON \`network\`
        `);
    await queryRunner.query(`
            DROP TABLE \`network\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_c411e0eef8efaea404c2aaced5\` ON \`agency\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_3946e1ec7b6a9d295cea21ae86\` ON \`agency\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_30e185b1233a7b5a3faedd4524\` ON \`agency\`
        `);
    await queryRunner.query(`
            DROP TABLE \`agency\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_0f9aab6ef722925caaa3dd25a4\` ON \`region\`
        `);
    await queryRunner.query(`
            DROP TABLE \`region\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_f8fc6eaaf0d0b68846236ae0e5\` ON \`outbox_event\`
        `);
    await queryRunner.query(`
            DROP TABLE \`outbox_event\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_43fef0ec7f613c19c612fffe62\` ON \`audit_log\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_318a700ebaeb8bd8cf07b14543\` ON \`audit_log\`
        `);
    await queryRunner.query(`
            DROP TABLE \`audit_log\`
        `);
  }
}
