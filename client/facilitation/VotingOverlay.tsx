/**
 * The vote on the canvas (tldraw's `OnTheCanvas`, in page coordinates, above the shapes): while
 * the vote is open, each note in scope is a target that places one of my dots, every tap or click
 * one more; my dots show inside the note and take no clicks (taking one back is the panel's, so
 * that no click meant for a note can land on it). Once revealed, each note carries its count.
 * Nothing here changes a note.
 * Before the reveal there is nothing else to read: others' ballots stay on the relay.
 */
import { useEffect } from 'react'
import { useEditor, useValue, type Editor } from 'tldraw'
import { badgesVisible, canVote, notesInScope } from '../../shared/results/voting.ts'
import type { Vote, VoteScope } from '../../shared/board/entries/vote.ts'
import { format } from '../i18n.ts'
import { canvasControlEvents } from '../board/canvasControl.ts'
import { dotsText, myLiveBallot, placeDot, useVoting, votedNotesNow } from './votingActions.ts'
import { noteText, scopeWorld } from './votingScope.ts'
import { t } from '../locale.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import './voting.css'

interface NoteSpot {
  id: string
  x: number
  y: number
  w: number
  h: number
  text: string
}

/** The notes of the vote on the current page, with their page boxes. */
function useNoteSpots(editor: Editor, scope: VoteScope): NoteSpot[] {
  const scopeKey = JSON.stringify(scope)
  return useValue(
    'vote notes on page',
    () =>
      notesInScope(scope, scopeWorld(editor, true)).flatMap((note) => {
        const box = editor.getShapePageBounds(note)
        return box ? [{ id: note.id, x: box.x, y: box.y, w: box.w, h: box.h, text: noteText(editor, note.id) ?? '' }] : []
      }),
    // The scope's content, not the object the last read of the vote happened to create.
    [editor, scopeKey],
  )
}

const spotStyle = (spot: NoteSpot) => ({
  transform: `translate(${spot.x}px, ${spot.y}px)`,
  width: spot.w,
  height: spot.h,
  // My dots stay inside the note: at most a sixth of its width each.
  '--nws-dot-max': `${spot.w / 6}px`,
})

export function VotingOverlay() {
  const { vote, mayVote, ui } = useVoting()
  const placing = useValue('placing dots', () => ui.placing.get(), [ui])
  // The wall shows the notes, never a target for dots: nobody votes there.
  const { beamer } = useOpenBoard()
  if (canVote(vote) && mayVote && placing && !beamer) return <DotTargets vote={vote} />
  if (badgesVisible(vote)) return <CountBadges vote={vote!} />
  return null
}

function DotTargets({ vote }: { vote: Vote }) {
  const editor = useEditor()
  const view = useVoting()
  const spots = useNoteSpots(editor, vote.scope)
  const mine = useValue('my dots', () => myLiveBallot(editor, view.ballots, vote), [editor, view.ballots, vote])
  // A selected note's selection box lies above this layer and would take the clicks.
  useEffect(() => {
    editor.selectNone()
  }, [editor])
  // The canvas must not start a selection or a drag under our buttons, nor swallow a tap's click.
  const own = canvasControlEvents(editor)
  return (
    <div className="nws-vote-layer" data-vote-mode="placing">
      {spots.map((spot) => {
        const count = mine[spot.id] ?? 0
        return (
          <div key={spot.id} className="nws-vote-spot" style={spotStyle(spot)} data-note={spot.id} data-my-dots={count}>
            <button
              type="button"
              className="nws-vote-target"
              aria-label={format(t.voteAddDot, { text: spot.text })}
              {...own}
              onClick={() => placeDot(editor, view, spot.id)}
            />
            {count > 0 && (
              <span className="nws-vote-mine" role="img" aria-label={format(t.voteMyDots, { count })}>
                {Array.from({ length: count }, (_, i) => (
                  <span key={i} className="nws-vote-dot" />
                ))}
              </span>
            )}
          </div>
        )
      })}
    </div>
  )
}

function CountBadges({ vote }: { vote: Vote }) {
  const editor = useEditor()
  // Only the notes the vote was about: a note written after the reveal gets no badge.
  const voted = useValue('voted notes', () => new Set(votedNotesNow(editor, vote)), [editor, vote])
  const spots = useNoteSpots(editor, vote.scope).filter((spot) => voted.has(spot.id))
  const counts = new Map(Object.entries(vote.results ?? {}))
  return (
    <div className="nws-vote-layer" data-vote-mode="revealed">
      {spots.map((spot) => {
        const count = counts.get(spot.id) ?? 0
        return (
          <div key={spot.id} className="nws-vote-spot" style={spotStyle(spot)} data-note={spot.id} data-count={count}>
            {/* A „0“ badge on every Zettel nobody chose covered their first lines: said, not drawn. */}
            {count > 0 ? (
              <div className="nws-vote-badge" aria-label={dotsText(count)}>
                {count}
              </div>
            ) : (
              <span className="nws-visually-hidden">{dotsText(count)}</span>
            )}
          </div>
        )
      })}
    </div>
  )
}
