import { describe, expect, it } from 'vitest'
import { isInternalAddress, isIpLiteral } from './internal-addresses.js'

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '100.64.0.1',
    '::1',
    '[::1]',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.1.2.3',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::1',
  ])('refuses %s', (address) => {
    expect(isInternalAddress(address)).toBe(true)
  })

  it.each(['8.8.8.8', '93.184.216.34', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(isInternalAddress(address)).toBe(false)
    },
  )

  it('answers false for a host name', () => {
    expect(isInternalAddress('localhost')).toBe(false)
  })
})

describe('isIpLiteral', () => {
  it('recognises v4 and bracketed v6 literals, not names', () => {
    expect(isIpLiteral('10.0.0.1')).toBe(true)
    expect(isIpLiteral('[::1]')).toBe(true)
    expect(isIpLiteral('example.com')).toBe(false)
    expect(isIpLiteral('1.2.3')).toBe(false)
  })
})
