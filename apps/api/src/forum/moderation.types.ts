import { ConnectionType } from '@jipp/core';
import { ModerationAction, PostFlag } from '@jipp/forum';
import { ObjectType } from '@nestjs/graphql';

@ObjectType()
export class PostFlagConnection extends ConnectionType(PostFlag) {}

@ObjectType()
export class ModerationActionConnection extends ConnectionType(ModerationAction) {}
