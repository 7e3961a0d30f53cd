import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { ConnectionArgs } from '@jipp/core';
import { PROVINCE_CODE } from '@jipp/regions';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { Trim } from '../common/trim';

@InputType()
export class CreateNetworkInput {
  @Field()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name: string;

  @Field({ description: 'URL name: lower-case letters, digits and dashes.' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    message: 'slug must be lower-case letters, digits and single dashes',
  })
  @MaxLength(80)
  slug: string;

  @Field({ nullable: true, description: 'The province the hub covers; omit for a national network.' })
  @IsOptional()
  @Matches(PROVINCE_CODE, { message: 'provinceCode must be a two-digit province code' })
  provinceCode?: string;

  @Field(() => [Int], { nullable: true, description: 'Initial member agencies.' })
  @IsOptional()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @ArrayMaxSize(1000)
  agencyIds?: number[];
}

@ArgsType()
export class NetworkMembersArgs {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  networkId: number;

  @Field(() => [Int])
  @IsInt({ each: true })
  @Min(1, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  agencyIds: number[];
}

@ArgsType()
export class NetworkLookupArgs {
  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  id?: number;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  slug?: string;
}

@ArgsType()
export class MembersPageArgs extends ConnectionArgs {}
