/**
 * Deleting a network deletes nothing silently: the coordinator chooses, with nothing chosen for
 * her, between keeping its boards (reachable by their links, as before) and deleting them too
 * (named, and counted). The button waits for that choice.
 */
import { useId, useState } from 'react'
import type { NetworkBoard, NetworkBoardsOnDelete } from '../../shared/networkApi.ts'
import { problemText } from '../apiProblems.ts'
import { format, plural } from '../i18n.ts'
import { removeLocalCopy } from '../localCopy.ts'
import { locale, t } from '../locale.ts'
import { forgetBoard } from '../recentBoards.ts'
import { forgetNetwork } from './knownNetworks.ts'
import { Modal } from './Modal.tsx'
import { deleteNetwork } from './networkCalls.ts'
import type { NetworkAccess } from './networkAccess.ts'
import { FormError } from '../FormError.tsx'

export function DeleteNetworkDialog(props: { network: NetworkAccess; name: string; boards: readonly NetworkBoard[]; onClose(): void }) {
  const { network, name, boards, onClose } = props
  const id = useId()
  // Without boards there is nothing to decide about them.
  const [choice, setChoice] = useState<NetworkBoardsOnDelete | null>(boards.length === 0 ? 'keep' : null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const quote = (text: string) => (locale === 'de' ? `„${text}“` : `“${text}”`)
  // Every board of the network goes with it (the relay opens them through the network).
  const deletable = boards
  const titles = deletable.map((b) => quote(b.title || t.fahrplanBoardUntitled)).join(', ')

  const confirm = async () => {
    if (!choice) return
    setBusy(true)
    setError(null)
    try {
      await deleteNetwork(network.id, network.token, choice)
    } catch (e) {
      setError(format(t.fahrplanChangeFailed, { error: problemText(e) }))
      setBusy(false)
      return
    }
    forgetNetwork(localStorage, network.id)
    if (choice === 'delete') {
      for (const board of deletable) {
        forgetBoard(localStorage, board.id)
        void removeLocalCopy(board.id)
      }
    }
    window.location.assign('/')
  }

  return (
    <Modal title={format(t.deleteNetworkTitle, { name })} onClose={onClose}>
      <div className="nws-modal__form">
        {boards.length === 0 ? (
          <p>{t.deleteNetworkNoBoards}</p>
        ) : (
          <fieldset>
            <legend>{t.deleteNetworkQuestion}</legend>
            <label className="nws-check">
              <input type="radio" name={`${id}-boards`} checked={choice === 'keep'} onChange={() => setChoice('keep')} />
              <span>{t.deleteNetworkKeep}</span>
            </label>
            {deletable.length > 0 && (
              <label className="nws-check">
                <input type="radio" name={`${id}-boards`} checked={choice === 'delete'} onChange={() => setChoice('delete')} />
                <span>{format(plural(locale, deletable.length, { one: t.deleteNetworkDeleteOne, other: t.deleteNetworkDelete }), { titles })}</span>
              </label>
            )}
          </fieldset>
        )}
        <div className="nws-modal__actions">
          <button type="button" className="nws-button nws-button--secondary" onClick={onClose}>
            {t.fahrplanCancel}
          </button>
          <button type="button" className="nws-button nws-button--danger" disabled={busy || choice === null} onClick={() => void confirm()}>
            {t.deleteNetworkButton}
          </button>
        </div>
        <FormError error={error} />
      </div>
    </Modal>
  )
}
