import { NotificationChannel, NotificationMode, NotificationType } from '../notification-type';
import { checkMode, defaultMode, deliveryOf, DIRECT_TYPES } from './notification-defaults';

const { IN_APP, EMAIL } = NotificationChannel;
const { INSTANT, DAILY, OFF } = NotificationMode;

describe('notification defaults', () => {
  it('shows everything in the app at once', () => {
    for (const type of Object.values(NotificationType)) expect(defaultMode(type, IN_APP)).toBe(INSTANT);
  });

  it('e-mails requests, mentions, replies and stalls at once, the rest in the daily digest', () => {
    expect([...DIRECT_TYPES].sort()).toEqual([
      NotificationType.FORUM_MENTION,
      NotificationType.FORUM_REPLY,
      NotificationType.REPLICATION_REQUESTED,
      NotificationType.REPLICATION_STALLED,
    ]);
    expect(defaultMode(NotificationType.FORUM_MENTION, EMAIL)).toBe(INSTANT);
    expect(defaultMode(NotificationType.THREAD_POST, EMAIL)).toBe(DAILY);
    expect(defaultMode(NotificationType.INNOVATION_PUBLISHED, EMAIL)).toBe(DAILY);
    expect(defaultMode(NotificationType.CHECKIN_DUE, EMAIL)).toBe(DAILY);
  });

  it('offers in-app on or off, e-mail instant, daily or off', () => {
    expect(() => checkMode(IN_APP, INSTANT)).not.toThrow();
    expect(() => checkMode(IN_APP, OFF)).not.toThrow();
    expect(() => checkMode(IN_APP, DAILY)).toThrow(/IN_APP notifications are INSTANT, OFF/);
    for (const mode of [INSTANT, DAILY, OFF]) expect(() => checkMode(EMAIL, mode)).not.toThrow();
  });

  it('delivers by the chosen modes, the defaults filling in, and not at all when every channel is off', () => {
    expect(deliveryOf(NotificationType.THREAD_POST, {})).toEqual({ inApp: true, email: DAILY });
    expect(deliveryOf(NotificationType.FORUM_REPLY, {})).toEqual({ inApp: true, email: INSTANT });
    expect(deliveryOf(NotificationType.FORUM_REPLY, { [IN_APP]: OFF })).toEqual({
      inApp: false,
      email: INSTANT,
    });
    expect(deliveryOf(NotificationType.THREAD_POST, { [EMAIL]: OFF })).toEqual({ inApp: true, email: OFF });
    expect(deliveryOf(NotificationType.THREAD_POST, { [IN_APP]: OFF, [EMAIL]: OFF })).toBeNull();
  });
});
