/**
 * Chromium reads only the last `--disable-features` of its command line: the tests' own must keep
 * what playwright-core switches off before it (`test/helpers/chromiumFeatures.ts`; the run's
 * Chromium is checked against playwright-core's real list when it starts, `test/setup/chromium.ts`).
 */
import { expect, it } from 'vitest'
import { disabledFeatures, featuresLeftOn } from '../helpers/chromiumFeatures.ts'

it('the tests’ --disable-features keeps what an earlier one switches off, and names what it would leave on', () => {
  expect(featuresLeftOn(['--no-sandbox', '--disable-features=PaintHolding,MediaRouter', disabledFeatures])).toEqual([])
  expect(featuresLeftOn(['--disable-features=PaintHolding,SomethingNew', disabledFeatures])).toEqual(['SomethingNew'])
  expect(featuresLeftOn(['--no-sandbox'])).toEqual([])
  expect(disabledFeatures).toMatch(/WebUIOmniboxPopup/)
})
