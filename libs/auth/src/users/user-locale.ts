import { registerEnumType } from '@nestjs/graphql';

/** The language a user reads the platform's messages (notifications, e-mails) in. */
export enum UserLocale {
  /** Bahasa Indonesia, the default. */
  ID = 'id',
  EN = 'en',
}

registerEnumType(UserLocale, {
  name: 'UserLocale',
  description: 'The language of notifications and e-mails: ID (Bahasa Indonesia, the default) or EN.',
});
