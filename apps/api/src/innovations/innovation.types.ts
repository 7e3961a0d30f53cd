import { ConnectionType } from '@jipp/core';
import { Innovation } from '@jipp/innovations';
import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class InnovationConnection extends ConnectionType(Innovation) {}

@ObjectType({ description: 'Who to ask about the innovation at its origin agency.' })
export class InnovatorContact {
  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field(() => String, { nullable: true })
  name: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;
}

@ObjectType({
  description: 'The replication funnel: viewed -> interested (watching) -> agreed -> replicated.',
})
export class InnovationFunnel {
  @Field(() => Int, { description: 'Distinct viewers per day, added up.' })
  viewed: number;

  @Field(() => Int, { description: 'Users watching the innovation.' })
  interested: number;

  @Field(() => Int, { description: 'Replication requests approved.' })
  agreed: number;

  @Field(() => Int, { description: 'Replications implemented.' })
  replicated: number;

  @Field(() => Int, { description: 'Provinces with at least one replication.' })
  provincesReached: number;
}

@ObjectType()
export class CreateInnovationPayload {
  @Field(() => Innovation)
  innovation: Innovation;

  @Field(() => [Innovation], {
    description: 'Published innovations that seem to solve the same problem: consider replicating one.',
  })
  possibleDuplicates: Innovation[];
}
