/**
 * The start page's networks: creating one (where this browser may create boards: a network is
 * there to hold them) and the networks this browser holds the coordinator link of.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import { maxTitleLength, type CreatorStatus } from '../../shared/api.ts'
import { maxTargetGroupLength, networkLink } from '../../shared/networkApi.ts'
import { fetchCreatorStatus } from '../api.ts'
import { problemText } from '../apiProblems.ts'
import { format } from '../i18n.ts'
import { locale, t } from '../locale.ts'
import { readKnownNetworks, rememberNetwork } from './knownNetworks.ts'
import { createNetwork } from './networkCalls.ts'
import './fahrplan.css'
import { FormError } from '../FormError.tsx'

export function NetworksOnStart() {
  const [mayCreate, setMayCreate] = useState(false)
  useEffect(() => {
    fetchCreatorStatus().then((status: CreatorStatus) => setMayCreate(status.mayCreate), () => setMayCreate(false))
  }, [])
  return (
    <div className="nws-columns nws-networks">
      {mayCreate && <CreateNetwork />}
      <KnownNetworks />
    </div>
  )
}

function CreateNetwork() {
  const id = useId()
  const [name, setName] = useState('')
  const [targetGroup, setTargetGroup] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const network = await createNetwork(name.trim(), targetGroup.trim())
      // The only moment the network's link is readable: this browser keeps it.
      rememberNetwork(localStorage, network)
      window.location.assign(networkLink(network.id, network.token))
    } catch (e) {
      setError(format(t.networkCreateFailed, { error: problemText(e) }))
      setBusy(false)
    }
  }

  return (
    <section className="nws-card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t.networkCreateHeading}</h2>
      <p className="nws-muted nws-field-note">{t.networkCreateIntro}</p>
      <form onSubmit={submit}>
        <label htmlFor={`${id}-name`}>{t.networkNameLabel}</label>
        <input
          id={`${id}-name`}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t.networkNamePlaceholder}
          maxLength={maxTitleLength}
          required
        />
        <label htmlFor={`${id}-target`}>{t.networkTargetLabel}</label>
        <input
          id={`${id}-target`}
          value={targetGroup}
          onChange={(e) => setTargetGroup(e.target.value)}
          placeholder={t.networkTargetPlaceholder}
          maxLength={maxTargetGroupLength}
        />
        <button className="nws-button" type="submit" disabled={busy || name.trim() === ''}>
          {busy ? t.creating : t.networkCreateButton}
        </button>
        <FormError error={error} />
      </form>
    </section>
  )
}

function KnownNetworks() {
  const networks = readKnownNetworks(localStorage)
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section className="nws-card nws-recent nws-known-networks" aria-labelledby="networks-heading">
      <h2 id="networks-heading">{t.networksHeading}</h2>
      {networks.length === 0 ? (
        <p className="nws-muted">{t.networksEmpty}</p>
      ) : (
        <ul>
          {networks.map((network) => (
            <li key={network.id} data-network={network.id}>
              <a href={networkLink(network.id, network.token)}>
                <span className="nws-recent__title">{network.name}</span>
                <span className="nws-muted">{format(t.networkOpened, { when: when.format(new Date(network.lastOpened)) })}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
      <p className="nws-muted nws-small">{t.networksNote}</p>
    </section>
  )
}
