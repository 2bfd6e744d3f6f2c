/**
 * Our client hands the relay its link token and writer secret as websocket subprotocols
 * (`Sec-WebSocket-Protocol`), not in the URL, where a reverse proxy's access log would keep them.
 * The relay selects `relayProtocol`; plain y-websocket clients still use the query parameters.
 * Without zod, for a phone's list (`access.ts` re-exports it).
 */
export const relayProtocol = 'netzwerkstatt.v1'
const tokenProtocolPrefix = 'token.'
const writerProtocolPrefix = 'writer.'

export const credentialProtocols = (token: string, writer?: string): string[] => [
  relayProtocol,
  tokenProtocolPrefix + token,
  ...(writer ? [writerProtocolPrefix + writer] : []),
]

/** The credentials in a `Sec-WebSocket-Protocol` header, if our client sent any. */
export function credentialsFromProtocols(header: string | undefined): { token?: string; writer?: string } {
  const offered = (header ?? '').split(',').map((p) => p.trim())
  const after = (prefix: string) => offered.find((p) => p.startsWith(prefix))?.slice(prefix.length)
  return { token: after(tokenProtocolPrefix), writer: after(writerProtocolPrefix) }
}
