import { Agency, AgencyType } from '@jipp/agencies';
import { CreatedAtColumn, UpdatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  Entity,
  Index,
  ManyToOne,
  PrimaryGeneratedColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { InnovationCategory } from '../categories/innovation-category.entity';
import { InnovationStage, InnovationStatus } from './innovation-enums';

/** Unique index names, so a duplicate-key error says which key was taken. */
export const SLUG_INDEX = 'uq_innovation_slug';
export const REGISTRATION_NUMBER_INDEX = 'uq_innovation_registration_number';

export const SDG_GOALS = Array.from({ length: 17 }, (_, i) => String(i + 1));

/** SDG goals are a MySQL SET ('1'..'17'): one small column, read with the row, no join. */
const sdgTransformer = {
  to: (goals: number[] | undefined): string[] | undefined => goals?.map(String),
  from: (goals: string[] | string | null): number[] =>
    (Array.isArray(goals) ? goals : (goals ?? '').split(','))
      .filter(Boolean)
      .map(Number)
      .sort((a, b) => a - b),
};

/** A public-service innovation in the catalogue, owned by its origin agency. */
@ObjectType({ description: 'A public-service innovation (inovasi) in the catalogue.' })
@Entity('innovation')
@Index(['status', 'listedAt', 'id'])
@Index(['status', 'replicatedCount', 'id'])
@Index(['status', 'provincesReached', 'id'])
@Index(['status', 'viewCount', 'id'])
@Index(['originAgencyId', 'status'])
@Index(['provinceCode', 'status'])
@Index(['regionCode', 'status'])
@Index(['categoryId', 'status'])
@Index('ft_innovation_text', ['title', 'summary', 'problem'], { fulltext: true })
@Index('ft_innovation_problem', ['title', 'problem'], { fulltext: true })
export class Innovation {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field({ description: 'Stable address of the innovation; never changes once set.' })
  @Index(SLUG_INDEX, { unique: true })
  @Column({ type: 'varchar', length: 160 })
  slug: string;

  @Field(() => String, {
    nullable: true,
    description: 'Registration number in the source registry (e.g. SINOVIK), used to match imports.',
  })
  @Index(REGISTRATION_NUMBER_INDEX, { unique: true })
  @Column({ type: 'varchar', length: 60, nullable: true })
  registrationNumber: string | null;

  @Field()
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field()
  @Column({ type: 'text' })
  summary: string;

  @Field({ description: 'The public-service problem it solves.' })
  @Column({ type: 'text' })
  problem: string;

  @Field({ description: 'How it works.' })
  @Column({ type: 'text' })
  approach: string;

  @Field({ description: 'What is new about it.' })
  @Column({ type: 'text' })
  novelty: string;

  @Field({ description: 'What it changed, with figures where known.' })
  @Column({ type: 'text' })
  impact: string;

  @ManyToOne(() => InnovationCategory, { nullable: false, onDelete: 'RESTRICT' })
  category?: Relation<InnovationCategory>;

  @Column({ type: 'int', unsigned: true })
  categoryId: number;

  @Field({ description: 'Whether the innovation is a digital service.' })
  @Column({ type: 'boolean' })
  digital: boolean;

  @Field(() => InnovationStage)
  @Column({ type: 'enum', enum: InnovationStage })
  stage: InnovationStage;

  @Field(() => [Int], { description: 'Sustainable Development Goals it serves (1-17).' })
  @Column({ type: 'set', enum: SDG_GOALS, default: [], transformer: sdgTransformer })
  sdgGoals: number[];

  @Field(() => Int)
  @Column({ type: 'smallint', unsigned: true })
  launchYear: number;

  @ManyToOne(() => Agency, { nullable: false, onDelete: 'RESTRICT' })
  originAgency?: Relation<Agency>;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  originAgencyId: number;

  /** Denormalised from the origin agency (which never moves) so region filters use an index. */
  @Column({ type: 'varchar', length: 13 })
  regionCode: string;

  @Column({ type: 'varchar', length: 13 })
  provinceCode: string;

  @Column({ type: 'enum', enum: AgencyType })
  originAgencyType: AgencyType;

  /** The unit that runs the innovation; shown to signed-in users only. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contactUnit: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  @Field(() => String, { nullable: true, description: 'A public page about the innovation.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  referenceUrl: string | null;

  @Field(() => InnovationStatus)
  @Column({ type: 'enum', enum: InnovationStatus, default: InnovationStatus.DRAFT })
  status: InnovationStatus;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'datetime', precision: 3, nullable: true })
  archivedAt: Date | null;

  /** When it entered the list: creation, then publication. Orders NEWEST (never null, so keyset-safe). */
  @Column({ type: 'datetime', precision: 3 })
  listedAt: Date;

  /** Funnel counters, kept by the system. */
  @Column({ type: 'int', unsigned: true, default: 0 })
  viewCount: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  watcherCount: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  agreedCount: number;

  @Column({ type: 'int', unsigned: true, default: 0 })
  replicatedCount: number;

  @Column({ type: 'smallint', unsigned: true, default: 0 })
  provincesReached: number;

  @Column({ type: 'int', unsigned: true, nullable: true })
  createdByUserId: number | null;

  @Field(() => Int, { description: 'Pass it back when editing: a stale version is refused with CONFLICT.' })
  @VersionColumn({ type: 'int', unsigned: true, default: 1 })
  version: number;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  @UpdatedAtColumn()
  updatedAt: Date;
}
