import { ConnectionArgs } from '@jipp/core';
import { PostOrder } from '@jipp/forum';
import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { Trim } from '../common/trim';

registerEnumType(PostOrder, { name: 'PostOrder' });

/** A post is a message, not a document: up to 10,000 characters of Markdown. */
export const MAX_POST_BODY = 10_000;

@ArgsType()
export class ThreadsArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "A hub's forum." })
  @IsOptional()
  @IsInt()
  @Min(1)
  hubId?: number;

  @Field(() => Int, { nullable: true, description: 'The discussion of an innovation.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  innovationId?: number;

  @Field(() => Int, { nullable: true, description: 'The discussion of a replication.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  replicationId?: number;
}

@ArgsType()
export class PostsArgs extends ConnectionArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  threadId: number;

  @Field(() => PostOrder, { defaultValue: PostOrder.OLDEST_FIRST })
  @IsEnum(PostOrder)
  order: PostOrder;
}

@InputType()
export class CreateThreadInput {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  hubId?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  innovationId?: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  replicationId?: number;

  @Field()
  @Trim()
  @IsString()
  @Length(5, 200)
  title: string;

  @Field({ description: 'The first post, in Markdown.' })
  @Trim()
  @IsString()
  @Length(1, MAX_POST_BODY)
  body: string;
}

@InputType()
export class CreatePostInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  threadId: number;

  @Field({ description: 'Markdown. Mention people as @[Name](user:ID).' })
  @Trim()
  @IsString()
  @Length(1, MAX_POST_BODY)
  body: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  replyToPostId?: number;
}

@InputType()
export class EditPostInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  id: number;

  @Field()
  @Trim()
  @IsString()
  @Length(1, MAX_POST_BODY)
  body: string;
}
