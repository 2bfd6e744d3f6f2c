/** The tldraw canvas for an open board. Every static asset comes from our own server. */
import { useMemo } from 'react'
import { DefaultStylePanel, EmbedShapeUtil, Tldraw, useEditor, useValue, type Editor, type TLComponents } from 'tldraw'
import 'tldraw/tldraw.css'
import { locale } from '../locale.ts'
import { assetUrls } from './assetUrls.ts'
import { BoardContext } from './boardContext.ts'
import { BoardLanding } from './BoardLanding.tsx'
import { Toolbar } from './Toolbar.tsx'
import { PrivateWritingControl } from '../facilitation/PrivateWriting.tsx'
import { arrangeNotesInCells } from '../templates/notesInCells.ts'
import type { BoardSession } from './boardSession.ts'
import { registerOfflineBookmarks } from './bookmarks.ts'
import { currentUserFor } from './currentUser.ts'
import { MainMenu } from './MainMenu.tsx'
import { boardActions, NoExportGuard } from './exportGuard.ts'
import { mayExport } from '../../shared/facilitation/exportRights.ts'
import { facilitationKeys } from '../../shared/facilitation/doc.ts'
import { facilitationValue } from '../facilitation/facilitationValue.ts'
import { SharePanel } from './SharePanel.tsx'
import { NoteProtectionSwitch, PageGuard, ScaffoldLockButton } from '../facilitation/ScaffoldLock.tsx'
import { VotingOverlay } from '../facilitation/VotingOverlay.tsx'
import { VotingPanel } from '../facilitation/VotingPanel.tsx'
import { VersionsPanel } from '../facilitation/VersionsPanel.tsx'
import { facilitationComponents } from '../facilitation/components.ts'

/**
 * tldraw shows its style panel all the time on wide screens, over the board's right edge; ours
 * opens when there is something to style: a selection, or a drawing tool in hand.
 */
function StylePanelWhenNeeded() {
  const editor = useEditor()
  const needed = useValue(
    'style panel needed',
    () => !!editor.root.getCurrent()?.shapeType || (editor.isIn('select') && editor.getSelectedShapeIds().length > 0),
    [editor],
  )
  return needed ? <DefaultStylePanel /> : null
}

const components: TLComponents = {
  ...facilitationComponents,
  SharePanel,
  MainMenu,
  OnTheCanvas: VotingOverlay,
  StylePanel: StylePanelWhenNeeded,
  Toolbar,
}
// No embeds: an embedded video or map would load from a third party in every participant's
// browser, and the server's Content-Security-Policy blocks frames anyway. Pasted links become
// plain bookmarks instead (`boardActions` drops the embed action).
const shapeUtils = [EmbedShapeUtil.configure({ embedDefinitions: [] })]

declare global {
  interface Window {
    /** The browser tests set this before the page loads to be handed the editor. */
    __netzwerkstattTestHooks?: boolean
    /** The live editor, so that the tests read real state instead of pixels. */
    __netzwerkstatt?: { editor: Editor }
  }
}

export function BoardEditor(props: { session: BoardSession; licenceKey: string | null; maxAssetBytes: number }) {
  const { session, licenceKey, maxAssetBytes } = props
  const user = useMemo(() => currentUserFor(locale), [])
  // Live: tldraw's export actions come and go with the facilitator's switch.
  const allowed = useValue('may export', () => mayExport(session.role, facilitationValue(session.connection.doc, facilitationKeys.exports).get()), [session])
  const overrides = useMemo(() => ({ actions: boardActions(allowed, session.title) }), [allowed, session.title])
  return (
    <BoardContext.Provider value={session}>
      <div className="nws-editor">
        <Tldraw
          store={session.store}
          assetUrls={assetUrls}
          components={components}
          shapeUtils={shapeUtils}
          overrides={overrides}
          licenseKey={licenceKey ?? undefined}
          user={user}
          maxAssetSize={maxAssetBytes}
          onMount={(editor) => {
            registerOfflineBookmarks(editor)
            const stopArranging = arrangeNotesInCells(editor)
            if (window.__netzwerkstattTestHooks) window.__netzwerkstatt = { editor }
            return () => {
              stopArranging()
              if (window.__netzwerkstatt?.editor === editor) delete window.__netzwerkstatt
            }
          }}
        >
          <PageGuard />
          <NoExportGuard mayExport={allowed} />
          <BoardLanding />
          <div className="nws-facilitation-dock">
            <VotingPanel />
            <ScaffoldLockButton />
            <NoteProtectionSwitch />
            <PrivateWritingControl />
            <VersionsPanel licenceKey={licenceKey} />
          </div>
        </Tldraw>
      </div>
    </BoardContext.Provider>
  )
}
