/**
 * The „Einverstanden?“ round as everyone sees it while it is on the board: the proposal, its
 * Gremium and Bindewirkung, the four answers for one's Haus (not for a read-only link), the
 * answers by Haus as they come in, with who gave them (not secret), and the outcome once closed.
 * One component for the canvas's panel (`facilitation/ZustimmungPanel.tsx`, which adds the
 * facilitator's buttons) and the phone's list (`beitragen/ContributionView.tsx`): the list loads
 * no tldraw, so the name comes in from whichever view holds it.
 */
import { useState, type FormEvent, type ReactNode } from 'react'
import { authorId } from '../../shared/author.ts'
import { antworten, maxHausLength, type Antwort, type Round } from '../../shared/board/entries/zustimmung.ts'
import { antwortWords, bindewirkungLabel, gremiumLabel } from '../../shared/results/decisionWords.ts'
import { sendRoundAnswer } from '../api.ts'
import { format, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { answerer, outcomeText, roundSeen } from './zustimmungAnswering.ts'

/** The panel's small type on the canvas; the list's 16-px type and 44-px targets on a phone. */
const looks = {
  panel: { section: 'nws-vote-panel nws-round', answer: 'nws-button nws-button--small nws-button--secondary' },
  list: { section: 'nws-contribute__round nws-round', answer: 'nws-contribute__button' },
} as const

interface Props {
  round: Round
  board: { boardId: string; token: string; writer: string }
  /** False for a read-only link: it sees the round, and answers nothing. */
  mayAnswer: boolean
  /** The person's name as others see it, and a way to keep it carrying the Haus she typed. */
  name: string
  rename(name: string): void
  look: keyof typeof looks
  /** The list's sections are h2, the dock's panels h3. */
  heading: 'h2' | 'h3'
  /** The facilitator's buttons, below. */
  children?: ReactNode
  /** Folds it to a bar (the canvas's panel, beside a video call). */
  onFold?: () => void
}

export function ZustimmungRound({ round, board, mayAnswer, name, rename, look, heading: Heading, children, onFold }: Props) {
  const [typedHaus, setTypedHaus] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  const seen = roundSeen(round, authorId(board.writer, board.boardId), name)
  const classes = looks[look]

  const answer = async (antwort: Antwort) => {
    const who = answerer(name, typedHaus)
    if (!who) {
      setNotice(t.roundHausMissing)
      return
    }
    if (who.renamed) rename(who.renamed)
    setNotice(null)
    setSending(true)
    try {
      await sendRoundAnswer(board.boardId, board.token, board.writer, { roundId: round.id, name: who.name, haus: who.haus, antwort })
    } catch {
      setNotice(t.roundAnswerFailed)
    } finally {
      setSending(false)
    }
  }
  const noSubmit = (event: FormEvent) => event.preventDefault()

  return (
    <section className={classes.section} aria-label={t.roundTitle} data-round-state={round.state}>
      <header className="nws-vote-panel__header">
        <Heading>{t.roundTitle}</Heading>
        {onFold && (
          <button type="button" className="nws-vote-panel__collapse" aria-expanded="true" aria-label={t.voteMinimise} title={t.voteMinimise} data-round-fold onClick={onFold}>
            –
          </button>
        )}
      </header>
      <p className="nws-vote-panel__question">{round.question}</p>
      <p className="nws-vote-panel__scope">{format(t.roundTerms, { gremium: gremiumLabel(round.gremium, locale), bindewirkung: bindewirkungLabel(round.bindewirkung, locale) })}</p>
      {seen.open && mayAnswer && (
        <form className="nws-round__answer" onSubmit={noSubmit}>
          {seen.ownHaus ? (
            <p className="nws-vote-panel__hint">{format(t.roundForHaus, { haus: seen.ownHaus })}</p>
          ) : (
            <label className="nws-round__haus">
              {t.roundWhichHaus}
              <input type="text" value={typedHaus} maxLength={maxHausLength} placeholder={t.roundHausPlaceholder} autoComplete="organization" onChange={(e) => setTypedHaus(e.target.value)} />
            </label>
          )}
          <div className="nws-round__choices" role="group" aria-label={t.roundTitle}>
            {antworten.map((antwort) => (
              <button key={antwort} type="button" className={classes.answer} aria-pressed={seen.mine === antwort} disabled={sending} data-round-answer={antwort} onClick={() => void answer(antwort)}>
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
        {seen.haeuser.length === 0 ? (
          <p className="nws-vote-panel__hint">{t.roundAnswersNone}</p>
        ) : (
          <>
            <p className="nws-vote-panel__hint">{plural(locale, seen.haeuser.length, { one: t.roundHaeuserOne, other: t.roundHaeuser })}</p>
            <ul className="nws-round__haeuser" data-round-haeuser>
              {seen.haeuser.map((h) => (
                <li key={h.haus} data-round-haus={h.haus}>
                  <strong>{h.haus}</strong>: {antwortWords[h.antwort][locale]}
                  {h.uneinig ? ` (${t.roundUneinig})` : ''} – {h.names.join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      {!seen.open && (
        <p className="nws-round__outcome" role="status" data-round-outcome={round.outcome}>
          {outcomeText(round)}
        </p>
      )}
      {children}
    </section>
  )
}
