/**
 * The facilitator's switch "only signed-in members" for the relay's answer about the board
 * (`client/board/signInSwitch.ts`): under a SIGN_IN_POLICY for every link it stays on and says
 * why; under a rule for some links it still switches and names them; without a sign-in that may
 * require it, it waits for one; a board its facilitator switched on shows it on. The answers themselves: test/integration/signInPolicy.test.ts,
 * boardSignIn.test.ts; the switch on the page: test/browser/signIn.test.ts.
 */
import { describe, expect, it } from 'vitest'
import { catalogs } from '../../client/messages/catalogs.ts'
import { signInSwitchView } from '../../client/board/signInSwitch.ts'
import type { BoardSignIn } from '../../shared/api.ts'

const de = { facilitator: 'Moderation', participant: 'Teilnehmende', observer: 'Nur ansehen' }
const en = { facilitator: 'Facilitation', participant: 'Participants', observer: 'View only' }
const answer = (over: Partial<BoardSignIn>): BoardSignIn => ({ required: false, available: true, mayRequire: true, signedInAs: 'Sabine Steuer', policyFloor: [], ...over })

describe('the sign-in switch', () => {
  it('stays on under a rule for every link, and says why', () => {
    const view = signInSwitchView(answer({ required: true, policyFloor: ['facilitator', 'participant', 'observer'] }), catalogs.de, 'de', de)
    expect(view).toEqual({ checked: true, locked: true, policy: { all: true, text: catalogs.de.boardSignInPolicyAll }, needsSignIn: false })
    expect(view.policy!.text).toContain('verlangt auf jedem Board eine Anmeldung für alle Links')
  })

  it('names the links a rule for some holds, and leaves the switch to the facilitator', () => {
    const view = signInSwitchView(answer({ policyFloor: ['facilitator', 'participant'] }), catalogs.de, 'de', de)
    expect(view).toMatchObject({ checked: false, locked: false, needsSignIn: false, policy: { all: false } })
    expect(view.policy!.text).toMatch(/für diese Links: „Moderation“ und „Teilnehmende“\.$/)
    expect(signInSwitchView(answer({ policyFloor: ['participant', 'observer'] }), catalogs.en, 'en', en).policy!.text).toMatch(/for these links: “Participants” and “View only”\.$/)
  })

  it('is on for a board its facilitator switched on, and theirs to switch off', () => {
    expect(signInSwitchView(answer({ required: true }), catalogs.de, 'de', de)).toEqual({ checked: true, locked: false, policy: null, needsSignIn: false })
  })

  it('waits for a sign-in with the right to facilitate before it switches on, and says nothing of a rule there is none of', () => {
    expect(signInSwitchView(answer({ mayRequire: false }), catalogs.de, 'de', de)).toEqual({ checked: false, locked: true, policy: null, needsSignIn: true })
    // Switched on by someone who may: this facilitator can still switch it off.
    expect(signInSwitchView(answer({ required: true, mayRequire: false }), catalogs.de, 'de', de)).toMatchObject({ checked: true, locked: false })
  })
})
