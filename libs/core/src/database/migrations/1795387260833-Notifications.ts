import { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1795387260833 implements MigrationInterface {
  name = 'Notifications1795387260833';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`notification\` (
                \`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT,
                \`outbox_event_id\` bigint UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`type\` enum (
                    'REPLICATION_REQUESTED',
                    'REPLICATION_UPDATED',
                    'REPLICATION_STALLED',
                    'CHECKIN_DUE',
                    'INNOVATION_PUBLISHED',
                    'FORUM_REPLY',
                    'FORUM_MENTION',
                    'THREAD_POST',
                    'POST_FLAGGED',
                    'POST_AUTO_HIDDEN'
                ) NOT NULL,
                \`actor_user_id\` int UNSIGNED NULL,
                \`title\` varchar(200) NOT NULL,
                \`body\` varchar(1000) NOT NULL,
                \`link\` varchar(500) NOT NULL,
                \`in_app\` tinyint NOT NULL,
                \`email_mode\` enum ('INSTANT', 'DAILY', 'OFF') NOT NULL,
                \`email_sent_at\` datetime(3) NULL,
                \`read_at\` datetime(3) NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_0dc5792cf1171ad129baa5a4f2\` (\`email_mode\`, \`email_sent_at\`, \`id\`),
                INDEX \`IDX_5d4d4bb493f6d78af2a064a451\` (\`user_id\`, \`in_app\`, \`read_at\`, \`id\`),
                INDEX \`IDX_7f45fa336ee0c0d066f82134ca\` (\`user_id\`, \`in_app\`, \`id\`),
                UNIQUE INDEX \`IDX_a0bc5701d95320e59a686181ae\` (\`outbox_event_id\`, \`user_id\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`notification_preference\` (
                \`user_id\` int UNSIGNED NOT NULL,
                \`type\` enum (
                    'REPLICATION_REQUESTED',
                    'REPLICATION_UPDATED',
                    'REPLICATION_STALLED',
                    'CHECKIN_DUE',
                    'INNOVATION_PUBLISHED',
                    'FORUM_REPLY',
                    'FORUM_MENTION',
                    'THREAD_POST',
                    'POST_FLAGGED',
                    'POST_AUTO_HIDDEN'
                ) NOT NULL,
                \`channel\` enum ('IN_APP', 'EMAIL') NOT NULL,
                \`mode\` enum ('INSTANT', 'DAILY', 'OFF') NOT NULL,
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                PRIMARY KEY (\`user_id\`, \`type\`, \`channel\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`replication_watch\` (
                \`replication_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_71122970594c89ef0128a2184e\` (\`user_id\`, \`replication_id\`),
                PRIMARY KEY (\`replication_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`thread_watch\` (
                \`thread_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_e9725114fc3cd56d7d5a52d037\` (\`user_id\`, \`thread_id\`),
                PRIMARY KEY (\`thread_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`agency_watch\` (
                \`agency_id\` int UNSIGNED NOT NULL,
                \`user_id\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                INDEX \`IDX_48203ae914617312a0eee24927\` (\`user_id\`, \`agency_id\`),
                PRIMARY KEY (\`agency_id\`, \`user_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            CREATE TABLE \`hub_publish_alerts\` (
                \`network_id\` int UNSIGNED NOT NULL,
                \`alerts\` enum ('OFF', 'HUB_INNOVATIONS', 'ALL') NOT NULL,
                \`updated_by_user_id\` int UNSIGNED NULL,
                \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
                PRIMARY KEY (\`network_id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`user\`
            ADD \`locale\` enum ('id', 'en') NOT NULL DEFAULT 'id'
        `);
    await queryRunner.query(`
            ALTER TABLE \`notification\`
            ADD CONSTRAINT \`FK_928b7aa1754e08e1ed7052cb9d8\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`notification_preference\`
            ADD CONSTRAINT \`FK_ff040d2d2e35c49b00525783829\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_watch\`
            ADD CONSTRAINT \`FK_520966e195df0a955aebf11ba2f\` FOREIGN KEY (\`replication_id\`) REFERENCES \`replication\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_watch\`
            ADD CONSTRAINT \`FK_84dd42891e66c7077935b173997\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread_watch\`
            ADD CONSTRAINT \`FK_df38e5862d0956f8fa7f48ba992\` FOREIGN KEY (\`thread_id\`) REFERENCES \`thread\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread_watch\`
            ADD CONSTRAINT \`FK_4075c40b5176fb951533ee37458\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency_watch\`
            ADD CONSTRAINT \`FK_cf39f7c68f0a77176bf312645ca\` FOREIGN KEY (\`agency_id\`) REFERENCES \`agency\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency_watch\`
            ADD CONSTRAINT \`FK_8bd05dbabbf9cac083b08000a98\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE \`hub_publish_alerts\`
            ADD CONSTRAINT \`FK_210ef55e1af4990ca90c69d553f\` FOREIGN KEY (\`network_id\`) REFERENCES \`network\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`hub_publish_alerts\` DROP FOREIGN KEY \`FK_210ef55e1af4990ca90c69d553f\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency_watch\` DROP FOREIGN KEY \`FK_8bd05dbabbf9cac083b08000a98\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`agency_watch\` DROP FOREIGN KEY \`FK_cf39f7c68f0a77176bf312645ca\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread_watch\` DROP FOREIGN KEY \`FK_4075c40b5176fb951533ee37458\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`thread_watch\` DROP FOREIGN KEY \`FK_df38e5862d0956f8fa7f48ba992\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_watch\` DROP FOREIGN KEY \`FK_84dd42891e66c7077935b173997\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`replication_watch\` DROP FOREIGN KEY \`FK_520966e195df0a955aebf11ba2f\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`notification_preference\` DROP FOREIGN KEY \`FK_ff040d2d2e35c49b00525783829\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`notification\` DROP FOREIGN KEY \`FK_928b7aa1754e08e1ed7052cb9d8\`
        `);
    await queryRunner.query(`
            ALTER TABLE \`user\` DROP COLUMN \`locale\`
        `);
    await queryRunner.query(`
            DROP TABLE \`hub_publish_alerts\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_48203ae914617312a0eee24927\` ON \`agency_watch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`agency_watch\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_e9725114fc3cd56d7d5a52d037\` ON \`thread_watch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`thread_watch\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_71122970594c89ef0128a2184e\` ON \`replication_watch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`replication_watch\`
        `);
    await queryRunner.query(`
            DROP TABLE \`notification_preference\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_a0bc5701d95320e59a686181ae\` ON \`notification\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_7f45fa336ee0c0d066f82134ca\` ON \`notification\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_5d4d4bb493f6d78af2a064a451\` ON \`notification\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_0dc5792cf1171ad129baa5a4f2\` ON \`notification\`
        `);
    await queryRunner.query(`
            DROP TABLE \`notification\`
        `);
  }
}
