import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { AgencyType } from '@jipp/agencies';
import { ConnectionArgs } from '@jipp/core';
import { PROVINCE_CODE, REGION_CODE } from '@jipp/regions';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../common/trim';

@InputType()
export class AgencyFilterInput {
  @Field(() => [AgencyType], { nullable: true })
  @IsOptional()
  @IsEnum(AgencyType, { each: true })
  @ArrayMaxSize(7)
  type?: AgencyType[];

  @Field({ nullable: true, description: 'Province code, e.g. "35".' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field({ nullable: true, description: 'Exact region (province or regency) code, e.g. "35.10".' })
  @IsOptional()
  @Matches(REGION_CODE, { message: 'regionCode must be a region code such as 35 or 35.10' })
  regionCode?: string;

  @Field({ nullable: true, description: 'Part of the name or short name.' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  includeInactive?: boolean;
}

@ArgsType()
export class AgenciesArgs extends ConnectionArgs {
  @Field(() => AgencyFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgencyFilterInput)
  filter?: AgencyFilterInput;
}

@InputType()
export class CreateAgencyInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  shortName?: string;

  @Field(() => AgencyType)
  @IsEnum(AgencyType)
  type: AgencyType;

  @Field({ description: 'Province or regency code the agency serves or sits in.' })
  @Matches(REGION_CODE, { message: 'regionCode must be a region code such as 35 or 35.10' })
  regionCode: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number;
}

@InputType()
export class UpdateAgencyInput {
  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(60)
  shortName?: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  parentId?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
