import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { InnovationCategory } from './innovation-category.entity';

const SDG_GOALS = Array.from({ length: 17 }, (_, i) => String(i + 1));

/** The whole `innovation` table; the GraphQL type shows the catalogue's fields. */
@ObjectType()
@Entity('innovation')
export class Innovation {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ unsigned: true })
  id: number;

  @Field()
  @Column()
  slug: string;

  @Column({ name: 'registration_number', type: 'varchar', nullable: true })
  registrationNumber: string | null;

  @Field()
  @Column()
  title: string;

  @Field()
  @Column('text')
  summary: string;

  @Field()
  @Column('text')
  problem: string;

  @Field()
  @Column('text')
  approach: string;

  @Field()
  @Column('text')
  novelty: string;

  @Field()
  @Column('text')
  impact: string;

  @Column({ name: 'category_id' })
  categoryId: number;

  @Field(() => InnovationCategory)
  @ManyToOne(() => InnovationCategory)
  @JoinColumn({ name: 'category_id' })
  category: InnovationCategory;

  @Field()
  @Column('boolean')
  digital: boolean;

  @Field()
  @Column()
  stage: string;

  /** Exposed as numbers by the resolver. */
  @Column({ name: 'sdg_goals', type: 'set', enum: SDG_GOALS })
  sdgGoals: string[];

  @Field(() => Int)
  @Column({ name: 'launch_year' })
  launchYear: number;

  @Column({ name: 'origin_agency_id' })
  originAgencyId: number;

  @Field(() => Agency)
  @ManyToOne(() => Agency)
  @JoinColumn({ name: 'origin_agency_id' })
  originAgency: Agency;

  @Column({ name: 'region_code' })
  regionCode: string;

  @Column({ name: 'province_code' })
  provinceCode: string;

  @Column({ name: 'origin_agency_type' })
  originAgencyType: string;

  @Column({ name: 'contact_unit', type: 'varchar', nullable: true })
  contactUnit: string | null;

  @Column({ name: 'contact_name', type: 'varchar', nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_email', type: 'varchar', nullable: true })
  contactEmail: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', nullable: true })
  contactPhone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'reference_url', type: 'varchar', nullable: true })
  referenceUrl: string | null;

  @Field()
  @Column()
  status: string;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ name: 'archived_at', type: 'datetime', precision: 3, nullable: true })
  archivedAt: Date | null;

  @Column({ name: 'listed_at', type: 'datetime', precision: 3 })
  listedAt: Date;

  @Column({ name: 'view_count' })
  viewCount: number;

  @Column({ name: 'watcher_count' })
  watcherCount: number;

  @Column({ name: 'agreed_count' })
  agreedCount: number;

  @Column({ name: 'replicated_count' })
  replicatedCount: number;

  @Column({ name: 'provinces_reached' })
  provincesReached: number;

  @Column({ name: 'created_by_user_id', type: 'int', nullable: true })
  createdByUserId: number | null;

  @Column()
  version: number;

  @Field()
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Field()
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;
}
