/**
 * A vote's result on the wall (the Beamer), when the facilitator shows it („Auf der Wand zeigen“):
 * not the red badges on Zettel a few pixels tall, but the ranking as a table over the whole
 * picture, inside its 16:9 safe area (`beamerView.ts`): the question, where and how many dots from
 * how many people, then rank, Zettel and dots, as large as the rows allow (`wallRanking`; smaller
 * still, on the drawn page, where long Zettel take two lines).
 * Counts only, as everyone's panel shows them after the reveal. A picture for the room, on the
 * wall's device only: hidden from screen readers.
 */
import { useLayoutEffect, useRef } from 'react'
import { useEditor, useValue } from 'tldraw'
import { resultsVisible, voteFactsLine, voteHeading } from '../../shared/results/voting.ts'
import { locale, t } from '../locale.ts'
import { plural } from '../i18n.ts'
import { safeArea } from './beamerView.ts'
import { WallClock, useWallShows } from './WallClock.tsx'
import { rankedResult, useVoting } from './votingActions.ts'
import { wallRanking, wallRankingSizes } from './wallRanking.ts'
import './voting.css'

export function VoteOnWall() {
  const editor = useEditor()
  const { vote } = useVoting()
  const shown = resultsVisible(vote) && !vote.hidden && vote.onWall
  const screen = useValue('wall screen', () => editor.getViewportScreenBounds(), [editor])
  const result = useValue('vote on the wall', () => (shown ? rankedResult(editor, vote) : undefined), [editor, vote, shown])
  const box = useRef<HTMLDivElement>(null)
  // The room's clock stays over the result; its step by what the wall shows beneath (no title names it here).
  const beneath = useWallShows()
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    let px = Number(el.dataset.font)
    while (el.scrollHeight > el.clientHeight + 1 && px > wallRankingSizes.minPx) el.style.fontSize = `${(px -= 2)}px`
    el.dataset.fitted = String(px)
  })
  if (!shown || !result) return null
  const withDots = result.entries.filter((e) => e.count > 0)
  const area = safeArea(screen)
  const { font, rows } = wallRanking(area.h, withDots.length)
  const { voters, dots } = vote.participation
  const rest = withDots.length - rows
  return (
    <div className="nws-vote-wall" aria-hidden="true" data-vote={vote.id}>
      <WallClock shows={beneath === 'canvas' ? beneath : { slide: { instance: beneath.slide.instance } }} corner />
      <div className="nws-vote-wall__area" ref={box} style={{ left: area.x, top: area.y, width: area.w, height: area.h, fontSize: font }} data-font={font}>
        <h2 className="nws-vote-wall__title">{voteHeading(vote.question, 0, 1, locale)}</h2>
        <p className="nws-vote-wall__facts">{voteFactsLine({ ...vote, voters, dots }, locale)}</p>
        {withDots.length === 0 ? (
          <p className="nws-vote-wall__facts">{t.voteResultsEmpty}</p>
        ) : (
          <table className="nws-vote-wall__table">
            <tbody>
              {withDots.slice(0, rows).map((entry) => (
                <tr key={entry.shapeId} data-note={entry.shapeId} data-count={entry.count}>
                  <td className="nws-vote-wall__rank">{entry.rank}.</td>
                  <td className="nws-vote-wall__text">{result.textOf(entry.shapeId) ?? t.voteDeletedNote}</td>
                  <td className="nws-vote-wall__count">{entry.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {rest > 0 && <p className="nws-vote-wall__facts">{plural(locale, rest, { one: t.voteOnWallMoreOne, other: t.voteOnWallMore })}</p>}
      </div>
    </div>
  )
}
