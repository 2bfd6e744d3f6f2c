/**
 * A participant with a name, as a browser joins: its writer secret signs its Zettel
 * (`shared/author.ts`), its presence shows its name. Resolves once `watcher` sees that name: the
 * relay has the presence before the first Zettel comes.
 */
import { randomBytes } from 'node:crypto'
import { authorId } from '../../shared/author.ts'
import type { TestClient } from './clients.ts'

export interface NamedWriter {
  client: TestClient
  /** The author id its Zettel carry in `meta.author` on this board. */
  author: string
}

export async function namedWriter(connect: (boardId: string, token?: string, writer?: string) => Promise<TestClient>, boardId: string, token: string, name: string, watcher: TestClient): Promise<NamedWriter> {
  const secret = randomBytes(24).toString('base64url')
  const client = await connect(boardId, token, secret)
  client.provider.awareness.setLocalStateField('presence', { userName: name })
  const seen = () => (watcher.provider.awareness.getStates().get(client.doc.clientID) as { presence?: { userName?: unknown } } | undefined)?.presence?.userName === name
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!seen()) return
      watcher.provider.awareness.off('change', check)
      resolve()
    }
    watcher.provider.awareness.on('change', check)
    check()
  })
  return { client, author: authorId(secret, boardId) }
}
