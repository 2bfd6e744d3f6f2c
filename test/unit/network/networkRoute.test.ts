import { describe, expect, it } from 'vitest'
import { routeFor } from '../../../client/routes.ts'

describe('the network route', () => {
  it('/n/<id> is a network page; anything else under /n/ is not', () => {
    const id = 'AbCdEfGhIjKlMnOpQrStUv'
    expect(routeFor(`/n/${id}`)).toEqual({ page: 'network', networkId: id })
    expect(routeFor(`/n/${id}/`)).toEqual({ page: 'network', networkId: id })
    expect(routeFor('/n/short')).toEqual({ page: 'unknown' })
    expect(routeFor(`/n/${id}/boards`)).toEqual({ page: 'unknown' })
  })
})
