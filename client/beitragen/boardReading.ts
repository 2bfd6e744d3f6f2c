/**
 * What the contribution view reads off the board's Y.Doc besides its cells: the facilitator's
 * current step, the part everyone was brought to and the timer, the open vote or a revealed one's
 * result, the round of private writing, the „Einverstanden?“ round. Plain reads, recomputed
 * whenever the doc changes.
 */
import type * as Y from 'yjs'
import { readRecords, type StoredRecord } from '../../shared/board/records.ts'
import { facilitationMap } from '../../shared/board/entry.ts'
import { readCurrentStep, type CurrentStep } from '../../shared/board/entries/step.ts'
import { readGroupRound, type GroupRound } from '../../shared/board/entries/groups.ts'
import { readFocus, type Focus } from '../../shared/board/entries/focus.ts'
import { readTimer, type TimerState } from '../../shared/board/entries/timer.ts'
import { readVote, type Vote } from '../../shared/board/entries/vote.ts'
import { readPrivateRound } from '../../shared/board/entries/private.ts'
import { readRound, type Round } from '../../shared/board/entries/zustimmung.ts'
import { protectionKey } from '../../shared/board/entries/protection.ts'
import { scopeNoteIds } from '../../shared/results/voteNotes.ts'
import { scaffoldMeta } from '../../shared/board/scaffoldMeta.ts'
import { plainText } from '../../shared/templates/richText.ts'
import type { TLShape } from '@tldraw/tlschema'
import { readContribution, type Reader, type TemplatePart } from './contributionModel.ts'
import { listedResult, type ListedResult } from './voteResult.ts'

export interface BoardReading {
  templates: TemplatePart[]
  /** The step header's words, when the facilitator marked a template's step. */
  step: string | undefined
  /** The facilitator's current step itself, with when it was chosen. */
  currentStep: CurrentStep | undefined
  /** The part the facilitator last brought everyone to. */
  focus: Focus | undefined
  /** The open round of small groups. */
  groups: GroupRound | undefined
  timer: TimerState | undefined
  /** An open vote, with the notes it is about. */
  vote: { vote: Vote; notes: ReadonlySet<string> } | undefined
  /** A revealed vote's result, while everyone may see it. */
  result: ListedResult | undefined
  /** The open round of private writing, by id. */
  privateRound: string | undefined
  /** The „Einverstanden?“ round while it is on the board, open or closed. */
  round: Round | undefined
}

/** `ownPrivate`: this browser's notes of an open round of private writing, shown in their cells to it alone. */
export function readBoard(doc: Y.Doc, reader: Omit<Reader, 'protection'>, ownPrivate: readonly StoredRecord[] = []): BoardReading {
  const { records } = readRecords(doc)
  const facilitation = facilitationMap(doc)
  const templates = readContribution([...records, ...ownPrivate], { ...reader, protection: facilitation.get(protectionKey) })
  const current = readCurrentStep(facilitation.get('step'))
  const stepShape = current
    ? (records.find((r) => {
        const meta = r.typeName === 'shape' ? scaffoldMeta(r as unknown as TLShape) : undefined
        return meta?.instance === current.instance && meta.key === current.key
      }) as TLShape | undefined)
    : undefined
  const vote = readVote(doc)
  return {
    templates,
    step: stepShape ? plainText((stepShape.props as { richText?: unknown }).richText).trim() || undefined : undefined,
    currentStep: current,
    focus: readFocus(facilitation.get('focus')),
    groups: readGroupRound(facilitation.get('groups')),
    timer: readTimer(facilitation.get('timer')),
    vote: vote?.state === 'open' ? { vote, notes: new Set(scopeNoteIds(vote.scope, records)) } : undefined,
    result: listedResult(vote, records),
    privateRound: readPrivateRound(facilitation.get('private'))?.id,
    round: readRound(doc),
  }
}
