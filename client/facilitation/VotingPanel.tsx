/**
 * The dot vote's panel: the facilitator starts a vote (dots per person, scope), sees how many
 * have voted (never where), reveals, ends and exports it; everyone else sees their dots left and
 * a switch for placing dots; after the reveal, everyone sees the ranked result.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import { canVote, defaultDots, dotsLeft, moreBallotsThanPresent, participation, resultsVisible, scopeArea, scopeLabel } from '../../shared/results/voting.ts'
import { maxDots, maxQuestionLength, minDots, removeVote, closeVote, hideVote, showVoteOnWall, type Vote } from '../../shared/board/entries/vote.ts'
import { forgetVote, maxKeptVotes, oldestForgettable, removeVoteAndResult } from '../../shared/board/entries/voteRecord.ts'
import { format, plural } from '../i18n.ts'
import { locale } from '../locale.ts'
import { dotsLeftText, dotsText, downloadVoteCsv, myLiveBallot, openVote, rankedResult, reveal, takeDot, useVoting, type VotingView } from './votingActions.ts'
import { noteText, preferredChoice, scopeChoices, scopeWorld } from './votingScope.ts'
import { voteFocus } from './voteScopeChoices.ts'
import { boardSections } from '../board/boardSections.ts'
import { wallSlide } from './wallSlide.ts'
import { t } from '../locale.ts'
import './voting.css'

/** A phone's width, where the open panel would cover half the board: it starts folded to a bar. */
const narrowScreen = () => typeof matchMedia === 'function' && matchMedia('(max-width: 600px)').matches

export function VotingPanel() {
  const view = useVoting()
  const { vote, isFacilitator } = view
  const [starting, setStarting] = useState(false)
  const [collapsed, setCollapsed] = useState(narrowScreen)
  const voteId = vote?.id
  const voteState = vote?.state
  const hidden = vote?.hidden ?? false
  // A new vote (from anyone) ends the start form; it, and its reveal, show themselves (on a phone
  // as the bar, which says how the vote stands); a hidden result does not.
  useEffect(() => setStarting(false), [voteId])
  useEffect(() => setCollapsed(hidden || narrowScreen()), [voteId, voteState, hidden])

  // Set when the panel closes, so that keyboard focus goes back to the button that opens it, once:
  // the callback ref runs again at every render, and a later render (a change on the board, a
  // resize) must not take the focus from wherever the person has gone since (a panel, a field).
  const focusBack = useRef(false)
  const focusIfClosed = (button: HTMLButtonElement | null) => {
    if (!focusBack.current || !button) return
    focusBack.current = false
    button.focus()
  }
  // Keys typed here are no tldraw shortcuts (a digit in the number field would switch tools);
  // Escape closes the form or minimises the panel.
  const onKeyDown = (event: KeyboardEvent) => {
    event.stopPropagation()
    if (event.key !== 'Escape') return
    focusBack.current = true
    if (starting) setStarting(false)
    else setCollapsed(true)
  }

  if (starting && isFacilitator) {
    return (
      <section className="nws-vote-panel" aria-label={t.voteHeading} onKeyDown={onKeyDown}>
        <StartForm onDone={() => setStarting(false)} />
      </section>
    )
  }
  // A hidden result is off everyone's screen; the facilitator may look at it again.
  if (vote?.hidden && !isFacilitator) return null
  if (vote?.hidden && collapsed) {
    return (
      <>
        <button type="button" ref={focusIfClosed} className="nws-facilitation-button nws-vote-open-button" onClick={() => setStarting(true)}>
          {t.voteStartOpen}
        </button>
        <button type="button" className="nws-facilitation-button" aria-expanded="false" onClick={() => setCollapsed(false)}>
          {t.voteShowHiddenOwn}
        </button>
      </>
    )
  }
  if (!vote || (vote.state === 'closed' && collapsed)) {
    if (!isFacilitator) return null
    return (
      <button type="button" ref={focusIfClosed} className="nws-facilitation-button nws-vote-open-button" onClick={() => setStarting(true)}>
        {t.voteStartOpen}
      </button>
    )
  }
  if (collapsed) return <FoldedVote view={view} vote={vote} buttonRef={focusIfClosed} onOpen={() => setCollapsed(false)} />
  return (
    <section className="nws-vote-panel" aria-label={t.voteHeading} data-vote-state={vote.state} onKeyDown={onKeyDown}>
      <header className="nws-vote-panel__header">
        <h2>{t.voteHeading}</h2>
        <button
          type="button"
          className="nws-vote-panel__collapse"
          aria-expanded="true"
          aria-label={t.voteMinimise}
          title={t.voteMinimise}
          onClick={() => setCollapsed(true)}
        >
          –
        </button>
      </header>
      {vote.question && <p className="nws-vote-panel__question">{vote.question}</p>}
      <p className="nws-vote-panel__scope">
        {scopeLabel(vote.scope, locale)} · {plural(locale, vote.dotsPerPerson, { one: t.voteDotsPerPersonOne, other: t.voteDotsPerPerson })}
      </p>
      {vote.hidden && <p className="nws-vote-panel__notice">{t.voteHiddenForOthers}</p>}
      {canVote(vote) ? <OpenVote view={view} vote={vote} /> : <Results vote={vote} />}
      {isFacilitator && <FacilitatorActions vote={vote} onNewVote={() => setStarting(true)} />}
    </section>
  )
}

