/** Top-right corner of the editor: templates, connection state, people on the board, our notices. */
import { useEffect } from 'react'
import {
  DefaultPeopleMenuAvatar,
  DefaultPeopleMenuContent,
  TldrawUiPopover,
  TldrawUiPopoverContent,
  TldrawUiPopoverTrigger,
  useEditor,
  useToasts,
  useValue,
} from 'tldraw'
import { mayComment } from '../../shared/board/commentRights.ts'
import { format, formatBytes, plural } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { TemplatesMenu } from '../templates/TemplatesMenu.tsx'
import { BoardLinksMenu } from './BoardLinks.tsx'
import { useOpenBoard } from '../board/boardContext.ts'
import type { ConnectionState } from '../board/connectionState.ts'
import { takeRefusalNotice } from '../board/refusedChange.ts'
import { useConnectedPeerIds } from '../board/people.ts'
import { switchBoardView } from '../contributionChoice.ts'
import { pick } from '../../shared/locale.ts'
import { caseShutText } from '../templates/fallkonferenzTexts.ts'

export function SharePanel() {
  return (
    <div className="tlui-share-zone nws-share-zone" draggable={false}>
      <TemplatesMenu />
      <ContributeButton />
      <ObserverBadge />
      <ConnectionIndicator />
      <BoardLinksMenu />
      <PeopleMenu />
      <NoticeToasts />
    </div>
  )
}

const statusText: Record<ConnectionState, { label: string; hint: string }> = {
  connecting: { label: t.statusConnecting, hint: t.statusOfflineHint },
  connected: { label: t.statusConnected, hint: t.statusConnectedHint },
  reconnecting: { label: t.statusReconnecting, hint: t.statusOfflineHint },
  offline: { label: t.statusOffline, hint: t.statusOfflineHint },
  gone: { label: t.statusGone, hint: t.statusGoneHint },
  'rate-limited': { label: t.statusRateLimited, hint: t.statusRateLimitedHint },
  'too-many-connections': { label: t.statusTooManyConnections, hint: t.statusTooManyConnectionsHint },
  unauthorized: { label: t.statusUnauthorized, hint: t.linkInvalidText },
  'not-allowed': { label: t.statusNotAllowed, hint: t.statusNotAllowedHint },
  'board-full': { label: t.statusBoardFull, hint: t.statusBoardFullHint },
}

/** To the list view („Beitragen“), for everyone: a screen reader cannot read the canvas in order. */
function ContributeButton() {
  return (
    <button type="button" className="nws-contribute-open" title={t.contributeOpenHint} onClick={() => switchBoardView('beitragen')}>
      {t.contributeOpen}
    </button>
  )
}

/** Observers see the board live and change nothing but, when allowed, comments; this says so where the status is. */
function ObserverBadge() {
  const session = useOpenBoard()
  const commenting = useValue('observer may comment', () => mayComment(session.role, session.facilitation.entries.commenting.get()), [session])
  if (session.role !== 'observer') return null
  return (
    <div className="nws-role-badge" data-role={session.role} role="note" title={commenting ? t.observerBadgeCommenting : t.observerBadge}>
      {/* Below a wide screen the short words, so that the top bar keeps its row (styles.css); the sentence is read out and in the tooltip. */}
      <span className="nws-role-badge__short" aria-hidden="true">
        {commenting ? t.observerBadgeCommentingShort : t.observerBadgeShort}
      </span>
      <span className="nws-role-badge__full">{commenting ? t.observerBadgeCommenting : t.observerBadge}</span>
    </div>
  )
}

export function ConnectionIndicator() {
  const session = useOpenBoard()
  const state = useValue('connection state', () => session.connection.state.get(), [session])
  const { label, hint } = statusText[state]
  return (
    <div className="nws-status" data-state={state} role="status" title={hint}>
      <span className="nws-status__dot" aria-hidden="true" />
      <span className="nws-status__label">{label}</span>
    </div>
  )
}

/**
 * tldraw's people menu hides itself while you are alone and while offline; ours is always
 * there, so you can set your name before anyone else joins.
 */
