/** The tldraw canvas for an open board. Every static asset comes from our own server. */
import { useMemo } from 'react'
import { DefaultStylePanel, EmbedShapeUtil, Tldraw, tipTapDefaultExtensions, useValue, type Editor, type TLComponents, type TLUiOverrides, type TLUiStylePanelProps, type TldrawOptions } from 'tldraw'
import 'tldraw/tldraw.css'
import { locale } from '../locale.ts'
import { assetUrls } from '../board/assetUrls.ts'
import { BoardContext } from '../board/boardContext.ts'
import { BoardLanding } from './BoardLanding.tsx'
import { Toolbar } from './Toolbar.tsx'
import { PrivateWritingControl } from '../facilitation/PrivateWriting.tsx'
import { arrangeNotesInCells } from '../templates/notesInCells.ts'
import { sizeArrivedNotes } from '../templates/arrivedNoteSize.ts'
import { showBounds, withFreeZoomToFit } from '../templates/showInView.ts'
import { SelectToolWritingNotesInCells } from '../templates/noteOnDoubleClick.ts'
import type { OpenBoard } from '../board/openBoard.ts'
import type { Box } from '../../shared/templates/geometry.ts'
import { registerOfflineBookmarks } from '../board/bookmarks.ts'
import { currentUserFor } from '../board/currentUser.ts'
import { caretToEndOnEdit, keepOverwrittenWords, NoteKeepingWords } from '../board/wordsKeeper.ts'
import { mergedContent, showArrivingText } from '../board/textEditorContent.ts'
import { ownClientIds } from '../board/sinceLastVisit.ts'
import { keepEarlierTextsFor } from '../board/earlierTexts.ts'
import { letEditorRest } from '../board/restingEditor.ts'
import { MainMenu } from './MainMenu.tsx'
import { boardActions, NoExportGuard } from '../board/exportGuard.ts'
import { mayExport } from '../../shared/board/entries/exports.ts'
import { SharePanel } from './SharePanel.tsx'
import { NoteProtectionSwitch, PageGuard, ScaffoldLockButton } from '../facilitation/ScaffoldLock.tsx'
import { VotingOverlay } from '../facilitation/VotingOverlay.tsx'
import { ZustimmungPanel } from '../facilitation/ZustimmungPanel.tsx'
import { FallmatrixCounts } from '../templates/FallmatrixCounts.tsx'
import { VotingPanel } from '../facilitation/VotingPanel.tsx'
import { groupsStarting } from '../facilitation/groupsMenu.tsx'
import { OpenVersionsPanel } from '../facilitation/versionsMenu.tsx'
import { facilitationComponents } from '../facilitation/components.ts'
import { registerDocumentDrop } from '../documents/documentRequests.ts'
import { CarriedMarks } from '../templates/CarriedMarks.tsx'
import { BeschlussButton, BeschlussMarks, BoardContextMenu, beschlussAction } from '../dokumentation/beschluss.tsx'
import { beschlussDialog } from '../dokumentation/beschlussDialogState.ts'
import { BoardSearch } from '../search/BoardSearch.tsx'
import { ShowOnArrival } from '../search/showOnArrival.ts'
import { CommentBadges, CommentsPanel, CommentsToggle } from '../comments/Comments.tsx'
import { SinceLastVisitMarks, SinceLastVisitNotice, SinceLastVisitProvider } from './SinceLastVisit.tsx'
import { WallTable } from '../facilitation/WallTable.tsx'
import { FollowedTable } from '../facilitation/FollowedTable.tsx'
import { wallComponents, wallOverlayUtils } from './wallEditor.tsx'
import { ArrowPatternWhenUsed, DrawPatternWhenUsed, GeoPatternWhenUsed } from '../board/patternFillWhenUsed.tsx'
import { fontsOnDemand } from '../board/fontsOnDemand.ts'
import { watchTldrawLicence } from './licenceWatch.ts'
import { fetchLaterParts, laterPart, WhenReady } from '../board/laterParts.tsx'

// What a participant's first minute does not need, each in a chunk of its own (`laterParts.tsx`):
// small groups (a participant's own group shows once the editor is ready), a PDF's dialog (a PDF
// dropped before waits for it: `documentRequests.ts`), the facilitator's Beschluss dialog, and the
// wall's bars.
const GroupsPanel = laterPart(() => import('../facilitation/GroupsPanel.tsx').then((chunk) => chunk.GroupsPanel))
const DocumentImport = laterPart(() => import('../documents/DocumentImport.tsx').then((chunk) => chunk.DocumentImport))
const BeschlussDialogHost = laterPart(() => import('../dokumentation/BeschlussDialog.tsx').then((chunk) => chunk.BeschlussDialogHost))
const VoteOnWall = laterPart(() => import('../facilitation/VoteOnWall.tsx').then((chunk) => chunk.VoteOnWall))
const BeamerBar = laterPart(() => import('../facilitation/BeamerBar.tsx').then((chunk) => chunk.BeamerBar))

