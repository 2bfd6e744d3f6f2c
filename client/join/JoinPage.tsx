/**
 * `/j#<code>`: someone typed or scanned a join code (`joinFragment.ts` took it out of the address),
 * and the page redeems it by POST (`client/api.ts`). The relay answers with the board's link for
 * that role, and the page moves on to it, so the code does not stay in the history: in place,
 * without loading the app a second time (`onOpened` draws the board's page).
 */
import { useEffect, useState } from 'react'
import { boardLink } from '../../shared/access.ts'
import { normaliseJoinCode } from '../../shared/joinCode.ts'
import { ApiError, redeemJoinCode } from '../api.ts'
import { Notice } from '../Notice.tsx'
import { rememberJoinedGroup } from '../facilitation/joinedGroup.ts'
import { replaceAddress } from '../linkKey.ts'
import { t } from '../locale.ts'

export function JoinPage({ code, onOpened }: { code: string; onOpened(): void }) {
  const [problem, setProblem] = useState<'unknown' | 'unreachable' | null>(null)
  useEffect(() => {
    const normalised = normaliseJoinCode(code)
    if (!normalised) {
      setProblem('unknown')
      return
    }
    // Left (or run twice, as React's StrictMode does in development): no answer moves the page, no retry goes on.
    let left = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const attempt = () =>
      redeemJoinCode(normalised).then(
        (target) => {
          if (left) return
          // A group's code: the board opens on the group's page.
          if (target.group) rememberJoinedGroup(target.boardId, target.group)
          replaceAddress(boardLink(target.boardId, target.token))
          onOpened()
        },
        (error: unknown) => {
          if (left) return
          // A whole room scanning at once may meet the rate limit: wait a moment and try again.
          if (error instanceof ApiError && error.status === 429) timer = setTimeout(attempt, 2000 + Math.random() * 3000)
          else setProblem(error instanceof ApiError && error.status === 404 ? 'unknown' : 'unreachable')
        },
      )
    void attempt()
    return () => {
      left = true
      clearTimeout(timer)
    }
  }, [code, onOpened])

  if (problem === 'unknown') return <Notice title={t.joinUnknownHeading} text={t.joinUnknownText} home />
  if (problem === 'unreachable') return <Notice title={t.joinUnreachableHeading} text={t.joinUnreachableText} home />
  return <Notice busy title={t.joinBusy} />
}
