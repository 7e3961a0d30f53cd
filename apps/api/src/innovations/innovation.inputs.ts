import { AgencyType } from '@jipp/agencies';
import { ConnectionArgs } from '@jipp/core';
import {
  AwardCompetition,
  AwardLevel,
  InnovationOrder,
  InnovationStage,
  InnovationStatus,
  FIRST_AWARD_YEAR,
  FIRST_LAUNCH_YEAR,
  SLUG_PATTERN,
  TEXT_LIMITS,
} from '@jipp/innovations';
import { PROVINCE_CODE, REGENCY_CODE } from '@jipp/regions';
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../common/trim';

const latestYear = (): number => new Date().getUTCFullYear();

@InputType()
export class AwardFilterInput {
  @Field(() => AwardCompetition, { nullable: true })
  @IsOptional()
  @IsEnum(AwardCompetition)
  competition?: AwardCompetition;

  @Field(() => [AwardLevel], { nullable: true, description: 'Any of these levels.' })
  @IsOptional()
  @IsEnum(AwardLevel, { each: true })
  @ArrayMaxSize(10)
  levels?: AwardLevel[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@InputType()
export class InnovationFilterInput {
  @Field({ nullable: true, description: 'Words to find in the title, summary and problem.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;

  @Field(() => [Int], { nullable: true, description: 'Any of these categories.' })
  @IsOptional()
  @IsInt({ each: true })
  @ArrayMaxSize(50)
  categoryIds?: number[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(FIRST_LAUNCH_YEAR)
  @Max(2100)
  launchYearFrom?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(FIRST_LAUNCH_YEAR)
  @Max(2100)
  launchYearTo?: number;

  @Field({ nullable: true, description: 'Province of the origin agency, e.g. "35".' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field({ nullable: true, description: 'Regency or city of the origin agency, e.g. "35.10".' })
  @IsOptional()
  @Matches(REGENCY_CODE, { message: 'regencyCode must be a regency code such as 35.10' })
  regencyCode?: string;

  @Field(() => [AgencyType], { nullable: true, description: 'Any of these origin agency types.' })
  @IsOptional()
  @IsEnum(AgencyType, { each: true })
  @ArrayMaxSize(7)
  agencyTypes?: AgencyType[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  originAgencyId?: number;

  @Field(() => AwardFilterInput, { nullable: true, description: 'Innovations holding such an award.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AwardFilterInput)
  award?: AwardFilterInput;

  @Field(() => [Int], { nullable: true, description: 'Serving any of these SDGs (1-17).' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(17, { each: true })
  @ArrayMaxSize(17)
  sdgGoals?: number[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  digital?: boolean;

  @Field(() => [InnovationStage], { nullable: true })
  @IsOptional()
  @IsEnum(InnovationStage, { each: true })
  @ArrayMaxSize(3)
  stages?: InnovationStage[];

  @Field(() => [InnovationStatus], {
    nullable: true,
    description: 'Defaults to PUBLISHED. Drafts and archived ones are listed for your own agency only.',
  })
  @IsOptional()
  @IsEnum(InnovationStatus, { each: true })
  @ArrayMaxSize(3)
  statuses?: InnovationStatus[];
}

@ArgsType()
export class InnovationsArgs extends ConnectionArgs {
  @Field(() => InnovationFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InnovationFilterInput)
  filter?: InnovationFilterInput;

  @Field(() => InnovationOrder, {
    nullable: true,
    description: 'RELEVANCE with a search, NEWEST without one, unless you say otherwise.',
  })
  @IsOptional()
  @IsEnum(InnovationOrder)
  orderBy?: InnovationOrder;
}

/** The fields an agency writes; all optional here, required on create. */
@InputType()
export class InnovationContentInput {
  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.title)
  title?: string;

  @Field({ nullable: true, description: 'One paragraph, up to 2,000 characters.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.summary)
  summary?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.problem)
  problem?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.approach)
  approach?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.novelty)
  novelty?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...TEXT_LIMITS.impact)
  impact?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  categoryId?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  digital?: boolean;

  @Field(() => InnovationStage, { nullable: true })
  @IsOptional()
  @IsEnum(InnovationStage)
  stage?: InnovationStage;

  @Field(() => [Int], { nullable: true, description: 'SDGs served, 1-17.' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(17, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(17)
  sdgGoals?: number[];

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(FIRST_LAUNCH_YEAR)
  @Max(latestYear())
  launchYear?: number;

  @Field({ nullable: true, description: 'The unit that runs it, e.g. Dinas Kesehatan.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  contactUnit?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(120)
  contactName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @Matches(/^\+?[0-9 ()-]{6,40}$/, { message: 'contactPhone must be a phone number' })
  contactPhone?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  referenceUrl?: string;

  @Field({ nullable: true, description: 'Number in the source registry (e.g. SINOVIK).' })
  @IsOptional()
  @Trim()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9./_-]{0,59}$/, {
    message: 'registrationNumber must be 1-60 letters, digits, . / _ -',
  })
  registrationNumber?: string;
}

@InputType()
export class CreateInnovationInput extends InnovationContentInput {
  @Field({ nullable: true, description: 'Leave out to derive it from the title.' })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case words joined by hyphens' })
  @MaxLength(150)
  slug?: string;

  @Field(() => Int, { nullable: true, description: 'National admins only: the origin agency.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originAgencyId?: number;
}

@InputType()
export class UpdateInnovationInput extends InnovationContentInput {
  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;
}

@InputType()
export class AddAwardInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  innovationId: number;

  @Field(() => AwardCompetition)
  @IsEnum(AwardCompetition)
  competition: AwardCompetition;

  @Field(() => Int)
  @IsInt()
  @Min(FIRST_AWARD_YEAR)
  @Max(latestYear())
  year: number;

  @Field(() => AwardLevel)
  @IsEnum(AwardLevel)
  level: AwardLevel;

  @Field({ nullable: true, description: 'Name of the competition, required when it is OTHER.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(120)
  title?: string;
}

@InputType()
export class CreateCategoryInput {
  @Field(() => Int)
  @IsInt()
  @Min(2014)
  @Max(2100)
  competitionYear: number;

  @Field()
  @Matches(/^[A-Z][A-Z0-9_]{1,39}$/, { message: 'code must be upper-case letters, digits and _' })
  code: string;

  @Field()
  @Trim()
  @IsString()
  @Length(2, 160)
  name: string;

  @Field()
  @Trim()
  @IsString()
  @Length(2, 160)
  nameEn: string;
}

@InputType()
export class DuplicateCheckInput {
  @Field()
  @Trim()
  @IsString()
  @Length(1, 200)
  title: string;

  @Field()
  @Trim()
  @IsString()
  @MaxLength(10000)
  problem: string;
}
