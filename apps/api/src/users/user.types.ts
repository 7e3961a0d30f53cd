import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { User } from '@jipp/auth';
import { ConnectionType } from '@jipp/core';

@ObjectType()
export class UserConnection extends ConnectionType(User) {}

@ObjectType({ description: 'A new invitation. The token is shown only this once.' })
export class InvitationPayload {
  @Field(() => User)
  user: User;

  @Field()
  token: string;

  @Field({ description: 'The link to send to the invited person.' })
  acceptUrl: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;
}
