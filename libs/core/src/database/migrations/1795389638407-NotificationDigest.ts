import { MigrationInterface, QueryRunner } from 'typeorm';

export class NotificationDigest1795389638407 implements MigrationInterface {
  name = 'NotificationDigest1795389638407';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE \`notification_digest\` (
                \`id\` bigint UNSIGNED NOT NULL AUTO_INCREMENT,
                \`user_id\` int UNSIGNED NOT NULL,
                \`day\` date NOT NULL,
                \`notification_count\` int UNSIGNED NOT NULL,
                \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                UNIQUE INDEX \`IDX_20924dbbe1ea0c1a676315dbb4\` (\`user_id\`, \`day\`),
                PRIMARY KEY (\`id\`)
            ) ENGINE = InnoDB
        `);
    await queryRunner.query(`
            ALTER TABLE \`notification_digest\`
            ADD CONSTRAINT \`FK_a90a56c6325a3eb952b3394eb45\` FOREIGN KEY (\`user_id\`) REFERENCES \`user\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE \`notification_digest\` DROP FOREIGN KEY \`FK_a90a56c6325a3eb952b3394eb45\`
        `);
    await queryRunner.query(`
            DROP INDEX \`IDX_20924dbbe1ea0c1a676315dbb4\` ON \`notification_digest\`
        `);
    await queryRunner.query(`
            DROP TABLE \`notification_digest\`
        `);
  }
}
