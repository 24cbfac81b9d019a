import { throttleAddress } from './client-address';

describe('the address the throttle counts', () => {
  it('is an IPv4 address as it is, also when mapped into IPv6', () => {
    expect(throttleAddress('203.0.113.9')).toBe('203.0.113.9');
    expect(throttleAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('is the /64 of an IPv6 address, however it is written, so one host cannot rotate through its prefix', () => {
    const prefix = '2001:db8:aa:1::/64';
    for (const ip of ['2001:db8:aa:1::1', '2001:0db8:00aa:0001:ffff:1:2:3', '2001:DB8:AA:1:0:0:0:9', '2001:db8:aa:1::77%eth0']) {
      expect([ip, throttleAddress(ip)]).toEqual([ip, prefix]);
    }
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('2001:db8:aa:2::1')).not.toBe(prefix);
  });

  it('is one shared bucket when the socket has no address', () => {
    expect(throttleAddress(undefined)).toBe('unknown');
  });
});
