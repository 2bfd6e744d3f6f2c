/**
 * The board as a list to read and write in („Beitragen“): title, step and timer, then the
 * template parts in play as headings (what the room works on, `following.ts`; all of them on
 * request), each cell as a heading with its question, its Zettel as a list, and a
 * field to pin a Zettel there; an „Einverstanden?“ round on top, answered from here. Made for
 * phones, keyboards and screen readers, where the canvas cannot be read in order at all.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { canEdit, type Role } from '../../shared/accessRoles.ts'
import { privateMetaKey, writesPrivately } from '../../shared/board/entries/private.ts'
import { getRecordsMap, readRecords, type StoredRecord } from '../../shared/board/records.ts'
import { remainingMs, timerStatus } from '../../shared/board/entries/timer.ts'
import { dotsLeft, voteHeading, type Ballot } from '../../shared/results/voting.ts'
import { mayComment } from '../../shared/board/commentRights.ts'
import { facilitationMap } from '../../shared/board/entry.ts'
import { fetchOwnPrivateNotes, sendOwnPrivateNotes } from '../ownCalls.ts'
import { useCommentThreads } from '../comments/commentThreads.ts'
import { switchBoardView } from '../contributionChoice.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../firstLoadLocale.ts'
import type { ContributionConnection, ContributionState } from './contributionConnection.ts'
import type { CellPart, TemplatePart, Zettel } from './contributionModel.ts'
import { readBoard, type BoardReading } from './boardReading.ts'
import { knowBoardTemplates, unknownTemplates } from '../board/boardTemplates.ts'
import { placedZettel, pinZettel, removeZettel, rewriteZettel, zettelBase, zettelFieldText, type ZettelBase } from './zettelWrites.ts'
import { dotsLeftWords, useOwnBallot } from './ownBallot.ts'
import { commentsOn, ZettelComments, type CommentsHere } from './ZettelComments.tsx'
import { useFollowing } from './following.ts'
import { stepNamedBeside } from './partsInPlay.ts'
import { InPlayBar } from './InPlayBar.tsx'
import { JumpMenu, cellAnchor, partAnchor } from './JumpMenu.tsx'
import { ConnectionNote } from './ConnectionNote.tsx'
import { VoteLine } from './VoteLine.tsx'
import type { ListPerson } from './ListPerson.tsx'
import type { ListedResult } from './voteResult.ts'

// Fetched once a round is on the board: a phone's first visit does not carry the round's words
// and tally (3.5 kB on the wire, more than the budget in beitragen.test had left).
const ZustimmungRound = lazy(() => import('../facilitation/ZustimmungRound.tsx').then((chunk) => ({ default: chunk.ZustimmungRound })))

export interface ContributingBoard {
  boardId: string
  title: string
  role: Role
  token: string
  writer: string
  author: string
  /** This browser's tldraw user id (`storedUser.ts`): its Zettel show this person's name on the canvas. */
  userId: string
}

/** Where the canvas cannot run (the tldraw licence): why, on top, and a facilitator's steering over the list. */
export interface WithoutCanvas {
  notice: ReactNode
  steering?(reading: BoardReading, connection: ContributionConnection): ReactNode
}

interface Props {
  board: ContributingBoard
  connection: ContributionConnection
  /** Who writes here, under the title (`ListPerson.tsx`). */
  identity?: ReactNode
  /** Whose name an answer in the „Einverstanden?“ round carries, and keeps its Haus. */
  person: Pick<ListPerson, 'user' | 'rename'>
  /** No „Zur Tafel“: there is no canvas to go back to. */
  withoutCanvas?: WithoutCanvas
}

