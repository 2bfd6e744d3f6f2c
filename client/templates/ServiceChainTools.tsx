/** Buttons only a Dienstleistungskette has: a new service card (a note), and cells for drawn hand-overs (scaffold). */
import { useEditor } from 'tldraw'
import type { Locale } from '../../shared/locale.ts'
import { format } from '../i18n.ts'
import { t } from '../locale.ts'
import { addMissingHandovers, addServiceCard } from './serviceChainActions.ts'

export function ServiceChainTools(props: { instanceId: string; locale: Locale; canGrow: boolean; report(message: string): void }) {
  const { instanceId, locale, canGrow, report } = props
  const editor = useEditor()
  const addHandovers = () => {
    const added = addMissingHandovers(editor, instanceId)
    report(added > 0 ? format(t.handoversAdded, { count: added }) : t.handoversNone)
  }
  const addCard = () => {
    report('')
    addServiceCard(editor, locale)
  }
  return (
    <>
      <button
        type="button"
        className="nws-button nws-button--secondary nws-button--small"
        data-action="serviceCard"
        onClick={addCard}
      >
        {t.serviceCardAdd}
      </button>
      {canGrow && (
        <button
          type="button"
          className="nws-button nws-button--secondary nws-button--small"
          data-action="detectHandovers"
          onClick={addHandovers}
        >
          {t.handoversAdd}
        </button>
      )}
    </>
  )
}
