/**
 * tldraw's main menu plus ours: back to the start page, copy the invitation link, the export
 * (files and PDF), and (facilitators) small groups, versions, making this device the wall
 * (the Beamer) and deleting the board.
 */
import {
  DefaultMainMenu,
  DefaultMainMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  TldrawUiMenuSubmenu,
  useDialogs,
  useEditor,
  useToasts,
  useValue,
} from 'tldraw'
import { boardLink } from '../../shared/access.ts'
import { copyText } from '../clipboard.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { downloadExport } from '../templates/exportDownload.ts'
import { exportFormats } from '../templates/exportFormats.ts'
import { useOpenBoard } from '../board/boardContext.ts'
import { DeleteBoardDialog } from './DeleteBoardDialog.tsx'
import { printBoard } from '../board/exportGuard.ts'
import { exportProblemToast } from '../board/heldBack.ts'
import { useMayExport } from '../board/exportPermission.ts'
import { roleName } from '../board/roleNames.ts'
import { InsertDocumentItem } from '../documents/InsertDocumentItem.tsx'
import { FahrplanMenuItem } from '../network/FahrplanMenuItem.tsx'
import { GroupsMenuItem } from '../facilitation/groupsMenu.tsx'
import { VersionsMenuItem } from '../facilitation/versionsMenu.tsx'

export function MainMenu() {
  const { addToast } = useToasts()
  const { addDialog } = useDialogs()
  const editor = useEditor()
  const session = useOpenBoard()
  const { boardId, token, role } = session
  // The link to pass on: never the facilitator's own; observers pass on what they have.
  const inviteRole = role === 'observer' ? 'observer' : 'participant'
  const mayExport = useMayExport()
  const inviteToken = useValue('invite token', () => session.knownTokens.get()[inviteRole], [session, inviteRole])
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="netzwerkstatt">
        <TldrawUiMenuItem id="netzwerkstatt-home" label={t.backToStart} readonlyOk onSelect={() => window.location.assign('/')} />
        <FahrplanMenuItem boardId={boardId} />
        <InsertDocumentItem />
        <GroupsMenuItem />
        <VersionsMenuItem />
        {inviteToken && (
          <TldrawUiMenuItem
            id="netzwerkstatt-copy-link"
            label={format(t.copyRoleLink, { role: roleName[inviteRole] })}
            readonlyOk
            onSelect={async () => {
              const copied = await copyText(new URL(boardLink(boardId, inviteToken), window.location.origin).href)
              void addToast(copied ? { severity: 'success', title: t.linkCopied } : { severity: 'error', title: t.copyFailed })
            }}
          />
        )}
        {mayExport && (
        <TldrawUiMenuSubmenu id="netzwerkstatt-export" label={t.exportHeading}>
          <TldrawUiMenuGroup id="netzwerkstatt-export-formats">
            {exportFormats.map(({ format, label }) => (
              <TldrawUiMenuItem
                key={format}
                id={`netzwerkstatt-export-${format}`}
                label={label}
                readonlyOk
                onSelect={() =>
                  downloadExport(boardId, token, format).catch((error: unknown) => {
                    addToast({ severity: 'error', title: t.exportFailed, description: error instanceof Error ? error.message : undefined })
                  })
                }
              />
            ))}
            <TldrawUiMenuItem
              id="netzwerkstatt-export-pdf"
              label={t.exportPdf}
              readonlyOk
              onSelect={() =>
                void printBoard(editor, session.title).catch((error: unknown) => addToast(exportProblemToast(error)))
              }
            />
          </TldrawUiMenuGroup>
        </TldrawUiMenuSubmenu>
        )}
        {role === 'facilitator' && (
          // On the projector laptop: the wall instead of a person (beamerMemory.ts).
          <TldrawUiMenuItem id="netzwerkstatt-beamer" label={t.beamerChoose} readonlyOk onSelect={() => session.setBeamer(true)} />
        )}
        {role === 'facilitator' && (
          <TldrawUiMenuItem
            id="netzwerkstatt-delete-board"
            label={t.deleteBoard}
            onSelect={() => void addDialog({ component: DeleteBoardDialog })}
          />
        )}
      </TldrawUiMenuGroup>
      <DefaultMainMenuContent />
    </DefaultMainMenu>
  )
}
