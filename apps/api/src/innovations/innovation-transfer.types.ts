import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One thing wrong in an import file.' })
export class ImportProblem {
  @Field(() => Int, { description: '1-based row number as a spreadsheet shows it.' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The column; null when the whole row is concerned.' })
  column: string | null;

  @Field()
  message: string;
}

@ObjectType({ description: 'A row already in the catalogue, so not written again.' })
export class ImportSkip {
  @Field(() => Int)
  row: number;

  @Field(() => Int)
  innovationId: number;

  @Field()
  slug: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'What an import of innovations found and did.' })
export class ImportReport {
  @Field(() => Int, { description: 'Data rows in the file.' })
  rowsRead: number;

  @Field(() => Int, { description: 'Rows without problems (already in the catalogue, or new).' })
  valid: number;

  @Field(() => Int, { description: 'Rows with at least one problem.' })
  invalid: number;

  @Field(() => Int, {
    description: 'Valid rows not yet in the catalogue: created unless refused or a dry run.',
  })
  newRows: number;

  @Field(() => Int, { description: 'Innovations written (published) by this import.' })
  created: number;

  @Field(() => Int, { description: 'Valid rows that match an innovation already in the catalogue.' })
  skippedExisting: number;

  @Field({ description: 'Only checked: nothing written.' })
  dryRun: boolean;

  @Field({ description: 'Nothing written: the file has invalid rows and skipInvalid was false.' })
  refused: boolean;

  @Field(() => [ImportProblem])
  problems: ImportProblem[];

  @Field(() => [ImportSkip])
  skipped: ImportSkip[];
}
