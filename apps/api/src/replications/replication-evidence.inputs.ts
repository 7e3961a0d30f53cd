import {
  DOCUMENT_TITLE_LIMITS,
  DocumentKind,
  MAX_URL_LENGTH,
  MODIFICATION_TEXT_LIMITS,
  ModificationAspect,
  OUTCOME_TEXT_LIMITS,
  OutcomeUnit,
} from '@jipp/replications';
import { Field, Float, InputType, Int } from '@nestjs/graphql';
import {
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '../common/trim';

// The service checks the same rules (the lib's limits) for every caller; these answer early, per field.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FINITE = { allowNaN: false, allowInfinity: false };

@InputType()
export class ReplicationModificationInput {
  @Field(() => ModificationAspect)
  @IsEnum(ModificationAspect)
  aspect: ModificationAspect;

  @Field({ description: 'What your agency changed from the original.' })
  @Trim()
  @IsString()
  @Length(...MODIFICATION_TEXT_LIMITS.whatChanged)
  whatChanged: string;

  @Field({ description: 'Why it was changed.' })
  @Trim()
  @IsString()
  @Length(...MODIFICATION_TEXT_LIMITS.why)
  why: string;
}

@InputType({
  description: "Exactly one of replicationId (a replica's outcome) or innovationId (the origin's own).",
})
export class RecordOutcomeInput {
  @Field(() => Int, { nullable: true, description: "A replica's outcome: users of the adopter agency." })
  @IsOptional()
  @IsInt()
  @Min(1)
  replicationId?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "The origin's own outcome for its innovation: users of the origin agency.",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  innovationId?: number | null;

  @Field({ description: 'What is measured, e.g. "Hari untuk menerbitkan akta kelahiran".' })
  @Trim()
  @IsString()
  @Length(...OUTCOME_TEXT_LIMITS.indicator)
  indicator: string;

  @Field(() => OutcomeUnit)
  @IsEnum(OutcomeUnit)
  unit: OutcomeUnit;

  @Field(() => Float, { description: 'The figure before (negative only for INDEX; PERCENT at most 100).' })
  @IsNumber(FINITE)
  baselineValue: number;

  @Field({ description: 'When the baseline was measured, YYYY-MM-DD.' })
  @Matches(DAY, { message: 'baselineDate must be YYYY-MM-DD' })
  baselineDate: string;

  @Field(() => Float, { nullable: true, description: 'The latest figure, with latestDate.' })
  @IsOptional()
  @IsNumber(FINITE)
  latestValue?: number | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, on or after the baseline date.' })
  @IsOptional()
  @Matches(DAY, { message: 'latestDate must be YYYY-MM-DD' })
  latestDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the figures come from.' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...OUTCOME_TEXT_LIMITS.source)
  source?: string | null;
}

@InputType({ description: 'A check-in: the latest figure of an outcome.' })
export class UpdateOutcomeInput {
  @Field(() => Float)
  @IsNumber(FINITE)
  latestValue: number;

  @Field({ description: 'YYYY-MM-DD: on or after the baseline date, not in the future.' })
  @Matches(DAY, { message: 'latestDate must be YYYY-MM-DD' })
  latestDate: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where the figures come from; omitted keeps it, null clears it.',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(...OUTCOME_TEXT_LIMITS.source)
  source?: string | null;
}

@InputType()
export class ReplicationDocumentInput {
  @Field(() => DocumentKind)
  @IsEnum(DocumentKind)
  kind: DocumentKind;

  @Field()
  @Trim()
  @IsString()
  @Length(...DOCUMENT_TITLE_LIMITS)
  title: string;

  @Field({ description: 'An http or https link, at most 500 characters.' })
  @Trim()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(MAX_URL_LENGTH)
  url: string;
}
