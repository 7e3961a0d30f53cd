import { CurrentUser, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import {
  CheckinsByReplicationLoader,
  DocumentsByReplicationLoader,
  DocumentsService,
  ModificationsByReplicationLoader,
  ModificationsService,
  Outcome,
  OutcomesByReplicationLoader,
  OutcomesService,
  Replication,
  ReplicationCheckin,
  ReplicationDocument,
  ReplicationModification,
} from '@jipp/replications';
import { Args, Context, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  RecordOutcomeInput,
  ReplicationDocumentInput,
  ReplicationModificationInput,
  UpdateOutcomeInput,
} from './replication-evidence.inputs';

/**
 * The evidence of a replication: what the adopter modified, its before/after outcomes, its documents
 * and the check-ins that fell due. Writing it never changes the status or the version.
 */
@Resolver(() => Replication)
export class ReplicationEvidenceResolver {
  constructor(
    private readonly modificationService: ModificationsService,
    private readonly outcomeService: OutcomesService,
    private readonly documentService: DocumentsService,
    private readonly modificationsByReplication: ModificationsByReplicationLoader,
    private readonly outcomesByReplication: OutcomesByReplicationLoader,
    private readonly documentsByReplication: DocumentsByReplicationLoader,
    private readonly checkinsByReplication: CheckinsByReplicationLoader,
  ) {}

  @SignedIn()
  @Mutation(() => ReplicationModification, {
    description:
      'The adopter agency records what it changed and why, while the replication is APPROVED, OBSERVING, IMITATING or MODIFYING.',
  })
  addReplicationModification(
    @CurrentUser() user: AuthUser,
    @Args('replicationId', { type: () => Int }) replicationId: number,
    @Args('input') input: ReplicationModificationInput,
  ): Promise<ReplicationModification> {
    return this.modificationService.add(user, replicationId, input);
  }

  @SignedIn()
  @Mutation(() => Replication, {
    description:
      'Takes back a modification entered by mistake, in the same states as adding one (the audit log keeps it). The last one of a MODIFYING replication without a no-modification note stays.',
  })
  removeReplicationModification(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Replication> {
    return this.modificationService.remove(user, id);
  }

  @SignedIn()
  @Mutation(() => Outcome, {
    description:
      "A before/after indicator: a replica's (adopter agency, from APPROVED on) or the origin's own (origin agency).",
  })
  recordOutcome(@CurrentUser() user: AuthUser, @Args('input') input: RecordOutcomeInput): Promise<Outcome> {
    return this.outcomeService.record(user, input);
  }

  @SignedIn()
  @Mutation(() => Outcome, { description: 'The check-in update of an outcome: its latest figure and day.' })
  updateOutcome(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
    @Args('input') input: UpdateOutcomeInput,
  ): Promise<Outcome> {
    return this.outcomeService.update(user, id, input);
  }

  @SignedIn()
  @Mutation(() => ReplicationDocument, {
    description:
      'The adopter agency links a document (agreement, approval, report) while the request is not closed.',
  })
  addReplicationDocument(
    @CurrentUser() user: AuthUser,
    @Args('replicationId', { type: () => Int }) replicationId: number,
    @Args('input') input: ReplicationDocumentInput,
  ): Promise<ReplicationDocument> {
    return this.documentService.add(user, replicationId, input);
  }

  @SignedIn()
  @Mutation(() => Replication, { description: 'Removes a document link (the audit log keeps it).' })
  removeReplicationDocument(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => Int }) id: number,
  ): Promise<Replication> {
    return this.documentService.remove(user, id);
  }

  @ResolveField(() => [ReplicationModification], { description: 'What the adopter changed, oldest first.' })
  modifications(
    @Parent() replication: Replication,
    @Context() ctx: GraphqlContext,
  ): Promise<ReplicationModification[]> {
    return ctx.loaders.get(this.modificationsByReplication).load(replication.id);
  }

  @ResolveField(() => [Outcome], { description: "The replica's before/after indicators, oldest first." })
  outcomes(@Parent() replication: Replication, @Context() ctx: GraphqlContext): Promise<Outcome[]> {
    return ctx.loaders.get(this.outcomesByReplication).load(replication.id);
  }

  @ResolveField(() => [ReplicationDocument], {
    description: 'Agreement, approval and other links, oldest first.',
  })
  documents(
    @Parent() replication: Replication,
    @Context() ctx: GraphqlContext,
  ): Promise<ReplicationDocument[]> {
    return ctx.loaders.get(this.documentsByReplication).load(replication.id);
  }

  @ResolveField(() => [ReplicationCheckin], {
    description: 'The check-ins that fell due after implementation (6, 12, 24 months).',
  })
  checkins(
    @Parent() replication: Replication,
    @Context() ctx: GraphqlContext,
  ): Promise<ReplicationCheckin[]> {
    return ctx.loaders.get(this.checkinsByReplication).load(replication.id);
  }
}
