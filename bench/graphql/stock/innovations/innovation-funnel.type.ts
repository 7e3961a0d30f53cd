import { Field, Int, ObjectType } from '@nestjs/graphql';

/** The innovation's counters, as one object. */
@ObjectType()
export class InnovationFunnel {
  @Field(() => Int)
  viewed: number;

  @Field(() => Int)
  interested: number;

  @Field(() => Int)
  agreed: number;

  @Field(() => Int)
  replicated: number;

  @Field(() => Int)
  provincesReached: number;
}
