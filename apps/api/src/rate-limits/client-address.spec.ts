import { rateLimitAddress } from './client-address';

describe('rateLimitAddress', () => {
  it('keeps an IPv4 address, also one written IPv4-mapped', () => {
    expect(rateLimitAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(rateLimitAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
  });

  it('counts an IPv6 address by its /64 network, however it is written', () => {
    expect(rateLimitAddress('2001:db8:85a3:12::8a2e:370:7334')).toBe('2001:db8:85a3:12::/64');
    expect(rateLimitAddress('2001:0DB8:85A3:0012:ffff:0:0:1')).toBe('2001:db8:85a3:12::/64');
    expect(rateLimitAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitAddress('2001:db8:0:0:1::')).toBe('2001:db8:0:0::/64');
    expect(rateLimitAddress('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitAddress('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('passes anything else through, so an unknown caller still has a key', () => {
    expect(rateLimitAddress('unknown')).toBe('unknown');
  });
});