/** What the person does here that the list must know of across cells. */
interface Actions {
  mayWrite: boolean
  /** False when the Zettel could not be pinned (its words stay in the field). */
  pin(cell: CellPart, text: string): Promise<boolean>
  /** The Zettel's text as the field opens with it, so that the save keeps others' words typed meanwhile. */
  opened(id: string): ZettelBase | undefined
  rewrite(id: string, text: string, base: ZettelBase | undefined): void
  remove(id: string): void
  giveDot(id: string): void
  takeDot(id: string): void
  ballot: Ballot
  voteOpen: boolean
  /** A revealed vote's dots per Zettel, while everyone may see them. */
  revealed: ReadonlyMap<string, number> | undefined
  votable: ReadonlySet<string>
  /** The cell whose field was last used: news there is read out. */
  setActiveCell(id: string): void
  comments: CommentsHere
  /** Said politely to a screen reader. */
  announce(text: string): void
  /** Words begun in a cell's field, kept while the list shows another part. */
  drafts: Map<string, string>
}

export function ContributionView({ board, connection, identity, person, withoutCanvas }: Props) {
  const { doc } = connection
  const [state, setState] = useState<ContributionState>('connecting')
  const [synced, setSynced] = useState(false)
  const [privateNotes, setPrivateNotes] = useState<StoredRecord[]>([])
  const [reading, readNow] = useReading(connection, board, privateNotes)
  const [announcement, setAnnouncement] = useState('')
  const activeCell = useRef<string | undefined>(undefined)
  const ownPins = useRef(new Set<string>())
  const known = useRef<Map<string, Set<string>> | null>(null)

  useEffect(() => connection.onState(setState), [connection])
  useEffect(() => {
    // Shown once the board's templates are loaded too: read without them, its cells would be loose
    // shapes. Read at once with them: a reading from before the last update would draw the list
    // twice, first without that update's Zettel (on a phone, 120 of them twice).
    let live = true
    void connection.synced.then(() => knowBoardTemplates(connection.doc)).then(() => {
      if (!live) return
      readNow()
      setSynced(true)
    })
    return () => {
      live = false
    }
  }, [connection])

  // New Zettel from others in the cell one is writing in are read out, once each (not every keystroke).
  useEffect(() => {
    if (!synced) return
    const now = new Map(reading.templates.flatMap((template) => template.cells.map((cell) => [cell.id, new Set(cell.zettel.map((z) => z.id))] as const)))
    const before = known.current
    known.current = now
    const cellId = activeCell.current
    if (!before || !cellId) return
    const cell = reading.templates.flatMap((template) => template.cells).find((c) => c.id === cellId)
    const fresh = cell?.zettel.filter((z) => !before.get(cellId)?.has(z.id) && !ownPins.current.has(z.id) && z.text !== '')
    if (cell && fresh && fresh.length > 0) setAnnouncement(fresh.map((z) => format(t.contributeNewZettel, { cell: cell.heading, text: z.text })).join(' '))
  }, [reading, synced])

  const relayOffset = useServerOffset()
  const following = useFollowing(reading, synced, board.boardId, setAnnouncement, relayOffset)
  const drafts = useRef(new Map<string, string>())

  const ballot = useOwnBallot(board, reading.vote?.vote, (id) => getRecordsMap(doc).has(id), setAnnouncement)
  const threads = useCommentThreads(doc)
  const mayWrite = canEdit(board.role)
  const privately = reading.privateRound !== undefined && writesPrivately(board.role)
  usePrivateNotes(board, privately ? reading.privateRound : undefined, setPrivateNotes)

  const actions: Actions = {
    mayWrite,
    voteOpen: reading.vote !== undefined,
    revealed: reading.result?.counts,
    votable: reading.vote?.notes ?? new Set(),
    ballot: ballot.dots,
    setActiveCell: (id) => (activeCell.current = id),
    drafts: drafts.current,
    async pin(cell, text) {
      activeCell.current = cell.id
      if (privately && reading.privateRound) {
        const roundId = reading.privateRound
        const note = placedZettel([...readRecords(doc).records, ...privateNotes], cell.id, text, board.author, board.userId)
        if (!note) return false
        const mine = [...privateNotes, { ...note, meta: { ...(note.meta as object), [privateMetaKey]: roundId } }]
        try {
          await sendOwnPrivateNotes(board.boardId, board.token, board.writer, roundId, mine)
        } catch {
          // The round was revealed meanwhile, or no connection: the words stay in the field.
          setAnnouncement(t.contributePrivateRefused)
          return false
        }
        ownPins.current.add(note.id)
        setPrivateNotes(mine)
      } else {
        const id = pinZettel(doc, cell.id, text, board.author, board.userId)
        if (!id) return false
        ownPins.current.add(id)
      }
      setAnnouncement(t.contributePinned)
      return true
    },
    opened: (id) => zettelBase(doc, id),
    rewrite: (id, text, base) => rewriteZettel(doc, id, text, board.userId, base),
    remove: (id) => removeZettel(doc, id),
    giveDot: (id) => ballot.give(id),
    takeDot: (id) => ballot.takeBack(id),
    comments: { threads, may: mayComment(board.role, facilitationMap(doc).get('commenting')), ...commentsOn(doc, board.author, board.role) },
    announce: setAnnouncement,
  }

  const vote = reading.vote?.vote
  const left = vote ? dotsLeft(ballot.dots, vote.dotsPerPerson) : 0
  return (
    <div className="nws-contribute">
      {withoutCanvas?.notice}
      <header className="nws-contribute__header">
        <div className="nws-contribute__bar">
          <p className="nws-contribute__app">{t.contributeHeading}</p>
          {!withoutCanvas && (
            <button type="button" className="nws-contribute__button" onClick={() => switchBoardView('tafel')} title={t.contributeBackHint}>
              {t.contributeBackToBoard}
            </button>
          )}
        </div>
        <h1>{board.title || t.appName}</h1>
        {identity}
        {reading.step && stepNamedBeside(following.followed, reading.currentStep) && <p className="nws-contribute__step">{format(t.contributeStep, { step: reading.step })}</p>}
        <Timer reading={reading} />
        <InPlayBar following={following} />
        <ConnectionNote state={state} />
        {!mayWrite && <p className="nws-contribute__note">{t.contributeObserver}</p>}
        {privately && <p className="nws-contribute__note">{t.contributePrivate}</p>}
        {vote && mayWrite && <VoteLine scope={vote.scope} left={dotsLeftWords(left)} templates={reading.templates} following={following} />}
        {reading.round && (
          <Suspense fallback={null}>
            <ZustimmungRound round={reading.round} board={board} mayAnswer={mayWrite} name={person.user.name} rename={person.rename} look="list" heading="h2" />
          </Suspense>
        )}
        {/* In the header, not among the parts: following the room focuses the first part's heading. */}
        {reading.result && <ResultList result={reading.result} />}
      </header>
      {synced && <JumpMenu parts={following.parts} />}
      {withoutCanvas?.steering?.(reading, connection)}
      <main className="nws-contribute__main">
        {!synced ? (
          <p role="status">{t.waitingForServer}</p>
        ) : reading.templates.length === 0 ? (
          <p>{t.contributeNoTemplates}</p>
        ) : (
          following.parts.map((template) => <TemplateSection key={`${template.pageId}:${template.instance}`} template={template} actions={actions} />)
        )}
      </main>
      <div className="nws-visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
    </div>
  )
}

