/**
 * The „Einverstanden?“ round in the facilitation dock, for everyone while one is on the board
 * (`shared/board/entries/zustimmung.ts`): the proposal, its Gremium and Bindewirkung, and the answers
 * by Haus as they come in, with who gave them (not secret). A person who may write answers for
 * their organisation: the one their name carries („Anna Krüger (Jobcenter)“), or, if it carries
 * none, the one they type once, which their name then carries. The facilitator closes the round
 * (the relay writes its outcome and the Beschluss) and takes it off the board. The facilitator
 * asks from the Beschluss button (`dokumentation/beschluss.tsx`). Each person may fold it to a bar
 * that says their answer; a follower's table (FollowedTable.tsx) lays itself beside or below it.
 */
import { useRef, useState, type FormEvent } from 'react'
import { getUserPreferences, setUserPreferences, useValue } from 'tldraw'
import { canEdit } from '../../shared/access.ts'
import { authorId } from '../../shared/author.ts'
import { localDay } from '../../shared/dates.ts'
import { antworten, maxHausLength, maxNameLength, removeRound, zustimmungEntry, type Antwort, type Round } from '../../shared/board/entries/zustimmung.ts'
import { consultingHaeuser, keptRound, tallyByHaus } from '../../shared/board/zustimmungTally.ts'
import { antwortWords, bindewirkungLabel, gremiumLabel } from '../../shared/results/decisions.ts'
import { closeRound, sendRoundAnswer } from '../api.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { plural, format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { nameWithOrganisation, nameWithoutOrganisation, organisationIn } from '../nameChoice.ts'
import { writerSecret } from '../writerSecret.ts'
import { useRoomForPanel } from './FollowedTable.tsx'
import './voting.css'

const outcomeText = (round: Round): string => {
  if (round.outcome === 'beschlossen') return t.roundOutcomeBeschlossen
  if (round.outcome === 'vorbehaltlich') return format(t.roundOutcomeVorbehaltlich, { haeuser: consultingHaeuser(keptRound(round, '')).join(', ') })
  return t.roundOutcomeNicht
}

export function ZustimmungPanel() {
  const session = useOpenBoard()
  const round = useValue('einverstanden round', () => session.facilitation.entries.zustimmung.get(), [session])
  const [typedHaus, setTypedHaus] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const name = useValue('user name', () => getUserPreferences().name ?? '', [])
  // Folded by the person herself (beside a video call the window is small); a new round opens again.
  const [foldedRound, setFoldedRound] = useState<string | null>(null)
  const place = useRef<HTMLDivElement>(null)
  // A follower's table leaves the round room rather than lying under it.
  useRoomForPanel(place, !!round)
  if (!round) return null
  const mine = authorId(writerSecret(), session.boardId)
  const myAnswer = round.answers[mine]?.antwort
  const ownHaus = organisationIn(name)
  const haeuser = tallyByHaus(Object.values(round.answers))
  const isFacilitator = zustimmungEntry.mayWrite(session.role)
  const open = round.state === 'open'

  const answer = async (antwort: Antwort) => {
    const haus = (ownHaus || typedHaus).trim().slice(0, maxHausLength)
    if (!haus) {
      setNotice(t.roundHausMissing)
      return
    }
    // Asked once: from now on the name others see carries the organisation.
    if (!ownHaus) setUserPreferences({ ...getUserPreferences(), name: nameWithOrganisation(nameWithoutOrganisation(name), haus) })
    setNotice(null)
    setSending(true)
    try {
      const who = (nameWithoutOrganisation(name) || haus).slice(0, maxNameLength)
      await sendRoundAnswer(session.boardId, session.token, writerSecret(), { roundId: round.id, name: who, haus, antwort })
    } catch {
      setNotice(t.roundAnswerFailed)
    } finally {
      setSending(false)
    }
  }
  const close = async () => {
    try {
      await closeRound(session.boardId, session.token, round.id, localDay(new Date()))
    } catch {
      setNotice(t.roundCloseFailed)
    }
  }
  const noSubmit = (event: FormEvent) => event.preventDefault()

  if (foldedRound === round.id) {
    return (
      <div className="nws-round-place" ref={place}>
        <button type="button" className="nws-facilitation-button nws-round-folded" aria-expanded="false" data-round-unfold onClick={() => setFoldedRound(null)}>
          {myAnswer ? format(t.roundFolded, { antwort: antwortWords[myAnswer][locale] }) : t.roundExpand}
        </button>
      </div>
    )
  }
  return (
    <div className="nws-round-place" ref={place}>
      <section className="nws-vote-panel nws-round" aria-label={t.roundTitle} data-round-state={round.state}>
        <header className="nws-vote-panel__header">
          <h3>{t.roundTitle}</h3>
          <button type="button" className="nws-vote-panel__collapse" aria-expanded="true" aria-label={t.voteMinimise} title={t.voteMinimise} data-round-fold onClick={() => setFoldedRound(round.id)}>
            –
          </button>
        </header>
        <p className="nws-vote-panel__question">{round.question}</p>
        <p className="nws-vote-panel__scope">{format(t.roundTerms, { gremium: gremiumLabel(round.gremium, locale), bindewirkung: bindewirkungLabel(round.bindewirkung, locale) })}</p>
        {open && canEdit(session.role) && (
          <form className="nws-round__answer" onSubmit={noSubmit}>
            {ownHaus ? (
              <p className="nws-vote-panel__hint">{format(t.roundForHaus, { haus: ownHaus })}</p>
            ) : (
              <label className="nws-round__haus">
                {t.roundWhichHaus}
                <input type="text" value={typedHaus} maxLength={maxHausLength} placeholder={t.roundHausPlaceholder} autoComplete="organization" onChange={(e) => setTypedHaus(e.target.value)} />
              </label>
            )}
            <div className="nws-round__choices" role="group" aria-label={t.roundTitle}>
              {antworten.map((antwort) => (
                <button
                  key={antwort}
                  type="button"
                  className="nws-button nws-button--small nws-button--secondary"
                  aria-pressed={myAnswer === antwort}
                  disabled={sending}
                  data-round-answer={antwort}
                  onClick={() => void answer(antwort)}
                >
                  {antwortWords[antwort][locale]}
                </button>
              ))}
            </div>
          </form>
        )}
        {notice && (
          <p className="nws-vote-panel__notice" role="alert">
            {notice}
          </p>
        )}
        <div aria-live="polite">
          {haeuser.length === 0 ? (
            <p className="nws-vote-panel__hint">{t.roundAnswersNone}</p>
          ) : (
            <>
              <p className="nws-vote-panel__hint">{plural(locale, haeuser.length, { one: t.roundHaeuserOne, other: t.roundHaeuser })}</p>
              <ul className="nws-round__haeuser" data-round-haeuser>
                {haeuser.map((h) => (
                  <li key={h.haus} data-round-haus={h.haus}>
                    <strong>{h.haus}</strong>: {antwortWords[h.antwort][locale]}
                    {h.uneinig ? ` (${t.roundUneinig})` : ''} – {h.names.join(', ')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        {!open && (
          <p className="nws-round__outcome" role="status" data-round-outcome={round.outcome}>
            {outcomeText(round)}
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
      </section>
    </div>
  )
}
