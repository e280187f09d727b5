/**
 * The unit of the per-address online-approval limit: IPv4 as it is, IPv4-mapped IPv6 as its IPv4,
 * IPv6 by its /56 (one subscriber cannot multiply its share by walking through its own addresses).
 */
import { expect, it } from 'vitest';
import { clientAddressKey } from '../../../server/app/address-key';

it('keys IPv4 by the address and IPv6 by its /56 prefix', () => {
  expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
  expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(clientAddressKey('2001:db8:1:2ab::1')).toBe('2001:db8:1:200::/56');
  expect(clientAddressKey('2001:DB8:1:2FF:dead::beef')).toBe('2001:db8:1:200::/56');
  expect(clientAddressKey('2001:db8:1:300::1')).not.toBe(clientAddressKey('2001:db8:1:2ff::1'));
  expect(clientAddressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/56');
  expect(clientAddressKey('64:ff9b::198.51.100.1')).toBe('64:ff9b:0:0::/56');
  expect(clientAddressKey('::1')).toBe('0:0:0:0::/56');
});
