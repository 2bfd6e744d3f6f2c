/**
 * The facilitator's panel over the list where the canvas cannot run (the tldraw licence,
 * `boardPage/WithoutCanvas.tsx`): which part is current (a template's step, or a template as a
 * whole), the dot vote (start, reveal, finish, with the ranked result), the timer and the round of
 * private writing. The same facilitation state as the canvas's (`board/facilitation/`), made from
 * the list's connection: no editor, no tldraw.
 */
import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react'
import { atom, react, type Signal } from '@tldraw/state'
import type { Role } from '../../shared/access.ts'
import { chooseStep } from '../../shared/board/entries/step.ts'
import { closeVote, maxDots, minDots, startVote, type Vote, type VoteScope } from '../../shared/board/entries/vote.ts'
import { pauseTimer, setTimer, startTimer, timerPresetMinutes, timerStatus, minute } from '../../shared/board/entries/timer.ts'
import { defaultDots, scopeLabel, tally } from '../../shared/results/voting.ts'
import { ApiError, revealPrivateNotes, revealVote } from '../api.ts'
import { createFacilitationModel, type FacilitationModel } from '../board/facilitation/facilitationModel.ts'
import { ballotsAnswered } from '../board/ballotsInFlight.ts'
import type { ConnectionState } from '../board/connectionState.ts'
import { format, plural } from '../i18n.ts'
import { licenceTexts } from '../licenceTexts.ts'
import { locale, t } from '../locale.ts'
import { randomKey } from '../randomKey.ts'
import type { BoardReading } from './boardReading.ts'
import type { ContributionConnection } from './contributionConnection.ts'
import { boardInstances, choiceOfStep, readChoice, steerableParts } from './steering.ts'
import './steering.css'

const texts = licenceTexts[locale].steering

function useSignal<T>(signal: Signal<T>): T {
  return useSyncExternalStore(
    (changed) => react(`list reads ${signal.name}`, () => (signal.get(), changed())),
    () => signal.get(),
  )
}

/** The facilitation model on the list's connection, made with it and ended with it (null in between). */
function useFacilitation(board: SteeringBoard, connection: ContributionConnection): FacilitationModel | null {
  const [model, setModel] = useState<FacilitationModel | null>(null)
  useEffect(() => {
    const state = atom<ConnectionState>('list connection', 'connecting')
    const stopState = connection.onState((next) => state.set(next))
    const made = createFacilitationModel({ ...board, doc: connection.doc, awareness: connection.awareness, state })
    setModel(made)
    return () => {
      stopState()
      made.dispose()
      setModel(null)
    }
  }, [board, connection])
  return model
}

type SteeringBoard = { boardId: string; token: string; role: Role }

export function FacilitatorList({ board, connection, reading }: { board: SteeringBoard; connection: ContributionConnection; reading: BoardReading }) {
  const model = useFacilitation(board, connection)
  return model && <Steering board={board} connection={connection} reading={reading} model={model} />
}

