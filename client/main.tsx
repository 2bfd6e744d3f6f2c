// First: memory stands in for refused storage (a frame on another site), then the link's key
// leaves the address, before anything else runs (storageStandIn.ts, linkKey.ts).
import './storageOnLoad.ts'
import './addressWithoutKey.ts'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { locale, t } from './firstLoadLocale.ts'
import { registerServiceWorker } from './serviceWorker.ts'
import './styles.css'

document.documentElement.lang = locale
document.title = t.appName

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)

// Only the production build: in `vite dev` a cached shell would hide code changes.
if (import.meta.env.PROD) registerServiceWorker()
