/**
 * Profil der Netzwerkkoordination (H 3.3.2) into Gründung und Koordination (H 3.3.1): what the
 * profile finds missing, and how to make it up, is part of the question who coordinates and what
 * the coordination still needs – where who settles it by when is asked. Each gap says which part
 * of the profile it is.
 */
import type { CarryRoute } from '../carryRoute.ts'
import { pick, type Labels } from '../../locale.ts'
import { cellKey } from '../../templates/table.ts'
import { koordinationCells as koordination } from '../../templates/koordination.ts'
import { koordinationsprofilCells as profil } from '../../templates/koordinationsprofil.ts'

const whoCoordinates = cellKey(koordination.koordination.section, koordination.koordination.rows.wer, koordination.col.antwort)
const source: Labels = { de: 'Profil', en: 'Profile' }

export const routes: CarryRoute[] = [
  {
    id: 'profile-gaps-coordination',
    from: 'koordinationsprofil',
    to: 'koordination',
    what: { de: 'Was der Koordination fehlt', en: 'What the coordination lacks' },
    source: { section: [profil.aufgaben.section, profil.kompetenzen.section, profil.ansiedlung.section], cols: [profil.col.fehlt] },
    target: () => whoCoordinates,
    text: (note, ctx) => `${pick(source, ctx.targetLocale)} – ${note.cell.rowLabel ?? ''}: ${note.text}`,
  },
]
