import { MigrationInterface, QueryRunner } from 'typeorm';

export class Forum1795386122403 implements MigrationInterface {
  name = 'Forum1795386122403';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`thread\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`subject\` enum ('HUB', 'INNOVATION', 'REPLICATION') NOT NULL,
                \`hub_id\` int UNSIGNED NULL,
                \`innovation_id\` int UNSIGNED NULL,
                \`replication_id\` int UNSIGNED NULL,
                \`title\` varchar(200) NOT NULL,
                \`author_user_id\` int UNSIGNED NOT NULL,
                \`pinned\` tinyint NOT NULL DEFAULT 0,
                \`locked\` tinyint NOT NULL DEFAULT 0,
                \`slow_mode_seconds\` int UNSIGNED NOT NULL DEFAULT '0',
                \`post_count\` int UNSIGNED NOT NULL DEFAULT '0',
                \`last_post_at\` datetime(3) NULL,
                \`last_activity_at\` datetime(3) NOT NULL,
                \`version\` int UNSIGNED NOT NULL DEFAULT '1',
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                INDEX \`IDX_85dcb69154f0af8db768f41970\` (\`replication_id\`, \`last_activity_at\`, \`id\`),
                INDEX \`IDX_338134eaa41155273a9b2d24c5\` (\`innovation_id\`, \`last_activity_at\`, \`id\`),
                INDEX \`IDX_be9a752eb8497343c24f55e5f5\` (\`hub_id\`, \`pinned\`, \`last_activity_at\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`post\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`thread_id\` int UNSIGNED NOT NULL,
                \`author_user_id\` int UNSIGNED NOT NULL,
                \`body\` text NOT NULL,
                \`body_html\` text NOT NULL,
                \`reply_to_post_id\` int UNSIGNED NULL,
                \`edited_at\` datetime(3) NULL,
                \`deleted_at\` datetime(3) NULL,
                \`hidden_at\` datetime(3) NULL,
                \`hidden_reason\` enum (
                    'SPAM',
                    'ABUSE',
                    'OFF_TOPIC',
                    'PERSONAL_DATA',
                    'MISINFORMATION',
                    'OTHER'
                ) NULL,
                \`hidden_by_user_id\` int UNSIGNED NULL,
                \`flag_count\` int UNSIGNED NOT NULL DEFAULT '0',
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                \`reply_to_id\` int UNSIGNED NULL,
                INDEX \`IDX_34ec2a1e5fecb3a9681d29d0c4\` (\`author_user_id\`, \`thread_id\`, \`created_at\`),
                INDEX \`IDX_fa91ca10e6253b67d3f37e8eb4\` (\`thread_id\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`post_mention\` (
                \`post_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                PRIMARY KEY (\`post_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`post_flag\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`post_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`reason\` enum (
                    'SPAM',
                    'ABUSE',
                    'OFF_TOPIC',
                    'PERSONAL_DATA',
                    'MISINFORMATION',
                    'OTHER'
                ) NOT NULL,
                \`note\` varchar(1000) NULL,
                \`status\` enum ('OPEN', 'RESOLVED', 'DISMISSED') NOT NULL DEFAULT 'OPEN',
                \`resolved_at\` datetime(3) NULL,
                \`resolved_by_user_id\` int UNSIGNED NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_60902fb10302ee97e823646b77\` (\`status\`, \`created_at\`),
                UNIQUE INDEX \`IDX_a8d018b0c3f22f352e6db64059\` (\`post_id\`, \`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`moderation_action\` (
                \`id\` int UNSIGNED NOT NULL AUTO_INCREMENT,
                \`hub_id\` int UNSIGNED NULL,
                \`actor_user_id\` int UNSIGNED NULL,
                \`action\` enum (
                    'PIN',
                    'UNPIN',
                    'LOCK',
                    'UNLOCK',
                    'SET_SLOW_MODE',
                    'HIDE_POST',
                    'UNHIDE_POST',
                    'AUTO_HIDE',
                    'MUTE_USER',
                    'UNMUTE_USER',
                    'RESOLVE_FLAG',
                    'DISMISS_FLAG'
                ) NOT NULL,
                \`target_type\` enum ('THREAD', 'POST', 'USER', 'FLAG') NOT NULL,
                \`target_id\` int UNSIGNED NOT NULL,
                \`thread_id\` int UNSIGNED NULL,
                \`reason\` varchar(1000) NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_b30e65292a3599560228ad6608\` (\`target_type\`, \`target_id\`),
                INDEX \`IDX_65b9bb1804d70490f6b22e5c6c\` (\`hub_id\`, \`id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`hub_mute\` (
                \`hub_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`muted_until\` datetime(3) NOT NULL,
                \`reason\` varchar(1000) NOT NULL,
                \`created_by_user_id\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                PRIMARY KEY (\`hub_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\`
            ADD CONSTRAINT \`FK_6c21759bfb02b86063fea410950\` FOREIGN KEY (\`hub_id\`) REFERENCES \`network\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\`
            ADD CONSTRAINT \`FK_c2bdf7648804af7641acacad033\` FOREIGN KEY (\`innovation_id\`) REFERENCES \`innovation\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\`
            ADD CONSTRAINT \`FK_eee9d8041b9454a19e55080adde\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`post\`
            ADD CONSTRAINT \`FK_34b1af108a2cba82cdbfefaefb1\` FOREIGN KEY (\`thread_id\`) REFERENCES \`thread\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`post\`
            ADD CONSTRAINT \`FK_5cff2ea91af448f51ed2b68283f\` FOREIGN KEY (\`reply_to_id\`) REFERENCES \`post\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`post_flag\`
            ADD CONSTRAINT \`FK_c1c148672cbadd895b2e41f4879\` FOREIGN KEY (\`post_id\`) REFERENCES \`post\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`hub_mute\`
            ADD CONSTRAINT \`FK_c3050b5d3feea1a27d49bbce84d\` FOREIGN KEY (\`hub_id\`) REFERENCES \`network\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`hub_mute\` DROP FOREIGN KEY \`FK_c3050b5d3feea1a27d49bbce84d\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`post_flag\` DROP FOREIGN KEY \`FK_c1c148672cbadd895b2e41f4879\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`post\` DROP FOREIGN KEY \`FK_5cff2ea91af448f51ed2b68283f\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`post\` DROP FOREIGN KEY \`FK_34b1af108a2cba82cdbfefaefb1\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\` DROP FOREIGN KEY \`FK_eee9d8041b9454a19e55080adde\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\` DROP FOREIGN KEY \`FK_c2bdf7648804af7641acacad033\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread\` DROP FOREIGN KEY \`FK_6c21759bfb02b86063fea410950\`
        `);
    await queryRunner.query(`
            DROP TABLE \`hub_mute\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_65b9bb1804d70490f6b22e5c6c\` ON \`moderation_action\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_b30e65292a3599560228ad6608\` ON \`moderation_action\`
        `);
    await queryRunner.query(`
            DROP TABLE \`moderation_action\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_a8d018b0c3f22f352e6db64059\` ON \`post_flag\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_60902fb10302ee97e823646b77\` ON \`post_flag\`
        `);
    await queryRunner.query(`
            DROP TABLE \`post_flag\`
        `);
    await queryRunner.query(`
            DROP TABLE \`post_mention\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_fa91ca10e6253b67d3f37e8eb4\` ON \`post\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_34ec2a1e5fecb3a9681d29d0c4\` ON \`post\`
        `);
    await queryRunner.query(`
            DROP TABLE \`post\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_be9a752eb8497343c24f55e5f5\` ON \`thread\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_338134eaa41155273a9b2d24c5\` ON \`thread\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_85dcb69154f0af8db768f41970\` ON \`thread\`
        `);
    await queryRunner.query(`
            DROP TABLE \`thread\`
        `);
  }
}
