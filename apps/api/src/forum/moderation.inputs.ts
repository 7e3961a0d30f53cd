import { ConnectionArgs } from '@jipp/core';
import {
  MAX_FLAG_NOTE,
  MAX_SLOW_MODE_SECONDS,
  MODERATION_REASON_MAX,
  MODERATION_REASON_MIN,
  ModerationReason,
} from '@jipp/forum';
import { ArgsType, Field, GraphQLISODateTime, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { Trim } from '../common/trim';

const REASON = `Why, for the moderation log (${MODERATION_REASON_MIN} to ${MODERATION_REASON_MAX} characters).`;

/** Every moderation action says why. */
@InputType({ isAbstract: true })
abstract class ReasonInput {
  @Field({ description: REASON })
  @Trim()
  @IsString()
  @Length(MODERATION_REASON_MIN, MODERATION_REASON_MAX)
  reason: string;
}

@InputType({ description: 'Pin, unpin, lock or unlock a thread.' })
export class ThreadModerationInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  threadId: number;
}

@InputType()
export class SetSlowModeInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  threadId: number;

  @Field(() => Int, {
    description: `Seconds a user waits between two posts in the thread, 0 (off) to ${MAX_SLOW_MODE_SECONDS}.`,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_SLOW_MODE_SECONDS)
  seconds: number;
}

@InputType()
export class HidePostInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  postId: number;

  @Field(() => ModerationReason, { description: 'The category readers see in place of the post.' })
  @IsEnum(ModerationReason)
  category: ModerationReason;
}

@InputType()
export class UnhidePostInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  postId: number;
}

@InputType()
export class MuteUserInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  hubId: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  userId: number;

  @Field(() => GraphQLISODateTime, { description: 'When the mute ends: in the future, within 365 days.' })
  @Type(() => Date)
  @IsDate()
  until: Date;
}

@InputType()
export class UnmuteUserInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  hubId: number;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  userId: number;
}

@InputType({ description: 'Resolve (uphold) or dismiss a flag.' })
export class FlagDecisionInput extends ReasonInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  flagId: number;
}

@InputType()
export class FlagPostInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  postId: number;

  @Field(() => ModerationReason)
  @IsEnum(ModerationReason)
  reason: ModerationReason;

  @Field(() => String, {
    nullable: true,
    description: `What moderators should know (at most ${MAX_FLAG_NOTE}).`,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(MAX_FLAG_NOTE)
  note?: string;
}

@ArgsType()
export class FlagQueueArgs extends ConnectionArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  hubId: number;
}

@ArgsType()
export class ModerationLogArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'The hub; omitted: the whole log (national admins).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  hubId?: number;
}
