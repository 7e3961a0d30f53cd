import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Replication } from '../replications/replication.entity';

export enum DocumentKind {
  /** Perjanjian kerja sama between origin and adopter. */
  AGREEMENT = 'AGREEMENT',
  /** The adopter's decree or approval to replicate. */
  APPROVAL = 'APPROVAL',
  REPORT = 'REPORT',
  OTHER = 'OTHER',
}

registerEnumType(DocumentKind, { name: 'DocumentKind' });

/** A link to a document about the replication (agreement, approval...), with a title. */
@ObjectType({ description: 'A document about a replication: agreement, approval, report.' })
@Entity('replication_document')
@Index(['replicationId', 'id'])
export class ReplicationDocument {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @ManyToOne(() => Replication, { nullable: false, onDelete: 'RESTRICT' })
  replication?: Relation<Replication>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  replicationId: number;

  @Field(() => DocumentKind)
  @Column({ type: 'enum', enum: DocumentKind })
  kind: DocumentKind;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'varchar', length: 500 })
  url: string;

  @Column({ type: 'int', unsigned: true, nullable: true })
  createdByUserId: number | null;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
