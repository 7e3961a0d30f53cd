import { CreatedAtColumn } from '@jipp/core';
import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum ModerationActionKind {
  PIN = 'PIN',
  UNPIN = 'UNPIN',
  LOCK = 'LOCK',
  UNLOCK = 'UNLOCK',
  SET_SLOW_MODE = 'SET_SLOW_MODE',
  HIDE_POST = 'HIDE_POST',
  UNHIDE_POST = 'UNHIDE_POST',
  /** Hidden by the platform when enough readers flagged it. */
  AUTO_HIDE = 'AUTO_HIDE',
  MUTE_USER = 'MUTE_USER',
  UNMUTE_USER = 'UNMUTE_USER',
  RESOLVE_FLAG = 'RESOLVE_FLAG',
  DISMISS_FLAG = 'DISMISS_FLAG',
}

export enum ModerationTarget {
  THREAD = 'THREAD',
  POST = 'POST',
  USER = 'USER',
  FLAG = 'FLAG',
}

registerEnumType(ModerationActionKind, { name: 'ModerationActionKind' });
registerEnumType(ModerationTarget, { name: 'ModerationTarget' });

/** The transparent record of moderation: who did what to which target, why, and when. */
@ObjectType({ description: 'One moderation action, with its reason.' })
@Entity('moderation_action')
@Index(['hubId', 'id'])
@Index(['targetType', 'targetId'])
export class ModerationAction {
  @Field(() => Int)
  @PrimaryGeneratedColumn({ type: 'int', unsigned: true })
  id: number;

  @Field(() => Int, { nullable: true, description: 'The hub whose scope it was taken in (null: national).' })
  @Column({ type: 'int', unsigned: true, nullable: true })
  hubId: number | null;

  @Field(() => Int, { nullable: true, description: 'Null when the platform acted (auto-hide).' })
  @Column({ type: 'int', unsigned: true, nullable: true })
  actorUserId: number | null;

  @Field(() => ModerationActionKind)
  @Column({ type: 'enum', enum: ModerationActionKind })
  action: ModerationActionKind;

  @Field(() => ModerationTarget)
  @Column({ type: 'enum', enum: ModerationTarget })
  targetType: ModerationTarget;

  @Field(() => Int)
  @Column({ type: 'int', unsigned: true })
  targetId: number;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', unsigned: true, nullable: true })
  threadId: number | null;

  @Field()
  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Field(() => GraphQLISODateTime)
  @CreatedAtColumn()
  createdAt: Date;
}