/** A revealed vote's ranking, as everyone's panel on the canvas shows it: the Zettel with dots, most first, above the parts. */
function ResultList({ result }: { result: ListedResult }) {
  const id = useId()
  return (
    <section className="nws-contribute__result" aria-labelledby={id}>
      <h2 id={id}>{result.question ? voteHeading(result.question, 0, 1, locale) : t.voteResultList}</h2>
      {result.ranking.length === 0 ? (
        <p>{t.voteResultsEmpty}</p>
      ) : (
        <ol className="nws-contribute__ranking">
          {result.ranking.map((entry) => (
            <li key={entry.id} data-note={entry.id} data-count={entry.count}>
              <span className="nws-contribute__rank">{entry.rank}.</span> <span>{entry.text || t.voteDeletedNote}</span>{' '}
              <strong className="nws-contribute__count">{dotsText(entry.count)}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

const dotsText = (count: number) => plural(locale, count, { one: t.voteDotsOne, other: t.voteDots })

function TemplateSection({ template, actions }: { template: TemplatePart; actions: Actions }) {
  const id = useId()
  return (
    <section className="nws-contribute__template" aria-labelledby={id} id={partAnchor(template)}>
      <h2 id={id} tabIndex={-1} data-instance={template.instance} data-page={template.pageId}>
        {template.title}
      </h2>
      {template.cells.map((cell) => (
        // A document or frame is its one cell: the part's heading is its own.
        <CellSection key={cell.id} cell={cell} actions={actions} partHeaded={template.template === ''} />
      ))}
    </section>
  )
}

function CellSection({ cell, actions, partHeaded = false }: { cell: CellPart; actions: Actions; partHeaded?: boolean }) {
  const id = useId()
  const [text, setTextState] = useState(() => actions.drafts.get(cell.id) ?? '')
  const setText = (words: string) => {
    setTextState(words)
    if (words) actions.drafts.set(cell.id, words)
    else actions.drafts.delete(cell.id)
  }
  const [busy, setBusy] = useState(false)
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const words = text.trim()
    if (!words || busy) return
    setBusy(true)
    try {
      if (await actions.pin(cell, words)) setText('')
    } finally {
      setBusy(false)
    }
  }
  return (
    <section className="nws-contribute__cell" aria-labelledby={partHeaded ? undefined : `${id}-h`} data-cell={cell.id} id={cellAnchor(cell)}>
      {!partHeaded && (
        <h3 id={`${id}-h`} tabIndex={-1}>
          {cell.heading}
        </h3>
      )}
      {cell.prompt && <p className="nws-contribute__prompt">{cell.prompt}</p>}
      {cell.zettel.length === 0 ? (
        <p className="nws-contribute__empty">{t.contributeNoZettel}</p>
      ) : (
        <ul className="nws-contribute__zettel" aria-label={plural(locale, cell.zettel.length, { one: t.contributeZettelCountOne, other: t.contributeZettelCountOther })}>
          {cell.zettel.map((zettel) => (
            <ZettelItem key={zettel.id} zettel={zettel} pageId={cell.pageId} actions={actions} />
          ))}
        </ul>
      )}
      {actions.mayWrite && (
        <form className="nws-contribute__write" onSubmit={(event) => void submit(event)}>
          <label htmlFor={`${id}-w`}>{format(t.contributeWriteLabel, { cell: cell.heading })}</label>
          <textarea
            id={`${id}-w`}
            value={text}
            rows={3}
            onFocus={() => actions.setActiveCell(cell.id)}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="nws-contribute__button nws-contribute__button--primary" disabled={busy}>
            {t.contributePin}
          </button>
        </form>
      )}
    </section>
  )
}

function ZettelItem({ zettel, pageId, actions }: { zettel: Zettel; pageId: string; actions: Actions }) {
  const [editing, setEditing] = useState<string | null>(null)
  const opened = useRef<ZettelBase | undefined>(undefined)
  const id = useId()
  const editRef = useRef<HTMLTextAreaElement>(null)
  const editButton = useRef<HTMLButtonElement>(null)
  const open = editing !== null
  const wasOpen = useRef(false)
  // Into the field when it opens, back to „Ändern“ when it closes: the keyboard stays where it was.
  useEffect(() => {
    if (open) editRef.current?.focus()
    else if (wasOpen.current) editButton.current?.focus()
    wasOpen.current = open
  }, [open])
  const given = actions.ballot[zettel.id] ?? 0
  const revealed = actions.revealed?.get(zettel.id)
  const words = zettel.text || '…'
  const close = () => setEditing(null)
  return (
    <li className="nws-contribute__item" data-mine={zettel.mine || undefined}>
      {editing !== null ? (
        <form
          className="nws-contribute__edit"
          onSubmit={(event) => {
            event.preventDefault()
            if (editing.trim()) actions.rewrite(zettel.id, editing.trim(), opened.current)
            close()
          }}
        >
          <label htmlFor={`${id}-e`}>{t.contributeEditLabel}</label>
          <textarea id={`${id}-e`} ref={editRef} value={editing} rows={3} onChange={(event) => setEditing(event.target.value)} onKeyDown={(event) => event.key === 'Escape' && close()} />
          <div className="nws-contribute__actions">
            <button type="submit" className="nws-contribute__button nws-contribute__button--primary">
              {t.contributeSave}
            </button>
            <button type="button" className="nws-contribute__button" onClick={close}>
              {t.contributeCancel}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="nws-contribute__text">
            {zettel.mine && <span className="nws-contribute__mine">{t.contributeMine}: </span>}
            {words}
            {revealed !== undefined && (
              <>
                {' '}
                <strong className="nws-contribute__count" data-count={revealed}>
                  ({dotsText(revealed)})
                </strong>
              </>
            )}
          </p>
          {(zettel.mayChange || (actions.voteOpen && actions.votable.has(zettel.id))) && (
            <div className="nws-contribute__actions">
              {actions.voteOpen && actions.votable.has(zettel.id) && (
                <button type="button" className="nws-contribute__button" aria-label={format(t.contributeGiveDotLabel, { text: words })} onClick={() => actions.giveDot(zettel.id)}>
                  {t.contributeGiveDot}
                  {given > 0 && <span className="nws-contribute__dots"> ({plural(locale, given, { one: t.contributeDotsGivenOne, other: t.contributeDotsGivenOther })})</span>}
                </button>
              )}
              {actions.voteOpen && given > 0 && (
                <button type="button" className="nws-contribute__button" aria-label={format(t.contributeTakeDotLabel, { text: words })} onClick={() => actions.takeDot(zettel.id)}>
                  {t.contributeTakeDot}
                </button>
              )}
              {zettel.mayChange && actions.mayWrite && (
                <>
                  <button ref={editButton} type="button" className="nws-contribute__button" aria-label={format(t.contributeEditZettelLabel, { text: words })} onClick={() => {
                    // The field holds the words of the base its save is a change from: the list is
                    // read a frame after an update, and a field opened with the older words would
                    // delete the ones that came in that frame.
                    const base = actions.opened(zettel.id)
                    opened.current = base
                    setEditing(base ? zettelFieldText(base) : zettel.text)
                  }}>
                    {t.contributeEdit}
                  </button>
                  <button type="button" className="nws-contribute__button" aria-label={format(t.contributeDeleteLabel, { text: words })} onClick={() => actions.remove(zettel.id)}>
                    {t.contributeDelete}
                  </button>
                </>
              )}
            </div>
          )}
          {/* A private Zettel is not on the board yet: nothing there to comment on. */}
          {!zettel.private && <ZettelComments zettel={{ id: zettel.id, words }} pageId={pageId} comments={actions.comments} announce={actions.announce} />}
        </>
      )}
    </li>
  )
}

function Timer({ reading }: { reading: BoardReading }) {
  const offset = useServerOffset()
  const [, tick] = useState(0)
  const timer = reading.timer
  const now = Date.now() + offset
  const status = timer && timerStatus(timer, now)
  useEffect(() => {
    if (status !== 'running') return
    const every = setInterval(() => tick((n) => n + 1), 1000)
    return () => clearInterval(every)
  }, [status])
  if (!timer || !status) return null
  const left = Math.ceil(remainingMs(timer, now) / 1000)
  const time = `${String(Math.floor(left / 60)).padStart(2, '0')}:${String(left % 60).padStart(2, '0')}`
  // Not a live region: a second-by-second countdown would drown everything else a screen reader says.
  return (
    <p className="nws-contribute__timer">
      {status === 'expired' ? t.contributeTimerUp : format(status === 'paused' ? t.contributeTimerPaused : t.contributeTimer, { time })}
    </p>
  )
}

/** The relay's clock minus ours, measured once: every screen shows the same time left. */
export function useServerOffset(): number {
  const [offset, setOffset] = useState(() => measuredOffset ?? 0)
  useEffect(() => {
    let live = true
    void relayOffset().then((measured) => live && measured !== undefined && setOffset(measured))
    return () => {
      live = false
    }
  }, [])
  return offset
}

/** One `/api/time` for the page, whoever asks (the list and its timer): not one each on a phone's first visit. */
let offsetAsked: Promise<number | undefined> | undefined
let measuredOffset: number | undefined
function relayOffset(): Promise<number | undefined> {
  offsetAsked ??= (async () => {
    const sentAt = Date.now()
    try {
      const { now } = (await (await fetch('/api/time', { cache: 'no-store' })).json()) as { now?: unknown }
      if (typeof now === 'number') return (measuredOffset = Math.round(now - (sentAt + Date.now()) / 2))
    } catch {}
    // Asked again by the next screen that needs it.
    offsetAsked = undefined
    return undefined
  })()
  return offsetAsked
}

const noPrivateNotes: readonly StoredRecord[] = []

/** The board read afresh after each change of the doc, at most once a frame. */
export function useBoardReading(connection: ContributionConnection, board: Pick<ContributingBoard, 'role' | 'author'>, privateNotes: readonly StoredRecord[] = noPrivateNotes): BoardReading {
  return useReading(connection, board, privateNotes)[0]
}

/** The reading, and `readNow` for the moment the board is synced: read then, not a frame later. */
function useReading(connection: ContributionConnection, board: Pick<ContributingBoard, 'role' | 'author'>, privateNotes: readonly StoredRecord[]): [BoardReading, () => void] {
  const read = () => readBoard(connection.doc, { role: board.role, author: board.author }, privateNotes)
  const [reading, setReading] = useState(read)
  const frame = useRef<number | undefined>(undefined)
  const readNow = useRef(() => {})
  readNow.current = () => {
    if (frame.current !== undefined) cancelAnimationFrame(frame.current)
    frame.current = undefined
    setReading(read())
  }
  useEffect(() => {
    let live = true
    const inFrame = () => {
      frame.current ??= requestAnimationFrame(() => {
        frame.current = undefined
        setReading(read())
      })
    }
    const update = () => {
      // A template put on the board (or coming with its first sync) is fetched as soon as an
      // update names it, not a frame and a reading later; the board is read again once it is loaded.
      if (unknownTemplates(connection.doc).length > 0) void knowBoardTemplates(connection.doc).then(() => live && inFrame())
      inFrame()
    }
    update()
    connection.doc.on('update', update)
    return () => {
      live = false
      connection.doc.off('update', update)
      if (frame.current !== undefined) cancelAnimationFrame(frame.current)
      frame.current = undefined
    }
  }, [connection, board, privateNotes])
  return [reading, () => readNow.current()]
}

/** Own notes of the open round of private writing, as the relay keeps them. */
function usePrivateNotes(board: ContributingBoard, roundId: string | undefined, set: (notes: StoredRecord[]) => void) {
  useEffect(() => {
    set([])
    if (!roundId) return
    let cancelled = false
    fetchOwnPrivateNotes(board.boardId, board.token, board.writer).then(
      (own) => {
        if (!cancelled && own.roundId === roundId) set(own.notes as StoredRecord[])
      },
      () => {},
    )
    return () => {
      cancelled = true
    }
  }, [board, roundId])
}
