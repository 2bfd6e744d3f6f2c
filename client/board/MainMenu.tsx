/** tldraw's main menu plus our way back to the start page and a link to share. */
import {
  DefaultMainMenu,
  DefaultMainMenuContent,
  TldrawUiMenuGroup,
  TldrawUiMenuItem,
  useToasts,
} from 'tldraw'
import { t } from '../locale.ts'

export function MainMenu() {
  const { addToast } = useToasts()
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
      </TldrawUiMenuGroup>
      <DefaultMainMenuContent />
    </DefaultMainMenu>
  )
}
