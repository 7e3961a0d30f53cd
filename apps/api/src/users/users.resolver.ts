import { Args, Context, Info, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Agency, AgencyByIdLoader } from '@jipp/agencies';
import { User, UsersService } from '@jipp/auth';
import { CurrentUser, Role, Roles, type AuthUser, type GraphqlContext } from '@jipp/core';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import { PlainFieldResolvers } from '../graphql/plain-field-resolvers';
import { InvitableRole, InviteUserInput, UsersArgs } from './user.inputs';
import { InvitationPayload, UserConnection } from './user.types';

@Resolver(() => User)
export class UsersResolver {
  constructor(
    private readonly users: UsersService,
    private readonly agencyById: AgencyByIdLoader,
    plainFields: PlainFieldResolvers,
  ) {
    // called per author of every thread page
    plainFields.register<User>('User', { agency: (user, ctx) => this.agency(user, ctx) });
  }

  @Roles(Role.AGENCY_ADMIN, Role.ADMIN)
  @Query(() => UserConnection, {
    name: 'users',
    description: "An agency's users: agency admins see their own agency.",
  })
  listUsers(
    @CurrentUser() user: AuthUser,
    @Args() args: UsersArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UserConnection> {
    return this.users.list(user, args.agencyId, {
      first: args.first,
      after: args.after,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @Roles(Role.AGENCY_ADMIN, Role.ADMIN)
  @Mutation(() => InvitationPayload, {
    description: 'Invites a person into an agency; send them the acceptUrl.',
  })
  inviteUser(
    @CurrentUser() user: AuthUser,
    @Args('input') input: InviteUserInput,
  ): Promise<InvitationPayload> {
    return this.users.invite(user, {
      ...input,
      role: input.role === InvitableRole.AGENCY_ADMIN ? Role.AGENCY_ADMIN : Role.MEMBER,
    });
  }

  @Roles(Role.AGENCY_ADMIN, Role.ADMIN)
  @Mutation(() => User, { description: 'Disables a user and signs them out everywhere.' })
  deactivateUser(
    @CurrentUser() user: AuthUser,
    @Args('userId', { type: () => Int }) userId: number,
  ): Promise<User> {
    return this.users.deactivate(user, userId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to the user, their agency admins and national admins.',
  })
  email(@Parent() user: User, @Context() ctx: GraphqlContext): string | null {
    return this.users.canSeeEmail(ctx.req.user, user) ? user.email : null;
  }

  @ResolveField(() => Agency)
  async agency(@Parent() user: User, @Context() ctx: GraphqlContext): Promise<Agency> {
    if (user.agency) return user.agency;
    const agency = await ctx.loaders.get(this.agencyById).load(user.agencyId);
    if (!agency) throw new Error(`user ${user.id} has no agency ${user.agencyId}`);
    return agency;
  }
}
