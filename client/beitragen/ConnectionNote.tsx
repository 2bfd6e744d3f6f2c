/**
 * What the list's connection is doing, in one polite status line: saved, being restored, offline
 * (Zettel kept in this browser's local copy until the relay is back), or ended for good.
 */
import { t } from '../firstLoadLocale.ts'
import type { ContributionState } from './contributionConnection.ts'

function noteFor(state: ContributionState): { text: string; tone: 'calm' | 'warning' | 'ended' } {
  switch (state) {
    case 'connected':
      return { text: t.contributeSaved, tone: 'calm' }
    case 'connecting':
      return { text: t.statusConnecting, tone: 'calm' }
    case 'reconnecting':
    case 'rate-limited':
    case 'too-many-connections':
      return { text: t.contributeReconnecting, tone: 'warning' }
    case 'offline':
      return { text: t.contributeOffline, tone: 'warning' }
    case 'unauthorized':
    case 'gone':
    case 'not-allowed':
    case 'board-full':
      return { text: t.contributeEnded, tone: 'ended' }
  }
}

export function ConnectionNote({ state }: { state: ContributionState }) {
  const { text, tone } = noteFor(state)
  // One region whose words change: a screen reader hears each change once, without being interrupted.
  return (
    <p className={tone === 'calm' ? 'nws-contribute__connection' : 'nws-contribute__connection nws-contribute__warning'} role="status" data-state={state}>
      {text}
    </p>
  )
}
