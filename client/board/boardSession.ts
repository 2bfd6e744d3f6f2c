/** Everything one open board needs, created together and torn down with one dispose(). */
import {
  atom,
  computed,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  type Atom,
  type TLStore,
} from 'tldraw'
import type { Role } from '../../shared/access.ts'
import { startBoardSync } from '../sync/boardSync.ts'
import { Disposers } from '../sync/disposers.ts'
import type { LoadResult } from '../sync/loadStore.ts'
import { createAssetStore } from './assetStore.ts'
import { connectBoard, type BoardConnection } from './boardConnection.ts'
import { boardUserStore } from './currentUser.ts'
import { createNotices, type Notices } from './notices.ts'

export type SessionPhase =
  | { name: 'waiting' }
  | { name: 'ready' }
  | { name: 'failed'; load: Extract<LoadResult, { ok: false }> }

export interface BoardSession {
  boardId: string
  /** What this link allows (PROVISIONAL: always 'facilitator' until access by role is wired). */
  role: Role
  store: TLStore
  connection: BoardConnection
  notices: Notices
  phase: Atom<SessionPhase>
  dispose(): void
}

export function openBoardSession(boardId: string, maxAssetBytes: number, firstPageName: string): BoardSession {
  const disposers = new Disposers()
  const connection = connectBoard(boardId)
  disposers.add(() => connection.dispose())
  const notices = createNotices()

  const store: TLStore = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    assets: createAssetStore(boardId, maxAssetBytes, notices),
    users: boardUserStore(() => store),
    // Tells tldraw's UI that this is a shared board (cursor chat, collaborator UI).
    collaboration: {
      status: computed('collaboration status', () =>
        connection.state.get() === 'connected' ? 'online' : 'offline',
      ),
    },
  })
  disposers.add(() => store.dispose())

  const phase = atom<SessionPhase>('board session phase', { name: 'waiting' })
  connection.ready.then(() => {
    if (disposers.isDisposed) return
    const sync = startBoardSync(store, connection.doc, { awareness: connection.awareness })
    // Registered after the connection, so it runs first: we leave awareness before the socket closes.
    disposers.add(() => sync.dispose())
    if (sync.load.ok && sync.load.loaded === 0) nameFirstPage(store, firstPageName)
    phase.set(sync.load.ok ? { name: 'ready' } : { name: 'failed', load: sync.load })
  })

  return { boardId, role: 'facilitator', store, connection, notices, phase, dispose: () => disposers.dispose() }
}

/** tldraw names a new board's page "Page 1" whatever the language; a new board gets ours. */
function nameFirstPage(store: TLStore, name: string) {
  const pages = store.query.records('page').get()
  if (pages.length === 1 && pages[0].name === 'Page 1' && name !== pages[0].name) {
    store.put([{ ...pages[0], name }])
  }
}
