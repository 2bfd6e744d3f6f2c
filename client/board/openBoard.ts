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
import { canEdit, type Role } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { protectionKey } from '../../shared/board/entries/protection.ts'
import { facilitationMap } from '../../shared/board/facilitation.ts'
import { privateEntry } from '../../shared/board/entries/private.ts'
import { isScaffoldRecord, mayChangeScaffold } from '../../shared/board/entries/scaffold.ts'
import { mayChangePage } from '../../shared/board/pages.ts'
import { createFacilitationModel, type FacilitationModel } from './facilitation/facilitationModel.ts'
import { scaffoldUnlocked } from './facilitation/scaffoldState.ts'
import { writerSecret } from '../writerSecret.ts'
import type { KnownTokens } from '../recentBoards.ts'
import { startBoardSync } from '../sync/boardSync.ts'
import { Disposers } from '../sync/disposers.ts'
import type { LoadResult } from '../sync/loadStore.ts'
import type { LeftOutCount } from '../sync/leftOutRecords.ts'
import { createAssetStore } from './assetStore.ts'
import { createAssetReader } from './assetReader.ts'
import { connectBoard, type AccessCheck, type BoardConnection } from './boardConnection.ts'
import { guardBoardRights } from './boardRights.ts'
import { registerConsent } from './boardConsent.ts'
import { consentEntry } from '../../shared/board/entries/consent.ts'
import { boardUserStore } from './currentUser.ts'
import { createNotices, type Notices } from './notices.ts'
import { knowEditorTemplates } from './editorTemplates.ts'

export type SessionPhase =
  | { name: 'waiting' }
  | { name: 'ready' }
  | { name: 'failed'; load: Extract<LoadResult, { ok: false }> }

/** The board as this page opened it: with which link, granting which role. */
export interface BoardAccess {
  boardId: string
  title: string
  token: string
  /** What the server said this token grants (offline: what it said last time). */
  role: Role
  /** Every link this browser knows for the board (a facilitator's browser: usually all three). */
  knownTokens: KnownTokens
  /** After how many days without use the relay deletes boards (null: never, or not known offline). */
  retentionDays?: number | null
  /** When the server would delete it (before this visit counted); null: never, or not known offline. */
  deleteAfter?: string | null
  /** Its links also need a sign-in; the name shown is the sign-in's (`signedInName.ts`). */
  signInRequired?: boolean
}

export interface OpenBoard {
  boardId: string
  title: string
  /** What this link allows: observers get a read-only editor, only facilitators manage links. */
  role: Role
  /** This page's token, for the API calls it makes (export, rotate, delete). */
  token: string
  /** This browser's author id on the board: the notes it made carry it (`shared/author.ts`). */
  author: string
  retentionDays: number | null
  /** The links this browser knows, by role; a facilitator's new link replaces one here. */
  knownTokens: Atom<KnownTokens>
  /** Its links also need a sign-in (said on a Fallkonferenz's banner: who can see the board). */
  signInRequired: boolean
  store: TLStore
  connection: BoardConnection
  notices: Notices
  /**
   * This browser is the board's wall (`client/beamerMemory.ts`): it shows the board and is
   * nobody on it; `setBeamer` changes that, which opens the board anew.
   */
  beamer: boolean
  setBeamer(on: boolean): void
  /** Timer, agenda, vote and the other facilitation tools' state; ended with the session. */
  facilitation: FacilitationModel
  phase: Atom<SessionPhase>
  /** How many shapes and bindings of the board cannot be shown (`client/sync/leftOutRecords.ts`). */
  leftOut: Atom<LeftOutCount>
  /** After a version is restored: deletes the broken records it did not bring back (see BoardSync). */
  dropLeftOut(keep: ReadonlySet<string>): void
  dispose(): void
}

