import { ConnectionType } from '@jipp/core';
import { Post, Thread } from '@jipp/forum';
import { ObjectType } from '@nestjs/graphql';

@ObjectType()
export class ThreadConnection extends ConnectionType(Thread) {}

@ObjectType()
export class PostConnection extends ConnectionType(Post) {}
