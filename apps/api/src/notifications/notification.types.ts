import { ArgsType, Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionArgs, ConnectionType } from '@jipp/core';
import { Notification, NotificationChannel, NotificationMode, NotificationType } from '@jipp/notifications';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';

@ObjectType()
export class NotificationConnection extends ConnectionType(Notification) {}

@ArgsType()
export class NotificationsArgs extends ConnectionArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Only the ones you have not read.' })
  @IsOptional()
  @IsBoolean()
  unreadOnly: boolean = false;
}

@ObjectType({ description: 'What a mark-read changed.' })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: 'Notifications that went from unread to read.' })
  marked: number;

  @Field(() => Int, { description: 'Your unread count now.' })
  unreadCount: number;
}

@ObjectType('NotificationPreference', {
  description: 'How one type of notification reaches you on one channel.',
})
export class NotificationPreferenceSetting {
  @Field(() => NotificationType)
  type: NotificationType;

  @Field(() => NotificationChannel)
  channel: NotificationChannel;

  @Field(() => NotificationMode)
  mode: NotificationMode;

  @Field({ description: 'True while you never chose: the default applies.' })
  isDefault: boolean;
}

@InputType()
export class SetNotificationPreferenceInput {
  @Field(() => NotificationType)
  @IsEnum(NotificationType)
  type: NotificationType;

  @Field(() => NotificationChannel)
  @IsEnum(NotificationChannel)
  channel: NotificationChannel;

  @Field(() => NotificationMode, { description: 'IN_APP: INSTANT or OFF. EMAIL: INSTANT, DAILY or OFF.' })
  @IsEnum(NotificationMode)
  mode: NotificationMode;
}
