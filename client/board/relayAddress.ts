/** Where a board's socket connects: the relay on the page's own origin (no tldraw here, so the list view can use it too). */
export const websocketServerUrl = (location: Pick<Location, 'protocol' | 'host'>): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`
