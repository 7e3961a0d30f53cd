import { ArgsType, Field, GraphQLISODateTime, InputType, ObjectType } from '@nestjs/graphql';
import { User } from '@jipp/auth';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../common/trim';

@ObjectType({ description: 'Tokens of a session. Send the access token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field()
  accessToken: string;

  @Field(() => GraphQLISODateTime)
  accessTokenExpiresAt: Date;

  @Field({ description: 'Trade it for a new pair with `refreshToken`; it works once.' })
  refreshToken: string;

  @Field(() => GraphQLISODateTime)
  refreshTokenExpiresAt: Date;

  @Field(() => User)
  user: User;
}

@InputType()
export class LoginInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}

@ArgsType()
export class RefreshTokenArgs {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @Field()
  @IsString()
  @MaxLength(256)
  password: string;
}