/**
 * The folded panel: one button that opens it, saying while I vote how many dots I have left, and
 * why a tap on a Zettel did not count (the open panel's alert), so that a phone's board stays clear.
 */
function FoldedVote({ view, vote, buttonRef, onOpen }: { view: VotingView; vote: Vote; buttonRef(button: HTMLButtonElement | null): void; onOpen(): void }) {
  const editor = useEditor()
  const { ballots, ui } = view
  const mine = useValue('my dots', () => myLiveBallot(editor, ballots, vote), [editor, ballots, vote])
  const notice = useValue('voting notice', () => ui.notice.get(), [ui])
  const voting = canVote(vote) && view.mayVote
  const left = dotsLeft(mine, vote.dotsPerPerson)
  return (
    <>
      <button type="button" ref={buttonRef} className="nws-facilitation-button nws-vote-folded" aria-expanded="false" onClick={onOpen}>
        {voting ? format(t.voteFolded, { left: dotsLeftText(left) }) : t.voteExpand}
      </button>
      {voting && notice && (
        <p className="nws-vote-folded-notice" role="alert" key={notice.at}>
          {notice.text}
        </p>
      )}
    </>
  )
}

function StartForm({ onDone }: { onDone(): void }) {
  const editor = useEditor()
  const { doc, vote, session } = useVoting()
  const { facilitation } = session
  const id = useId()
  // Read once: the selection offered as a choice must not change under the open form.
  const [choices] = useState(() => scopeChoices(editor))
  const [choice, setChoice] = useState(() => preferredChoice(editor, choices))
  const [dots, setDots] = useState(defaultDots)
  const [question, setQuestion] = useState('')
  // The record of votes is bounded: its result could not be kept (the relay would refuse the reveal).
  const kept = useValue('kept votes', () => facilitation.entries.voteRecord.get() ?? [], [facilitation])
  const full = kept.length >= maxKeptVotes
  const oldest = oldestForgettable(kept, vote?.id)
  const valid = Number.isInteger(dots) && dots >= minDots && dots <= maxDots && !full
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const picked = choices[choice] ?? choices[0]
    if (!valid || !picked) return
    openVote(doc, dots, picked.scope, question)
    // A vote on a part brings the lists there, as „Alle zu …“ does (a presented slide already has the room).
    const f = facilitation.tools
    const focus = voteFocus(picked.scope, boardSections(editor), editor.getCurrentPageId(), f.clock.now())
    if (focus && wallSlide.get() === undefined) f.bring(focus)
    onDone()
  }
  return (
    <form className="nws-vote-form" onSubmit={submit}>
      <h2>{t.voteHeading}</h2>
      <p className="nws-vote-panel__hint">{t.voteStartHint}</p>
      {resultsVisible(vote) && <p className="nws-vote-panel__notice">{t.voteReplacesResult}</p>}
      {full && (
        <div className="nws-vote-panel__warning" role="alert">
          <p>{format(t.voteRecordFull, { max: maxKeptVotes })}</p>
          <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={() => oldest && forgetVote(doc, oldest.id)}>
            {t.voteForgetOldest}
          </button>
        </div>
      )}
      <label htmlFor={`${id}-question`}>{t.voteQuestionLabel}</label>
      <input
        id={`${id}-question`}
        type="text"
        maxLength={maxQuestionLength}
        placeholder={t.voteQuestionPlaceholder}
        value={question}
        onChange={(e) => setQuestion(e.currentTarget.value)}
        // Opened from its button: keyboard focus moves into the form.
        autoFocus
      />
      <label htmlFor={`${id}-dots`}>{t.voteDotsLabel}</label>
      <input
        id={`${id}-dots`}
        type="number"
        min={minDots}
        max={maxDots}
        step={1}
        value={Number.isNaN(dots) ? '' : dots}
        onChange={(e) => setDots(e.currentTarget.valueAsNumber)}
        required
      />
      <label htmlFor={`${id}-scope`}>{t.voteScopeLabel}</label>
      <select id={`${id}-scope`} value={choice} onChange={(e) => setChoice(Number(e.currentTarget.value))}>
        {choices.map((c, i) => (
          <option key={i} value={i}>
            {c.label}
          </option>
        ))}
      </select>
      <div className="nws-vote-panel__actions">
        <button type="submit" className="nws-button nws-button--small" disabled={!valid}>
          {t.voteStart}
        </button>
        <button type="button" className="nws-button nws-button--secondary nws-button--small" onClick={onDone}>
          {t.voteCancel}
        </button>
      </div>
    </form>
  )
}

