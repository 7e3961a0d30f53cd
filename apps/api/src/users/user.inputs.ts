import { ArgsType, Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, Role } from '@jipp/core';
import { IsEmail, IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Trim } from '../common/trim';

/** The roles an invitation can give; coordinators and admins are appointed, not invited. */
export enum InvitableRole {
  MEMBER = Role.MEMBER,
  AGENCY_ADMIN = Role.AGENCY_ADMIN,
}

registerEnumType(InvitableRole, { name: 'InvitableRole' });

@InputType()
export class InviteUserInput {
  @Field()
  @Trim()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @Field(() => InvitableRole, { defaultValue: InvitableRole.MEMBER })
  @IsEnum(InvitableRole)
  role: InvitableRole = InvitableRole.MEMBER;

  @Field(() => Int, {
    nullable: true,
    description: 'National admins say which agency; agency admins invite into their own.',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  agencyId?: number;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'Defaults to your own agency.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  agencyId?: number;
}
