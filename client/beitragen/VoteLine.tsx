/**
 * The phone's line while a Punktabfrage runs: where the vote is (the part's name, as the list
 * names it) and the dots left, with a way there when the list shows another part.
 */
import { useEffect, useState } from 'react'
import type { VoteScope } from '../../shared/board/entries/vote.ts'
import { format } from '../i18n.ts'
import { t } from '../firstLoadLocale.ts'
import type { TemplatePart } from './contributionModel.ts'
import type { Following } from './following.ts'
import { partAnchor } from './JumpMenu.tsx'

/** The listed part a vote is about (a template, its column, a document or frame); none for the board or a selection. */
export function votePart(scope: VoteScope, parts: readonly TemplatePart[]): TemplatePart | undefined {
  if (scope.kind === 'board' || scope.kind === 'selection') return undefined
  const key = scope.kind === 'frame' ? scope.shapeId : scope.instance
  return parts.find((part) => part.instance === key && part.pageId === scope.pageId)
}

export function VoteLine({ scope, left, templates, following }: { scope: VoteScope; left: string; templates: readonly TemplatePart[]; following: Following }) {
  const part = votePart(scope, templates)
  const shown = !!part && following.parts.some((p) => p.pageId === part.pageId && p.instance === part.instance)
  // Set by the button: once the list shows the part (all parts, if need be), its heading takes the focus.
  const [going, setGoing] = useState<string>()
  useEffect(() => {
    const target = going && document.getElementById(going)
    if (!target) return
    setGoing(undefined)
    target.querySelector<HTMLElement>(':scope > h2, :scope > h3')?.focus({ preventScroll: true })
    target.scrollIntoView({ block: 'start' })
  }, [going, following.parts])
  return (
    <div className="nws-contribute__vote-where">
      <p className="nws-contribute__vote" role="status" aria-live="polite">
        {part ? format(t.contributeVoteOpenIn, { part: part.title, left }) : format(t.contributeVoteOpen, { left })}
      </p>
      {part && !shown && (
        <button
          type="button"
          className="nws-contribute__button nws-contribute__button--primary"
          data-action="go-to-vote"
          onClick={() => {
            following.setAll(true)
            setGoing(partAnchor(part))
          }}
        >
          {format(t.contributeVoteGo, { part: part.title })}
        </button>
      )}
    </div>
  )
}
