/** What went wrong with a form or a button's action, read out as it appears; nothing while all is well. */
export function FormError({ error }: { error: string | null | undefined }) {
  if (!error) return null
  return (
    <p className="nws-error" role="alert">
      {error}
    </p>
  )
}
