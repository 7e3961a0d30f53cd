import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Agency } from '@jipp/agencies';
import { CreatedAtColumn, Role, UpdatedAtColumn } from '@jipp/core';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserLocale } from './user-locale';
import { UserStatus } from './user-status';

/** A person who works for one agency. The password hash never gets a GraphQL field. */
@ObjectType({ description: 'A platform user; belongs to one agency.' })
@Entity('user')
@Index(['agencyId', 'role'])
export class User {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Agency, { nullable: false, onDelete: 'RESTRICT' })
  agency?: Relation<Agency>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  agencyId: number;

  /** Stored lower-case; shown only to the user, their agency's admins and national admins. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Field()
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  @Field(() => Role)
  @Column({ type: 'enum', enum: Role, default: Role.MEMBER })
  role: Role;

  @Field(() => UserStatus)
  @Column({ type: 'enum', enum: UserStatus, default: UserStatus.ACTIVE })
  status: UserStatus;

  /** The language of the user's notifications and e-mails. */
  @Field(() => UserLocale)
  @Column({ type: 'enum', enum: UserLocale, default: UserLocale.ID })
  locale: UserLocale;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
