import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType()
@Entity('user')
export class User {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  /** The agency is resolved by `UsersResolver`. */
  @Column({ name: 'agency_id' })
  agencyId: number;

  @Column()
  email: string;

  @Field()
  @Column()
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', nullable: true })
  passwordHash: string | null;

  @Field()
  @Column()
  role: string;

  @Field()
  @Column()
  status: string;

  @Column()
  locale: string;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 3, nullable: true })
  lastLoginAt: Date | null;

  @Field()
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