function OpenVote({ view, vote }: { view: VotingView; vote: Vote }) {
  const editor = useEditor()
  const { ballots, mayVote, ui } = view
  const placing = useValue('placing dots', () => ui.placing.get(), [ui])
  const notice = useValue('voting notice', () => ui.notice.get(), [ui])
  const mine = useValue('my dots', () => myLiveBallot(editor, ballots, vote), [editor, ballots, vote])
  const scopeKey = JSON.stringify(vote.scope)
  // Where the vote's notes are: on this page, on another one, or gone with their frame/template.
  const where = useValue(
    'vote scope place',
    () => {
      const area = scopeArea(vote.scope, scopeWorld(editor))
      return area === null ? t.voteNoScope : area && area.pageId !== editor.getCurrentPageId() ? t.voteOtherPage : undefined
    },
    [editor, scopeKey],
  )
  if (!mayVote) {
    return (
      <p className="nws-vote-panel__hint">
        {t.voteObserverNote} {t.voteHiddenNote}
      </p>
    )
  }
  const left = dotsLeft(mine, vote.dotsPerPerson)
  return (
    <>
      <p className="nws-vote-panel__left" data-dots-left={left} role="status">
        {dotsLeftText(left)}
      </p>
      <p className="nws-vote-panel__hint">{t.voteHowTo}</p>
      <MyDots view={view} vote={vote} />
      {where && <p className="nws-vote-panel__notice">{where}</p>}
      <label className="nws-vote-panel__switch" title={t.voteVotingModeHint}>
        <input type="checkbox" checked={placing} onChange={(e) => ui.placing.set(e.currentTarget.checked)} />
        {t.voteVotingMode}
      </label>
      {/* Until the next dot placed or taken back: also a dot the relay did not take, with dots left. */}
      {notice && (
        <p className="nws-vote-panel__notice" role="alert" key={notice.at}>
          {notice.text}
        </p>
      )}
      <p className="nws-vote-panel__hint">{t.voteHiddenNote}</p>
    </>
  )
}

/** Where my dots are, each note with a − : taking a dot back is deliberate, and never a click on a note. */
function MyDots({ view, vote }: { view: VotingView; vote: Vote }) {
  const editor = useEditor()
  const { ballots } = view
  const mine = useValue(
    'my dots listed',
    () => Object.entries(myLiveBallot(editor, ballots, vote)).map(([id, count]) => ({ id, count, text: noteText(editor, id) ?? t.voteDeletedNote })),
    [editor, ballots, vote],
  )
  if (mine.length === 0) return null
  return (
    <div className="nws-vote-mine-list">
      <h3>{t.voteMineHeading}</h3>
      <ul>
        {mine.map(({ id, count, text }) => (
          <li key={id} data-note={id} data-my-dots={count}>
            <span className="nws-vote-mine-list__text">{text}</span>
            <span className="nws-vote-mine-list__dots" role="img" aria-label={format(t.voteMyDots, { count })}>
              {Array.from({ length: count }, (_, i) => (
                <span key={i} className="nws-vote-dot" />
              ))}
            </span>
            <button
              type="button"
              className="nws-vote-minus"
              aria-label={format(t.voteRemoveDot, { text })}
              title={format(t.voteRemoveDot, { text })}
              onClick={() => takeDot(editor, view, id)}
            >
              −
            </button>
          </li>
        ))}
      </ul>
    </div>
  )
}

function Results({ vote }: { vote: Vote }) {
  const editor = useEditor()
  // Read only once the result is visible: the guard of "hidden until revealed".
  const result = useValue('vote result', () => (resultsVisible(vote) ? rankedResult(editor, vote) : undefined), [editor, vote])
  if (!result) return null
  const withDots = result.entries.filter((e) => e.count > 0)
  const without = result.entries.length - withDots.length
  return (
    <div className="nws-vote-results">
      <h3>{vote.state === 'closed' ? t.voteResultsFinished : t.voteResults}</h3>
      {withDots.length === 0 ? (
        <p className="nws-vote-panel__hint">{t.voteResultsEmpty}</p>
      ) : (
        <ol className="nws-vote-ranking">
          {withDots.map((entry) => (
            <li key={entry.shapeId} data-note={entry.shapeId} data-count={entry.count}>
              <span className="nws-vote-ranking__rank">{entry.rank}.</span>
              <span className="nws-vote-ranking__text">{result.textOf(entry.shapeId) ?? t.voteDeletedNote}</span>
              <span className="nws-vote-ranking__count" aria-label={dotsText(entry.count)}>
                {entry.count}
              </span>
            </li>
          ))}
        </ol>
      )}
      {without > 0 && <p className="nws-vote-panel__hint">{plural(locale, without, { one: t.voteNoteWithout, other: t.voteNotesWithout })}</p>}
    </div>
  )
}