function PeopleMenu() {
  const editor = useEditor()
  const peerIds = useConnectedPeerIds()
  const count = peerIds.length + 1
  const name = useValue('user name', () => editor.user.getName(), [editor])
  const color = useValue('user color', () => editor.user.getColor(), [editor])
  return (
    <TldrawUiPopover id="netzwerkstatt-people">
      <TldrawUiPopoverTrigger>
        <button
          className="tlui-people-menu__avatars-button"
          title={t.peopleButton}
        >
          {/* The name is read from the text, so that it contains the count people see. */}
          <div className="tlui-people-menu__avatars" aria-hidden="true">
            {peerIds.slice(-4).map((userId) => (
              <DefaultPeopleMenuAvatar key={userId} userId={userId} />
            ))}
            <div className="tlui-people-menu__avatar" style={{ backgroundColor: color }}>
              {Array.from(name.trim())[0]?.toUpperCase() ?? '?'}
            </div>
          </div>
          <span className="nws-visually-hidden">{t.peopleButtonBefore} </span>
          <span className="nws-people-count" data-people-count={count}>
            {count}
          </span>
          <span className="nws-visually-hidden"> {t.peopleButtonAfter}</span>
        </button>
      </TldrawUiPopoverTrigger>
      <TldrawUiPopoverContent side="bottom" align="end" sideOffset={6}>
        <div className="tlui-people-menu__wrapper nws-people">
          <p className="nws-people__count">{format(count === 1 ? t.peopleCountAlone : t.peopleCount, { count })}</p>
          <DefaultPeopleMenuContent userIds={peerIds} />
        </div>
      </TldrawUiPopoverContent>
    </TldrawUiPopover>
  )
}

function NoticeToasts() {
  const session = useOpenBoard()
  const { addToast, removeToast } = useToasts()
  // Stays until closed or repaired: the shapes are still missing from the board.
  const { shapes, bindings } = useValue('records left out', () => session.leftOut.get(), [session])
  useEffect(() => {
    const id = 'nws-shapes-left-out'
    if (shapes === 0 && bindings === 0) return void removeToast(id)
    const said = [
      shapes > 0 ? plural(locale, shapes, { one: t.shapesLeftOutOne, other: t.shapesLeftOutOther }) : '',
      bindings > 0 ? plural(locale, bindings, { one: t.bindingsLeftOutOne, other: t.bindingsLeftOutOther }) : '',
      t.leftOutRepair,
    ]
    addToast({ id, severity: 'warning', keepOpen: true, title: t.shapesLeftOut, description: said.filter(Boolean).join(' ') })
  }, [shapes, bindings, addToast, removeToast])
  useEffect(() => {
    // The page was reloaded because the relay refused one of its changes. Stays until closed: it
    // comes with no action of the person's, and its timer would run while a slow device still lays
    // out the board (its CPU slowed 15×, the 4 s passed before a test's wait, started before the
    // reload, ever saw it); work was lost.
    const refused = takeRefusalNotice(session.boardId)
    if (refused === 'board-full') addToast({ severity: 'warning', keepOpen: true, title: t.changeRefused, description: t.boardFullText })
    else if (refused) addToast({ severity: 'warning', keepOpen: true, title: t.changeRefused, description: t.changeRefusedText })
  }, [session, addToast])
  useEffect(
    () =>
      session.notices.subscribe((notice) => {
        switch (notice.kind) {
          case 'file-too-large':
            return void addToast({
              severity: 'error',
              title: t.fileTooLarge,
              description: format(t.fileTooLargeText, { size: formatBytes(notice.maxBytes, locale) }),
            })
          case 'board-space-full':
            return void addToast({ severity: 'error', title: t.uploadFailed, description: t.boardSpaceFull })
          case 'upload-offline':
            return void addToast({ severity: 'warning', title: t.uploadFailed, description: t.uploadOffline })
          case 'upload-failed':
            return void addToast({ severity: 'error', title: t.uploadFailed })
          case 'notes-protected':
            return void addToast({
              severity: 'info',
              title: t.notesProtected,
              description: notice.count === 1 ? t.notesProtectedOne : format(t.notesProtectedText, { count: notice.count }),
            })
          case 'kept-in-sight':
            return void addToast({ severity: 'info', title: t.notesProtected, description: t.keptInSightText })
          case 'arrow-kept':
            return void addToast({ severity: 'info', title: t.notesProtected, description: t.arrowKeptText })
          case 'case-shut':
            return void addToast({ severity: 'info', title: pick(caseShutText.title, locale), description: pick(caseShutText.description, locale) })
          case 'page-delete-refused':
            return void addToast({ severity: 'info', title: t.pageDeleteRefused })
          case 'text-kept-beside':
            return void addToast({ severity: 'warning', title: t.textKeptBeside, description: t.textKeptBesideText })
        }
      }),
    [session, addToast],
  )
  return null
}
