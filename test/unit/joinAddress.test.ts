/** The address the join screen shows, decided from PUBLIC_URL, HOST, the request's Host and the machine's interfaces. */
import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { joinAddress } from '../../server/links/joinAddress.ts'

const nic = (address: string, internal = false): NetworkInterfaceInfo =>
  ({ address, family: address.includes(':') ? 'IPv6' : 'IPv4', internal, netmask: '', mac: '', cidr: null }) as NetworkInterfaceInfo
const interfaces = {
  lo: [nic('127.0.0.1', true), nic('::1', true)],
  docker0: [nic('172.17.0.1')],
  eth1: [nic('172.20.0.5')],
  wlan0: [nic('fe80::1'), nic('169.254.3.4'), nic('192.168.178.23')],
}
const at = (requestHost: string | undefined, listenHost = '0.0.0.0', publicUrl: string | null = null) =>
  joinAddress({ publicUrl, listenHost, requestHost, interfaces })

describe('the join address', () => {
  it('is PUBLIC_URL whenever it is set', () => {
    expect(at('localhost:8787', '127.0.0.1', 'https://board.example.org/sub')).toEqual({ origin: 'https://board.example.org', reach: 'public' })
    expect(at('localhost:8787', '0.0.0.0', 'http://localhost:8787')).toEqual({ origin: 'http://localhost:8787', reach: 'this-computer' })
  })

  it('is the LAN address for a page opened on loopback: the room’s network, not a container bridge, link-local or IPv6 one', () => {
    for (const host of ['localhost:8787', '127.0.0.1:8787', '[::1]:8787']) {
      expect(at(host)).toEqual({ origin: 'http://192.168.178.23:8787', reach: 'network' })
    }
    expect(at('localhost')).toEqual({ origin: 'http://192.168.178.23', reach: 'network' })
  })

  it('is the address HOST names, if the relay listens on one only', () => {
    expect(at('localhost:8787', '172.20.0.5')).toEqual({ origin: 'http://172.20.0.5:8787', reach: 'network' })
    // A container bridge is nobody's way in, even when named.
    expect(at('localhost:8787', '172.17.0.1')).toEqual({ origin: null, reach: 'this-computer' })
    expect(at('localhost:8787', '10.9.9.9')).toEqual({ origin: null, reach: 'this-computer' })
  })

  it('warns when the relay listens on loopback only, or the machine has no address in a network', () => {
    expect(at('localhost:8787', '127.0.0.1')).toEqual({ origin: null, reach: 'this-computer' })
    expect(joinAddress({ publicUrl: null, listenHost: '0.0.0.0', requestHost: 'localhost:8787', interfaces: { lo: interfaces.lo } })).toEqual({
      origin: null,
      reach: 'this-computer',
    })
  })

  it('is the page’s own address otherwise, said to be in the network or public', () => {
    expect(at('192.168.178.23:8787')).toEqual({ origin: null, reach: 'network' })
    expect(at('workshop-laptop:8787')).toEqual({ origin: null, reach: 'network' })
    expect(at('board.example.org')).toEqual({ origin: null, reach: 'public' })
    expect(at(undefined)).toEqual({ origin: null, reach: 'public' })
  })

  it('never hands out the LAN address through a reverse proxy, whatever Host it sends upstream', () => {
    const viaProxy = (host: string | undefined) =>
      joinAddress({ publicUrl: null, listenHost: '0.0.0.0', requestHost: 'localhost:8787', proxied: { host }, interfaces })
    expect(viaProxy('board.example.org')).toEqual({ origin: null, reach: 'public' })
    expect(viaProxy(undefined)).toEqual({ origin: null, reach: 'public' })
    expect(viaProxy('localhost:8443')).toEqual({ origin: null, reach: 'this-computer' })
  })


  it('never hands out the LAN address to a browser on another machine that says localhost (a port forward, a container’s mapped port)', () => {
    expect(joinAddress({ publicUrl: null, listenHost: '0.0.0.0', requestHost: 'localhost:8787', fromThisComputer: false, interfaces })).toEqual({
      origin: null,
      reach: 'this-computer',
    })
  })
})
