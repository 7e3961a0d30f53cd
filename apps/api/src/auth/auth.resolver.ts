import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService, User, UsersService, type SignedIn as SignedInSession } from '@jipp/auth';
import { CurrentUser, Public, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import { AcceptInvitationInput, AuthPayload, LoginInput, RefreshTokenArgs } from './auth.types';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Signs in. Repeated failures are refused with RATE_LIMITED for a while.',
  })
  async login(@Args('input') input: LoginInput, @Context() ctx: GraphqlContext): Promise<AuthPayload> {
    return this.asViewer(ctx, await this.auth.login(input.email, input.password, ctx.req.ip ?? 'unknown'));
  }

  @Public()
  @Mutation(() => AuthPayload, {
    description: 'Trades a refresh token for a new pair; the old one stops working.',
  })
  async refreshToken(@Args() args: RefreshTokenArgs, @Context() ctx: GraphqlContext): Promise<AuthPayload> {
    return this.asViewer(ctx, await this.auth.refresh(args.refreshToken));
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Revokes a refresh token (signs this session out).' })
  logout(@Args() args: RefreshTokenArgs): Promise<boolean> {
    return this.auth.logout(args.refreshToken);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Accepts an invitation: chooses a password and signs in.' })
  async acceptInvitation(
    @Args('input') input: AcceptInvitationInput,
    @Context() ctx: GraphqlContext,
  ): Promise<AuthPayload> {
    return this.asViewer(ctx, await this.auth.acceptInvitation(input.token, input.password));
  }

  /** The rest of this response is read as the user who just signed in (e.g. their own e-mail). */
  private asViewer(ctx: GraphqlContext, signedIn: SignedInSession): AuthPayload {
    ctx.req.user = { id: signedIn.user.id, agencyId: signedIn.user.agencyId, role: signedIn.user.role };
    return signedIn;
  }

  @SignedIn()
  @Query(() => User, { description: 'The signed-in user.' })
  me(@CurrentUser() user: AuthUser): Promise<User> {
    return this.users.get(user.id);
  }
}
