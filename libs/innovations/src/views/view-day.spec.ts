import {
  isValidVisitorId,
  jakartaDay,
  jakartaDayEndsAt,
  parsePendingField,
  pendingField,
  visitorKey,
  visitorOf,
} from './view-day';

describe('jakartaDay', () => {
  it('is the calendar day in WIB (UTC+7), not in UTC', () => {
    expect(jakartaDay(new Date('2026-03-10T16:59:59.999Z'))).toBe('2026-03-10');
    expect(jakartaDay(new Date('2026-03-10T17:00:00.000Z'))).toBe('2026-03-11');
    expect(jakartaDay(new Date('2026-03-10T00:30:00.000Z'))).toBe('2026-03-10');
    expect(jakartaDay(new Date('2026-12-31T18:00:00.000Z'))).toBe('2027-01-01');
    expect(jakartaDay(new Date('2028-02-28T20:00:00.000Z'))).toBe('2028-02-29');
  });

  it('ends at the next WIB midnight', () => {
    const end = Date.parse('2026-03-10T17:00:00.000Z') / 1000;
    expect(jakartaDayEndsAt(new Date('2026-03-10T00:00:00.000Z'))).toBe(end);
    expect(jakartaDayEndsAt(new Date('2026-03-10T16:59:59.999Z'))).toBe(end);
    expect(jakartaDayEndsAt(new Date('2026-03-10T17:00:00.000Z'))).toBe(end + 86400);
  });
});

describe('visitors', () => {
  it('accepts 8-64 letters, digits, _ and - as a visitor id', () => {
    expect(isValidVisitorId('abcd1234')).toBe(true);
    expect(isValidVisitorId('A_b-' + 'x'.repeat(60))).toBe(true);
    expect(isValidVisitorId('abc1234')).toBe(false);
    expect(isValidVisitorId('x'.repeat(65))).toBe(false);
    expect(isValidVisitorId('abcd 1234')).toBe(false);
    expect(isValidVisitorId('abcd:1234')).toBe(false);
    expect(isValidVisitorId('ééééééééé')).toBe(false);
    expect(isValidVisitorId(undefined)).toBe(false);
    expect(isValidVisitorId(['abcd1234'])).toBe(false);
  });

  it('is the user when signed in, else a valid x-visitor-id, else the client IP', () => {
    const headers = { 'x-visitor-id': 'browser-0001' };
    expect(visitorOf({ user: { id: 7 }, ip: '10.0.0.1', headers })).toEqual({ userId: 7 });
    expect(visitorOf({ ip: '10.0.0.1', headers })).toEqual({ visitorId: 'browser-0001' });
    expect(visitorOf({ ip: '10.0.0.1', headers: { 'x-visitor-id': ['browser-0002', 'x'] } })).toEqual({
      visitorId: 'browser-0002',
    });
    expect(visitorOf({ ip: '10.0.0.1', headers: { 'x-visitor-id': 'bad id!' } })).toEqual({ ip: '10.0.0.1' });
    expect(visitorOf({ ip: '10.0.0.1', headers: {} })).toEqual({ ip: '10.0.0.1' });
    expect(visitorOf({ headers: {} })).toEqual({ ip: 'unknown' });
  });

  it('keys visitors apart, and never stores an IP in clear', () => {
    const keys = [
      visitorKey({ userId: 12 }),
      visitorKey({ visitorId: '12345678' }),
      visitorKey({ ip: '10.0.0.1' }),
      visitorKey({ ip: '10.0.0.2' }),
    ];
    expect(new Set(keys).size).toBe(4);
    expect(keys[0]).toBe('u:12');
    expect(keys[2]).toMatch(/^ip:[A-Za-z0-9_-]{22}$/);
    expect(keys[2]).not.toContain('10.0.0.1');
    expect(visitorKey({ ip: '10.0.0.1' })).toBe(keys[2]);
  });
});

describe('pending fields', () => {
  it('round-trips day and innovation, and refuses anything else', () => {
    expect(parsePendingField(pendingField('2026-03-10', 42))).toEqual({
      day: '2026-03-10',
      innovationId: 42,
    });
    expect(parsePendingField('batch')).toBeNull();
    expect(parsePendingField('2026-03-10:0')).toBeNull();
    expect(parsePendingField('2026-03-10:-1')).toBeNull();
    expect(parsePendingField('2026-03-10:1.5')).toBeNull();
    expect(parsePendingField('2026-03-10:99999999999')).toBeNull();
    expect(parsePendingField('26-03-10:1')).toBeNull();
  });
});
