/** tldraw's main menu plus our way back to the start page, a link to share and the export. */
import {
  DefaultMainMenu,
  DefaultMainMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  TldrawUiMenuSubmenu,
  useToasts,
} from 'tldraw'
import { exportPath } from '../../shared/api.ts'
import { t } from '../locale.ts'
import { exportFormats } from '../templates/exportFormats.ts'
import { useBoardSession } from './boardContext.ts'

/** Follows a download link; the server's Content-Disposition keeps the board open. */
function download(url: string) {
  const link = document.createElement('a')
  link.href = url
  link.download = ''
  document.body.append(link)
  link.click()
  link.remove()
}

export function MainMenu() {
  const { addToast } = useToasts()
  const { boardId } = useBoardSession()
  return (
    <DefaultMainMenu>
      <TldrawUiMenuGroup id="netzwerkstatt">
        <TldrawUiMenuItem id="netzwerkstatt-home" label={t.backToStart} readonlyOk onSelect={() => window.location.assign('/')} />
        <TldrawUiMenuItem
          id="netzwerkstatt-copy-link"
          label={t.copyLink}
          readonlyOk
          onSelect={async () => {
            await navigator.clipboard?.writeText(window.location.href)
            addToast({ severity: 'success', title: t.linkCopied })
          }}
        />
        <TldrawUiMenuSubmenu id="netzwerkstatt-export" label={t.exportHeading}>
          <TldrawUiMenuGroup id="netzwerkstatt-export-formats">
            {exportFormats.map(({ format, label }) => (
              <TldrawUiMenuItem
                key={format}
                id={`netzwerkstatt-export-${format}`}
                label={label}
                readonlyOk
                onSelect={() => download(exportPath(boardId, format))}
              />
            ))}
          </TldrawUiMenuGroup>
        </TldrawUiMenuSubmenu>
      </TldrawUiMenuGroup>
      <DefaultMainMenuContent />
    </DefaultMainMenu>
  )
}
