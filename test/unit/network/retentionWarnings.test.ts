/**
 * The warning before retention deletes a paused network (`server/ops/retentionWarnings.ts`): one
 * per network, its boards counted, in words a coordinator reads; nothing of the boards.
 */
import { describe, expect, it } from 'vitest'
import { networksDue, warningMail } from '../../../server/ops/retentionWarnings.ts'

const due = { networkId: 'n1', deleteAfter: '2026-12-18T10:00:00.000Z', lastUsed: '2025-12-18T10:00:00.000Z', boards: 1 }
const mail = (boards: number, locale: 'de' | 'en', archiveDays = 90) =>
  warningMail({ network: 'Netzwerk Frühe Hilfen', fahrplanUrl: 'https://netzwerkstatt.example.org/n/n1', due: { ...due, boards }, days: 365, archiveDays, locale })

describe('the warning before a paused network is deleted', () => {
  it('names each network once, with its boards counted, not per board', () => {
    const scheduled = [
      { networkId: 'n1', deleteAfter: due.deleteAfter, lastUsed: due.lastUsed },
      { networkId: 'n1', deleteAfter: due.deleteAfter, lastUsed: due.lastUsed },
      { networkId: null, deleteAfter: due.deleteAfter, lastUsed: due.lastUsed },
      { networkId: 'n2', deleteAfter: '2026-12-20T10:00:00.000Z', lastUsed: '2025-12-20T10:00:00.000Z' },
    ]
    expect(networksDue(scheduled)).toEqual([
      { ...due, boards: 2 },
      { networkId: 'n2', deleteAfter: '2026-12-20T10:00:00.000Z', lastUsed: '2025-12-20T10:00:00.000Z', boards: 1 },
    ])
  })

  it('says when and how to keep it, one board or six, in German and English', () => {
    expect(mail(1, 'de').text).toContain('1 Board des Netzwerks wird am 18.12.2026 gelöscht.')
    expect(mail(6, 'de').text).toContain('6 Boards des Netzwerks werden am 18.12.2026 gelöscht.')
    expect(mail(6, 'de').subject).toBe('„Netzwerk Frühe Hilfen“: die Boards werden am 18.12.2026 gelöscht')
    expect(mail(6, 'de').text).toContain('„Behalten“): https://netzwerkstatt.example.org/n/n1\n')
    expect(mail(6, 'de').text).toContain('noch 90 Tage lang als Archiv herunterladen')
    expect(mail(6, 'de', 0).text).toContain('Gelöschte Boards lassen sich nicht wiederherstellen.')
    expect(mail(1, 'en').text).toContain('1 board of the network will be deleted on 2026-12-18.')
    expect(mail(6, 'en').text).toContain('„Keep“')
  })
})
