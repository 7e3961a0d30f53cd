import { ConnectionArgs } from '@jipp/core';
import { PROVINCE_CODE } from '@jipp/regions';
import { ReplicationAction, ReplicationStatus } from '@jipp/replications';
import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
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

/** Notes and reasons: a paragraph or a few, not a document (documents are links). */
export const MAX_NOTE = 4000;

@InputType()
export class RequestReplicationInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  innovationId: number;

  @Field({ description: 'Why your agency wants it and what you plan.' })
  @Trim()
  @IsString()
  @Length(10, MAX_NOTE)
  note: string;

  @Field(() => Int, { nullable: true, description: 'A hub or mentor agency that helps.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  facilitatorAgencyId?: number;

  @Field(() => Int, {
    nullable: true,
    description: "Copy another agency's implemented adaptation instead of the original (lineage).",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  sourceReplicationId?: number;
}

@InputType()
export class TransitionReplicationInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  id: number;

  @Field(() => Int, { description: 'The version you read; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  version: number;

  @Field(() => ReplicationAction)
  @IsEnum(ReplicationAction)
  action: ReplicationAction;

  @Field({ nullable: true, description: 'What happened; required to REJECT (the reason).' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NOTE)
  note?: string;

  @Field({ nullable: true, description: 'A link to the evidence of this step (http or https).' })
  @IsOptional()
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(500)
  evidenceUrl?: string;

  @Field({ nullable: true, description: 'IMPLEMENT: the day it went live, YYYY-MM-DD.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'implementationDate must be YYYY-MM-DD' })
  implementationDate?: string;

  @Field({
    nullable: true,
    description: 'START_MODIFYING with no recorded modification: why nothing changed.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_NOTE)
  noModificationNote?: string;
}

@InputType()
export class ReplicationFilterInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  innovationId?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  adopterAgencyId?: number;

  @Field(() => Int, { nullable: true, description: 'The agency whose innovations were replicated.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  originAgencyId?: number;

  @Field({ nullable: true, description: "The adopter's province." })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => Int, { nullable: true, description: 'Adopters that belong to this hub.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  hubId?: number;

  @Field(() => [ReplicationStatus], { nullable: true })
  @IsOptional()
  @IsEnum(ReplicationStatus, { each: true })
  @ArrayMaxSize(10)
  statuses?: ReplicationStatus[];

  @Field(() => Int, { nullable: true, description: 'Year of the request.' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

@ArgsType()
export class ReplicationsArgs extends ConnectionArgs {
  @Field(() => ReplicationFilterInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReplicationFilterInput)
  filter?: ReplicationFilterInput;
}
