/** A modal dialog of the network pages: the browser's own `<dialog>` (focus kept inside, Escape closes). */
import { useEffect, useId, useRef, type ReactNode } from 'react'

export function Modal(props: { title: string; onClose(): void; children: ReactNode }) {
  const { title, onClose, children } = props
  const dialog = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const element = dialog.current
    element?.showModal()
    return () => element?.close()
  }, [])
  return (
    <dialog
      ref={dialog}
      className="nws-modal"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // React unmounts it; the browser closing it on its own would leave the state behind.
        event.preventDefault()
        onClose()
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  )
}
