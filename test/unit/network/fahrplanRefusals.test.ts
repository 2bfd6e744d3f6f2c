/**
 * What the Fahrplan's dialogs say when the server refuses a board (`client/network/fahrplanRefusals.ts`):
 * the 501st board of a network in German words, in both dialogs, with what to do that works;
 * a participant's link as the hint to use the facilitator's; never the server's English message.
 * That the relay refuses the 501st with `network-full`: `test/integration/networkScale.test.ts`;
 * a refusal shown in each dialog: `test/browser/fahrplan.test.ts`, `test/browser/networkYears.test.ts`.
 */
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../../client/api.ts'
import { addBoardRefusal, newBoardRefusal } from '../../../client/network/fahrplanRefusals.ts'

const full = new ApiError(409, 'a network holds at most 500 boards', { code: 'network-full', limit: 500 })
const fullWords = 'Dieses Netzwerk hat schon 500 Boards, mehr nimmt es nicht auf. Nehmen Sie ein Board heraus, das nicht mehr gebraucht wird (es bleibt über seine Links erhalten), und versuchen Sie es dann noch einmal.'

describe('refusals in the Fahrplan’s dialogs', () => {
  it('says the 501st board is refused in German words, made in a phase and added by its link', () => {
    expect(newBoardRefusal(full)).toBe(`Es wurde kein Board angelegt: ${fullWords}`)
    expect(addBoardRefusal(full)).toBe(`Das hat nicht geklappt: ${fullWords}`)
    for (const said of [newBoardRefusal(full), addBoardRefusal(full)]) {
      expect(said).not.toContain('Der Server hat die Anfrage abgelehnt')
      expect(said).not.toContain('at most 500')
    }
  })

  it('asks for the facilitator link where a participant’s was given, and names a board of another network', () => {
    expect(addBoardRefusal(new ApiError(403, 'the facilitator link is needed'))).toBe('Aufnehmen lässt sich ein Board nur mit seinem Moderationslink, nicht mit dem Link für Teilnehmende.')
    expect(addBoardRefusal(new ApiError(409, 'the board is in another network', { code: 'board-in-another-network' }))).toBe(
      'Das hat nicht geklappt: Dieses Board gehört schon zu einem anderen Netzwerk. Erst wenn dessen Koordination es dort herausnimmt, lässt es sich hier aufnehmen.',
    )
    expect(newBoardRefusal(new ApiError(429, 'too many new boards from this address'))).toBe(
      'Es wurde kein Board angelegt: Von Ihrem Internetanschluss aus wurden gerade sehr viele Boards angelegt. Bitte versuchen Sie es in einer Minute noch einmal.',
    )
  })
})
