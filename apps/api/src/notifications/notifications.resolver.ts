import {
  Args,
  Context,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { User, UserByIdLoader, UserLocale } from '@jipp/auth';
import { CurrentUser, SignedIn, type AuthUser, type GraphqlContext } from '@jipp/core';
import { Notification, NotificationPreferencesService, NotificationsService } from '@jipp/notifications';
import type { GraphQLResolveInfo } from 'graphql';
import { isFieldRequested } from '../common/requested-fields';
import {
  MarkNotificationsReadPayload,
  NotificationConnection,
  NotificationPreferenceSetting,
  NotificationsArgs,
  SetNotificationPreferenceInput,
} from './notification.types';

/** Your own notifications and how they reach you: every operation reads or changes the caller's only. */
@Resolver(() => Notification)
export class NotificationsResolver {
  constructor(
    private readonly inbox: NotificationsService,
    private readonly preferences: NotificationPreferencesService,
    private readonly userById: UserByIdLoader,
  ) {}

  @SignedIn()
  @Query(() => NotificationConnection, { description: 'Your in-app notifications, newest first.' })
  notifications(
    @CurrentUser() user: AuthUser,
    @Args() args: NotificationsArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<NotificationConnection> {
    return this.inbox.list(user, {
      first: args.first,
      after: args.after,
      unreadOnly: args.unreadOnly,
      withTotalCount: isFieldRequested(info, 'totalCount'),
    });
  }

  @SignedIn()
  @Query(() => Int, { description: 'How many of your in-app notifications you have not read.' })
  unreadNotificationCount(@CurrentUser() user: AuthUser): Promise<number> {
    return this.inbox.unreadCount(user);
  }

  @SignedIn()
  @Mutation(() => MarkNotificationsReadPayload, {
    description: "Marks these notifications of yours read (at most 500; others' ids change nothing).",
  })
  markNotificationsRead(
    @CurrentUser() user: AuthUser,
    @Args('ids', { type: () => [ID] }) ids: string[],
  ): Promise<MarkNotificationsReadPayload> {
    return this.inbox.markRead(user, ids);
  }

  @SignedIn()
  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks all your notifications read.' })
  markAllNotificationsRead(@CurrentUser() user: AuthUser): Promise<MarkNotificationsReadPayload> {
    return this.inbox.markAllRead(user);
  }

  @SignedIn()
  @Query(() => [NotificationPreferenceSetting], {
    description:
      'How each type of notification reaches you, per channel. Defaults: in-app INSTANT; e-mail INSTANT ' +
      'for requests, mentions, replies and stalls, DAILY (the digest) for the rest.',
  })
  notificationPreferences(@CurrentUser() user: AuthUser): Promise<NotificationPreferenceSetting[]> {
    return this.preferences.list(user);
  }

  @SignedIn()
  @Mutation(() => NotificationPreferenceSetting, {
    description: 'Sets how one type reaches you on one channel.',
  })
  setNotificationPreference(
    @CurrentUser() user: AuthUser,
    @Args('input') input: SetNotificationPreferenceInput,
  ): Promise<NotificationPreferenceSetting> {
    return this.preferences.set(user, input.type, input.channel, input.mode);
  }

  @SignedIn()
  @Mutation(() => User, { description: 'The language of your notifications and e-mails.' })
  setLocale(
    @CurrentUser() user: AuthUser,
    @Args('locale', { type: () => UserLocale }) locale: UserLocale,
  ): Promise<User> {
    return this.preferences.setLocale(user, locale);
  }

  @ResolveField(() => User, { nullable: true, description: 'Who did it; null when the platform did.' })
  actor(@Parent() notification: Notification, @Context() ctx: GraphqlContext): Promise<User | null> | null {
    return notification.actorUserId === null
      ? null
      : ctx.loaders.get(this.userById).load(notification.actorUserId);
  }
}