function FacilitatorActions({ vote, onNewVote }: { vote: Vote; onNewVote(): void }) {
  const editor = useEditor()
  const view = useVoting()
  const { doc } = view
  const { voters, dots, present } = participation(vote)
  // Deleting a result takes it out of the report too: asked first, in the panel.
  const [deleting, setDeleting] = useState(false)
  // Once: a reveal may wait a moment for her own dots (`ballotsInFlight.ts`), and a second one is refused.
  const [revealing, setRevealing] = useState(false)
  const id = useId()
  useEffect(() => setDeleting(false), [vote.id, vote.state])
  const progress =
    voters === 0 ? t.voteProgressNone : format(plural(locale, voters, { one: t.voteProgressOne, other: t.voteProgress }), { dots: dotsText(dots) })
  const button = 'nws-button nws-button--small'
  const secondary = `${button} nws-button--secondary`
  return (
    <div className="nws-vote-facilitator">
      {moreBallotsThanPresent(vote) && (
        <p className="nws-vote-panel__warning" role="alert" data-testid="vote-more-ballots">
          {format(t.voteMoreBallotsThanPresent, { voters, present: present ?? 0 })}
        </p>
      )}
      {vote.state === 'open' && (
        <>
          <p className="nws-vote-panel__progress" role="status">
            {progress}
          </p>
          <div className="nws-vote-panel__actions">
            <button
              type="button"
              className={button}
              title={t.voteRevealHint}
              disabled={revealing}
              onClick={() => {
                setRevealing(true)
                void reveal(view, vote.id).finally(() => setRevealing(false))
              }}
            >
              {t.voteReveal}
            </button>
            <button type="button" className={secondary} onClick={() => removeVote(doc, vote.id)}>
              {t.voteAbort}
            </button>
          </div>
        </>
      )}
      {vote.state !== 'open' && !deleting && (
        <div className="nws-vote-panel__actions">
          <button type="button" className={secondary} onClick={() => downloadVoteCsv(editor, vote)}>
            {t.voteExportCsv}
          </button>
          {vote.state === 'revealed' && (
            <button type="button" className={button} onClick={() => closeVote(doc, vote.id)}>
              {t.voteFinish}
            </button>
          )}
          {vote.state === 'closed' && (
            <button type="button" className={button} onClick={onNewVote}>
              {t.voteAgain}
            </button>
          )}
          {!vote.hidden &&
            (vote.onWall ? (
              <button type="button" className={secondary} aria-pressed="true" onClick={() => showVoteOnWall(doc, vote.id, false)}>
                {t.voteOffWall}
              </button>
            ) : (
              <button type="button" className={button} aria-pressed="false" title={t.voteShowOnWallHint} onClick={() => showVoteOnWall(doc, vote.id, true)}>
                {t.voteShowOnWall}
              </button>
            ))}
          {vote.hidden ? (
            <button type="button" className={secondary} onClick={() => hideVote(doc, vote.id, false)}>
              {t.voteShowAgain}
            </button>
          ) : (
            <button type="button" className={secondary} title={t.voteHideHint} onClick={() => hideVote(doc, vote.id, true)}>
              {t.voteHide}
            </button>
          )}
          <button type="button" className={`${secondary} nws-vote-panel__delete`} onClick={() => setDeleting(true)}>
            {t.voteDelete}
          </button>
        </div>
      )}
      {vote.state !== 'open' && deleting && (
        <div className="nws-vote-confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
          <p id={`${id}-title`} className="nws-vote-confirm__title">
            {t.voteDeleteQuestion}
          </p>
          <p id={`${id}-text`}>{t.voteDeleteText}</p>
          <div className="nws-vote-panel__actions">
            <button type="button" className={`${button} nws-button--danger`} onClick={() => removeVoteAndResult(doc, vote.id)}>
              {t.voteDeleteConfirm}
            </button>
            <button type="button" className={secondary} autoFocus onClick={() => setDeleting(false)}>
              {t.voteCancel}
            </button>
          </div>
        </div>
      )}
    </div>
  )
}
