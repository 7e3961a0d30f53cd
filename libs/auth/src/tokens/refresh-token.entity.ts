import { CreatedAtColumn } from '@jipp/core';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A refresh token, stored as its SHA-256 hash. Refreshing rotates it; presenting a rotated token
 * again revokes its whole family (a stolen token is useless once either party refreshes).
 */
@Entity('refresh_token')
@Index(['userId'])
@Index(['familyId'])
@Index(['expiresAt'])
export class RefreshToken {
  @PrimaryGeneratedColumn({ type: 'bigint', unsigned: true })
  id: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Column({ type: 'int', unsigned: true })
  userId: number;

  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'char', length: 36 })
  familyId: string;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Set when this token was rotated (not merely revoked). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  rotatedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}