/**
 * tldraw shows its style panel all the time on wide screens, over the board's right edge, where
 * it covered the template's cells; ours opens from a button beside the toolbar (see Toolbar),
 * which asks for the panel with `isMobile`.
 */
function StylePanelOnRequest(props: TLUiStylePanelProps) {
  return props.isMobile ? <DefaultStylePanel {...props} /> : null
}

/** What lies on the canvas above the shapes: the vote, the Zusammenschau's live counts. */
function CanvasLayer() {
  return (
    <>
      <VotingOverlay />
      <FallmatrixCounts />
      <BeschlussMarks />
      <CarriedMarks />
      <CommentBadges />
      <SinceLastVisitMarks />
    </>
  )
}

const components: TLComponents = {
  ...facilitationComponents,
  SharePanel,
  MainMenu,
  OnTheCanvas: CanvasLayer,
  StylePanel: StylePanelOnRequest,
  Toolbar,
  ContextMenu: BoardContextMenu,
}
// The wall's (wallEditor.tsx), made once.
const onWall = wallComponents(components)
// No embeds: an embedded video or map would load from a third party in every participant's
// browser, and the server's Content-Security-Policy blocks frames anyway. Pasted links become
// plain bookmarks instead (`boardActions` drops the embed action).
// Others' protected Zettel do not open to edit (`NoteKeepingWords`).
// The pattern fill's tiles are painted only once a shape has that fill (`patternFillWhenUsed.tsx`).
const shapeUtils = [EmbedShapeUtil.configure({ embedDefinitions: [] }), NoteKeepingWords, GeoPatternWhenUsed, ArrowPatternWhenUsed, DrawPatternWhenUsed]
// Replaces tldraw's select tool (same id): a double-click inside a template cell writes a note.
const tools = [SelectToolWritingNotesInCells]
// tldraw's German says "Hinweis" for a note (everywhere else here it is a "Zettel") and leaves
// the two boxes half English.
const translations: TLUiOverrides['translations'] = {
  de: {
    'tool.note': 'Zettel',
    'tool.check-box': 'Kästchen mit Häkchen',
    'tool.x-box': 'Kästchen mit Kreuz',
    'geo-style.check-box': 'Kästchen mit Häkchen',
    'geo-style.x-box': 'Kästchen mit Kreuz',
  },
}

/**
 * tldraw's text editor focuses at the start of the text once it is ready, a tick after it is
 * shown, and at its end 100 ms later: letters typed in between went to the front
 * ("oKoperationsvereinbarung"). Focusing at the end both times keeps them in order. Others'
 * words arriving while one types enter the editor as changes (`textEditorContent.ts`).
 */
const options: Partial<TldrawOptions> = {
  text: { tipTapConfig: { autofocus: 'end', extensions: [...tipTapDefaultExtensions, mergedContent] } },
}

function openText(editor: Editor) {
  const id = editor.getEditingShapeId()
  const textEditor = editor.getRichTextEditor()
  return id && textEditor && !textEditor.isDestroyed ? { id, textEditor } : null
}

declare global {
  interface Window {
    /** The browser tests set this before the page loads to be handed the editor. */
    __netzwerkstattTestHooks?: boolean
    /**
     * The live editor, so that the tests read real state instead of pixels; `showBounds` moves the
     * camera as a newcomer's view is moved onto these bounds (BoardLanding), without animation.
     */
    __netzwerkstatt?: { editor: Editor; showBounds(bounds: Box): void }
  }
}

