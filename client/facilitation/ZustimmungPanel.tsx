/**
 * The „Einverstanden?“ round in the facilitation dock, for everyone while one is on the board
 * (`shared/board/entries/zustimmung.ts`): the proposal, its Gremium and Bindewirkung, and the answers
 * by Haus as they come in, with who gave them (not secret). A person who may write answers for
 * their organisation: the one their name carries („Anna Krüger (Jobcenter)“), or, if it carries
 * none, the one they type once, which their name then carries. The facilitator closes the round
 * (the relay writes its outcome and the Beschluss) and takes it off the board. The facilitator
 * asks from the Beschluss button (`dokumentation/beschluss.tsx`). What everyone sees and answers is
 * `ZustimmungRound.tsx`, which the phone's list shows too; the facilitator's buttons are here. Each
 * person may fold it to a bar that says their answer; a follower's table (FollowedTable.tsx) lays
 * itself beside or below it.
 */
import { useRef, useState } from 'react'
import { getUserPreferences, setUserPreferences, useValue } from 'tldraw'
import { canEdit } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { antwortWords } from '../../shared/results/decisionWords.ts'
import { localDay } from '../../shared/dates.ts'
import { maxBeschluesse } from '../../shared/board/entries/beschluesse.ts'
import { removeRound, zustimmungEntry } from '../../shared/board/entries/zustimmung.ts'
import { closeRound } from '../api.ts'
import { format } from '../i18n.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { locale, t } from '../locale.ts'
import { writerSecret } from '../writerSecret.ts'
import { ZustimmungRound } from './ZustimmungRound.tsx'
import { useRoomForPanel } from './FollowedTable.tsx'
import './voting.css'

export function ZustimmungPanel() {
  const session = useOpenBoard()
  const round = useValue('einverstanden round', () => session.facilitation.entries.zustimmung.get(), [session])
  const [notice, setNotice] = useState<string | null>(null)
  const name = useValue('user name', () => getUserPreferences().name ?? '', [])
  // Folded by the person herself (beside a video call the window is small); a new round opens again.
  const [foldedRound, setFoldedRound] = useState<string | null>(null)
  const place = useRef<HTMLDivElement>(null)
  // A follower's table leaves the round room rather than lying under it.
  useRoomForPanel(place, !!round)
  if (!round) return null
  const isFacilitator = zustimmungEntry.mayWrite(session.role)
  const open = round.state === 'open'
  const board = { boardId: session.boardId, token: session.token, writer: writerSecret() }
  // Asked once: from now on the name others see carries the organisation.
  const rename = (named: string) => setUserPreferences({ ...getUserPreferences(), name: named })

  const close = async () => {
    try {
      await closeRound(session.boardId, session.token, round.id, localDay(new Date()))
    } catch {
      // A round that agrees cannot mark one more than a board keeps (the relay answers 409).
      const full = session.facilitation.entries.beschluesse.get().notes.length >= maxBeschluesse
      setNotice(full ? format(t.beschlussFull, { max: String(maxBeschluesse) }) : t.roundCloseFailed)
    }
  }
  const mine = round.answers[authorId(board.writer, board.boardId)]?.antwort

  if (foldedRound === round.id) {
    return (
      <div className="nws-round-place" ref={place}>
        <button type="button" className="nws-facilitation-button nws-round-folded" aria-expanded="false" data-round-unfold onClick={() => setFoldedRound(null)}>
          {mine ? format(t.roundFolded, { antwort: antwortWords[mine][locale] }) : t.roundExpand}
        </button>
      </div>
    )
  }
  return (
    <div className="nws-round-place" ref={place}>
      <ZustimmungRound round={round} board={board} mayAnswer={canEdit(session.role)} name={name} rename={rename} look="panel" heading="h3" onFold={() => setFoldedRound(round.id)}>
        {notice && (
          <p className="nws-vote-panel__notice" role="alert">
            {notice}
          </p>
        )}
        {isFacilitator && (
          <div className="nws-vote-panel__actions">
            {open ? (
              <button type="button" className="nws-button nws-button--small" data-round-close onClick={() => void close()}>
                {t.roundClose}
              </button>
            ) : (
              <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => removeRound(session.connection.doc, round.id)}>
                {t.roundRemove}
              </button>
            )}
          </div>
        )}
      </ZustimmungRound>
    </div>
  )
}