export function openBoard(
  board: BoardAccess,
  options: {
    maxAssetBytes: number
    firstPageName: string
    checkAccess: AccessCheck
    beamer?: boolean
    setBeamer?(on: boolean): void
    /**
     * The board's connection, opened already for the first paint (`boardPage/FirstPaint.tsx`):
     * the editor takes over its doc instead of connecting twice. Its opener disposes it, after
     * this session.
     */
    connection?: BoardConnection
  },
): OpenBoard {
  const { boardId, title, token, role } = board
  const disposers = new Disposers()
  const secret = writerSecret()
  const author = authorId(secret, boardId)
  const beamer = options.beamer === true
  const connection = options.connection ?? connectBoard(boardId, token, secret, options.checkAccess, beamer ? 'nobody' : 'someone')
  if (!options.connection) disposers.add(() => connection.dispose())
  const notices = createNotices()
  const facilitation = createFacilitationModel({ boardId, token, role, doc: connection.doc, awareness: connection.awareness, state: connection.state, beamer })
  disposers.add(() => facilitation.dispose())
  const unlocked = () => scaffoldUnlocked(facilitation)

  // Given back after the store: the canvas shows its files until the end.
  const assets = createAssetReader(boardId, token)
  disposers.add(() => assets.dispose())
  const store: TLStore = createTLStore({
    shapeUtils: defaultShapeUtils,
    bindingUtils: defaultBindingUtils,
    assets: createAssetStore({ boardId, token, role }, options.maxAssetBytes, notices, assets),
    users: boardUserStore(() => store),
    // Tells tldraw's UI that this is a shared board (cursor chat, collaborator UI), and makes
    // the editor read-only for observers (the relay drops their changes anyway).
    collaboration: {
      status: computed('collaboration status', () =>
        connection.state.get() === 'connected' ? 'online' : 'offline',
      ),
      mode: computed('collaboration mode', () => (canEdit(role) ? 'readwrite' : 'readonly')),
    },
  })
  disposers.add(() => store.dispose())
  // Before anything is loaded or drawn: no moment in which a change the relay refuses is made.
  disposers.add(
    guardBoardRights(store, {
      role,
      author,
      unlocked,
      protection: () => facilitationMap(connection.doc).get(protectionKey),
      privateRound: () => privateEntry.get(connection.doc)?.id,
      onProtected: (count) => notices.emit({ kind: 'notes-protected', count }),
      onKeptInSight: () => notices.emit({ kind: 'kept-in-sight' }),
      onArrowKept: () => notices.emit({ kind: 'arrow-kept' }),
      consent: () => facilitationMap(connection.doc).get(consentEntry.key),
      onCaseShut: () => notices.emit({ kind: 'case-shut' }),
    }),
  )
  disposers.add(registerConsent(store, () => facilitationMap(connection.doc).get(consentEntry.key)))

  const phase = atom<SessionPhase>('board session phase', { name: 'waiting' })
  const leftOut = atom<LeftOutCount>('records left out', { shapes: 0, bindings: 0 })
  let dropLeftOut: OpenBoard['dropLeftOut'] = () => {}
  const begin = (source: 'local' | 'server') => {
    if (disposers.isDisposed) return
    const sync = startBoardSync(store, connection.doc, {
      awareness: connection.awareness,
      presence: { publish: !beamer },
      onLeftOut: (count) => leftOut.set(count),
      // Scaffold migrated to a newer tldraw is written back by someone who may change it.
      mayWriteBack: (record) =>
        record.typeName === 'page' ? mayChangePage(role, author, record) : !isScaffoldRecord(record) || mayChangeScaffold(role, unlocked()),
    })
    // This browser's copy may be older than the relay's, say from before the facilitator repaired
    // an unreadable board: judged again once the relay's state is in (a failed load binds nothing).
    if (!sync.load.ok && source === 'local') {
      void connection.serverSynced.then(() => begin('server'))
      return
    }
    // Registered after the connection, so it runs first: we leave awareness before the socket closes.
    disposers.add(() => sync.dispose())
    dropLeftOut = sync.dropLeftOut
    if (sync.load.ok && sync.load.loaded === 0 && canEdit(role)) nameFirstPage(store, options.firstPageName)
    phase.set(sync.load.ok ? { name: 'ready' } : { name: 'failed', load: sync.load })
  }
  // The board's templates are known before the editor reads it (`editorTemplates.ts`).
  const templates = knowEditorTemplates(connection.doc)
  disposers.add(() => templates.dispose())
  connection.ready.then((source) => templates.known().then(() => begin(source)))

  return {
    boardId,
    title,
    role,
    token,
    author,
    retentionDays: board.retentionDays ?? null,
    knownTokens: atom('known board links', { ...board.knownTokens, [role]: token }),
    signInRequired: board.signInRequired === true,
    beamer,
    setBeamer: options.setBeamer ?? (() => {}),
    store,
    connection,
    notices,
    facilitation,
    phase,
    leftOut,
    dropLeftOut: (keep) => dropLeftOut(keep),
    dispose: () => disposers.dispose(),
  }
}

/** tldraw names a new board's page "Page 1" whatever the language; a new board gets ours. */
function nameFirstPage(store: TLStore, name: string) {
  const pages = store.query.records('page').get()
  if (pages.length === 1 && pages[0].name === 'Page 1' && name !== pages[0].name) {
    store.put([{ ...pages[0], name }])
  }
}