/** `onShown`: once the editor has drawn its first frames, the first paint over it goes (at once, before the call returns). */
export function BoardEditor(props: { session: OpenBoard; licenceKey: string | null; maxAssetBytes: number; onShown?(): void }) {
  const { session, licenceKey, maxAssetBytes, onShown } = props
  const user = useMemo(() => currentUserFor(locale), [])
  // Live: tldraw's export actions come and go with the facilitator's switch.
  const allowed = useValue('may export', () => mayExport(session.role, session.facilitation.entries.exports.get()), [session])
  const overrides = useMemo<TLUiOverrides>(() => {
    const board = boardActions(allowed, session.title)
    const beschluss = beschlussAction(session)
    return { actions: (editor, actions, helpers) => withFreeZoomToFit(editor, beschluss(editor, board(editor, actions, helpers), helpers)), translations }
  }, [allowed, session, session.title])
  const wall = session.beamer
  return (
    <BoardContext.Provider value={session}>
      <SinceLastVisitProvider>
      <div className={wall ? 'nws-editor nws-beamer' : 'nws-editor'}>
        <Tldraw
          store={session.store}
          assetUrls={assetUrls}
          components={wall ? onWall : components}
          overlayUtils={wall ? wallOverlayUtils : undefined}
          hideUi={wall}
          shapeUtils={shapeUtils}
          tools={tools}
          overrides={overrides}
          options={options}
          licenseKey={licenceKey ?? undefined}
          user={user}
          maxAssetSize={maxAssetBytes}
          onMount={(editor) => {
            const stopLicenceWatch = watchTldrawLicence(editor)
            const stopResting = letEditorRest(editor)
            fontsOnDemand(editor)
            registerOfflineBookmarks(editor)
            registerDocumentDrop(editor)
            const stopArranging = arrangeNotesInCells(editor)
            const stopSizing = sizeArrivedNotes(editor, (author) => session.role === 'facilitator' || author === session.author)
            const stopCaret = caretToEndOnEdit(editor)
            const stopArriving = showArrivingText(editor.store, () => openText(editor))
            const stopEarlier = keepEarlierTextsFor(editor, session.connection.doc, session.boardId, session.author)
            const stopKeeping = keepOverwrittenWords(editor, session.connection.doc, () => ownClientIds(session.boardId), () =>
              session.notices.emit({ kind: 'text-kept-beside' }),
            )
            // Handed to the tests once the first paint is gone: what they then click is the editor.
            let frame = requestAnimationFrame(
              () =>
                (frame = requestAnimationFrame(() => {
                  onShown?.()
                  fetchLaterParts()
                  if (window.__netzwerkstattTestHooks) window.__netzwerkstatt = { editor, showBounds: (bounds) => showBounds(editor, bounds, undefined, false) }
                })),
            )
            return () => {
              stopLicenceWatch()
              stopResting()
              cancelAnimationFrame(frame)
              stopArranging()
              stopSizing()
              stopCaret()
              stopArriving()
              stopKeeping()
              stopEarlier()
              if (window.__netzwerkstatt?.editor === editor) delete window.__netzwerkstatt
            }
          }}
        >
          <PageGuard />
          <NoExportGuard mayExport={allowed} />
          <BoardLanding />
          {wall ? (
            <>
              <WallTable />
              <VoteOnWall quiet />
              <BeamerBar quiet />
            </>
          ) : (
            <>
              <WallTable presenter />
              <FollowedTable />
              <BoardTools licenceKey={licenceKey} />
            </>
          )}
        </Tldraw>
      </div>
      </SinceLastVisitProvider>
    </BoardContext.Provider>
  )
}

/** Everything a person works with beside tldraw's own UI; the wall has none of it. */
function BoardTools({ licenceKey }: { licenceKey: string | null }) {
  return (
    <>
      <WhenReady>
        <DocumentImport quiet />
      </WhenReady>
      <div className="nws-facilitation-dock">
        {/* Two short buttons share a row: each row more pushes a fitted template down. */}
        <div className="nws-facilitation-dock__row">
          <BoardSearch />
          <ShowOnArrival />
          <CommentsToggle />
        </div>
        <CommentsPanel />
        <VotingPanel />
        <ZustimmungPanel />
        <LaterGroupsPanel />
        <ScaffoldLockButton />
        <NoteProtectionSwitch />
        <BeschlussButton />
        <LaterBeschlussDialog />
        <PrivateWritingControl />
        <OpenVersionsPanel licenceKey={licenceKey} />
        <SinceLastVisitNotice />
      </div>
    </>
  )
}

/** The groups watch the round from the start (a participant is taken to their group); a facilitator's click on *Kleingruppen …* mounts them at once. */
function LaterGroupsPanel() {
  const starting = useValue(groupsStarting)
  return (
    <WhenReady now={starting}>
      <GroupsPanel quiet={!starting} />
    </WhenReady>
  )
}

/** The dialog's host reads the board's Gremium for the facilitator ahead of the dialog; marking a Beschluss mounts it at once. */
function LaterBeschlussDialog() {
  const open = useValue(beschlussDialog)
  return (
    <WhenReady now={open !== null}>
      <BeschlussDialogHost quiet={open === null} />
    </WhenReady>
  )
}