function Steering({ board, connection, reading, model }: { board: SteeringBoard; connection: ContributionConnection; reading: BoardReading; model: FacilitationModel }) {
  const f = model.tools
  const id = useId()
  const instances = useMemo(
    () => boardInstances(connection.doc),
    // The templates' scaffold, not their Zettel: read again when the list's templates change.
    [connection, reading.templates.map((p) => p.instance).join()],
  )
  const parts = useMemo(() => steerableParts(reading.templates, instances), [reading.templates, instances])
  // Where the facilitator brought everyone (state in the doc, as „Alle zu …“ writes it), else the current step.
  const focused = reading.focus && `${reading.focus.part}|${reading.focus.step ?? ''}`
  const current = focused && parts.some((part) => part.choices.some((c) => c.value === focused)) ? focused : choiceOfStep(reading.currentStep)
  const choose = (value: string) => {
    const choice = readChoice(value)
    const part = choice && reading.templates.find((p) => p.instance === choice.instance)
    if (!choice || !part) return
    const now = f.clock.now()
    const focus = { part: part.instance, pageId: part.pageId, ...(part.box ? { bounds: part.box } : {}), ...(choice.step ? { step: choice.step } : {}), at: now }
    f.bring(focus, choice.step ? chooseStep(choice.instance, choice.step, now) : undefined)
    // Canvases in the room (a laptop, a wall that has one) follow the view as they follow „Alle zu mir“.
    if (part.box) f.summon({ id: randomKey(12), bounds: part.box, pageId: part.pageId, at: now })
  }
  const currentPart = reading.templates.find((p) => p.instance === readChoice(current)?.instance)
  return (
    <section className="nws-steer" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{texts.heading}</h2>
      <div className="nws-steer__row">
        <label htmlFor={`${id}-part`}>{texts.part}</label>
        <select id={`${id}-part`} value={current} onChange={(event) => choose(event.currentTarget.value)}>
          <option value="">{texts.partNone}</option>
          {parts.map((part) => (
            <optgroup key={`${part.pageId}:${part.instance}`} label={part.title}>
              {part.choices.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p className="nws-steer__hint">{texts.partHint}</p>
      </div>
      <VoteSteering board={board} doc={connection.doc} vote={useSignal(model.vote)} reading={reading} scope={currentPart ? { kind: 'template', instance: currentPart.instance, pageId: currentPart.pageId, label: currentPart.title } : { kind: 'board' }} now={f.clock.now} />
      <TimerSteering reading={reading} f={f} />
      <PrivateSteering board={board} round={useSignal(f.private)} open={() => f.openPrivateRound({ id: randomKey(12), startedAt: f.clock.now() })} />
    </section>
  )
}

/** One state at a time, as the canvas's panel: a running vote, a revealed result, or the start form. */
export function steeringVoteStage(vote: Vote | undefined, starting: boolean): 'open' | 'result' | 'start' {
  if (vote?.state === 'open') return 'open'
  return vote?.state === 'revealed' && !vote.hidden && !starting ? 'result' : 'start'
}

function VoteSteering(props: { board: { boardId: string; token: string }; doc: ContributionConnection['doc']; vote: Vote | undefined; reading: BoardReading; scope: VoteScope; now(): number }) {
  const { board, doc, vote, reading, scope } = props
  const id = useId()
  const [dots, setDots] = useState(defaultDots)
  const [failed, setFailed] = useState(false)
  const [revealing, setRevealing] = useState(false)
  // „Neue Punktabfrage“ under a revealed result: the start form, for that vote's result only.
  const [starting, setStarting] = useState<string>()
  if (vote?.state === 'open') {
    const { voters, dots: given } = vote.participation
    const progress = voters === 0 ? t.voteProgressNone : format(plural(locale, voters, { one: t.voteProgressOne, other: t.voteProgress }), { dots: plural(locale, given, { one: t.voteDotsOne, other: t.voteDots }) })
    return (
      <div className="nws-steer__row" data-steer="vote">
        <h3>{t.voteHeading}</h3>
        <p>{format(texts.voteOn, { scope: scopeLabel(vote.scope, locale) })}</p>
        <p role="status">{progress}</p>
        <button
          type="button"
          className="nws-contribute__button nws-contribute__button--primary"
          disabled={revealing}
          onClick={() => {
            setFailed(false)
            setRevealing(true)
            // Her own dots still on their way go first (`ballotsInFlight.ts`).
            ballotsAnswered(board.boardId)
              .then(() => revealVote(board.boardId, board.token, vote.id))
              .catch(() => setFailed(true))
              .finally(() => setRevealing(false))
          }}
        >
          {t.voteReveal}
        </button>
        {failed && <p className="nws-contribute__warning">{t.voteRevealFailed}</p>}
      </div>
    )
  }
  if (vote && steeringVoteStage(vote, starting === vote.id) === 'result') {
    const words = new Map(reading.templates.flatMap((p) => p.cells.flatMap((c) => c.zettel.map((z) => [z.id, z.text] as const))))
    const ranked = tally([vote.results ?? {}]).filter((e) => e.count > 0)
    return (
      <div className="nws-steer__row" data-steer="vote">
        <h3>{t.voteHeading}</h3>
        <p>{t.voteResults}</p>
        {ranked.length === 0 ? (
          <p>{t.voteResultsEmpty}</p>
        ) : (
          <ol className="nws-steer__ranked">
            {ranked.map((entry) => (
              <li key={entry.shapeId}>
                {words.get(entry.shapeId) || t.voteDeletedNote} · {plural(locale, entry.count, { one: t.voteDotsOne, other: t.voteDots })}
              </li>
            ))}
          </ol>
        )}
        <div className="nws-steer__inline">
          <button type="button" className="nws-contribute__button" onClick={() => closeVote(doc, vote.id)}>
            {t.voteFinish}
          </button>
          <button type="button" className="nws-contribute__button nws-contribute__button--primary" onClick={() => setStarting(vote.id)}>
            {t.voteAgain}
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className="nws-steer__row" data-steer="vote">
      <h3>{t.voteHeading}</h3>
      <p>{format(texts.voteOn, { scope: scopeLabel(scope, locale) })}</p>
      <div className="nws-steer__inline">
        <label htmlFor={`${id}-dots`}>{t.voteDotsLabel}</label>
        <input id={`${id}-dots`} type="number" min={minDots} max={maxDots} step={1} value={Number.isNaN(dots) ? '' : dots} onChange={(e) => setDots(e.currentTarget.valueAsNumber)} />
        <button
          type="button"
          className="nws-contribute__button nws-contribute__button--primary"
          disabled={!(Number.isInteger(dots) && dots >= minDots && dots <= maxDots)}
          onClick={() => startVote(doc, { id: randomKey(12), dotsPerPerson: dots, scope, startedAt: props.now() })}
        >
          {t.voteStart}
        </button>
      </div>
    </div>
  )
}

function TimerSteering({ reading, f }: { reading: BoardReading; f: FacilitationModel['tools'] }) {
  const timer = reading.timer
  const status = timer && timerStatus(timer, f.clock.now())
  return (
    <div className="nws-steer__row" data-steer="timer">
      <h3>{texts.timer}</h3>
      <div className="nws-steer__inline">
        {timerPresetMinutes.map((minutes) => (
          <button key={minutes} type="button" className="nws-contribute__button" onClick={() => f.setTimer(startTimer(setTimer(minutes * minute, f.clock.now()), f.clock.now()))}>
            {format(t.timerPreset, { minutes })}
          </button>
        ))}
        {timer && status === 'running' && (
          <button type="button" className="nws-contribute__button" onClick={() => f.setTimer(pauseTimer(timer, f.clock.now()))}>
            {t.timerPause}
          </button>
        )}
        {timer && status === 'paused' && (
          <button type="button" className="nws-contribute__button" onClick={() => f.setTimer(startTimer(timer, f.clock.now()))}>
            {t.timerResume}
          </button>
        )}
        {timer && (
          <button type="button" className="nws-contribute__button" onClick={() => f.setTimer(null)}>
            {t.timerRemove}
          </button>
        )}
      </div>
    </div>
  )
}

function PrivateSteering({ board, round, open }: { board: { boardId: string; token: string }; round: { id: string; notes?: number } | undefined; open(): void }) {
  const [error, setError] = useState<false | 'full' | 'failed'>(false)
  return (
    <div className="nws-steer__row" data-steer="private">
      <h3>{t.privateStart}</h3>
      {!round ? (
        <>
          <p className="nws-steer__hint">{t.privateStartHint}</p>
          <button type="button" className="nws-contribute__button" onClick={open}>
            {t.privateStart}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="nws-contribute__button nws-contribute__button--primary"
          onClick={() => {
            setError(false)
            revealPrivateNotes(board.boardId, board.token, round.id).catch((failure: unknown) => setError(failure instanceof ApiError && failure.status === 507 ? 'full' : 'failed'))
          }}
        >
          {plural(locale, round.notes ?? 0, { one: t.privateRevealOne, other: t.privateReveal })}
        </button>
      )}
      {error && <p className="nws-contribute__warning">{error === 'full' ? t.privateRevealBoardFull : t.privateRevealFailed}</p>}
    </div>
  )
}
