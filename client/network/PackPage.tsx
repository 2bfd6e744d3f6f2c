/**
 * `/n/<id>/pack#<token>`: the Steuerungsgruppe's page. Its link downloads the released pack and
 * nothing else (`shared/networkCredential.ts`): the page offers the downloads, the relay refuses
 * the link everywhere else. The token leaves the address on load (`linkKey.ts`) and stays in this
 * tab only; nothing else remembers it.
 */
import { useEffect } from 'react'
import { tokenFromFragment } from '../../shared/access.ts'
import { pageLinkFragment, useOpenAnewOnNewLink } from '../linkKey.ts'
import { t } from '../locale.ts'
import { Notice } from '../Notice.tsx'
import { PackDownloads } from './PackDownloads.tsx'
import './fahrplan.css'

export function PackPage({ networkId }: { networkId: string }) {
  const token = tokenFromFragment(pageLinkFragment())
  useOpenAnewOnNewLink()
  useEffect(() => {
    document.title = `${t.packPageTitle} · ${t.appName}`
  }, [])
  if (!token) return <Notice title={t.packPageTitle} text={t.packPageNoToken} home />
  return (
    <main className="nws-fahrplan nws-pack-page">
      <header className="nws-fahrplan__header">
        <div className="nws-fahrplan__heading">
          <p className="nws-fahrplan__eyebrow">{t.appName}</p>
          <h1>{t.packPageTitle}</h1>
          <p className="nws-fahrplan__target">{t.packPageIntroUnnamed}</p>
        </div>
      </header>
      <PackDownloads network={{ id: networkId, token }} />
    </main>
  )
}
