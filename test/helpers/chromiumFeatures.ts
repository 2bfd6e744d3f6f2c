/**
 * The Chromium features the tests switch off. Chromium reads only the last `--disable-features` of
 * its command line, and playwright-core passes one of its own before ours, so ours repeats its list.
 */

/** What playwright-core (1.65) switches off itself (`chromiumSwitches`). */
const playwrightsDisabledFeatures = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter',
  'PaintHolding', 'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin', 'OptimizationHints',
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
]

/**
 * Chromium 156 gives every new window a renderer of its own for the address bar's popup (the WebUI
 * page chrome://omnibox-popup.top-chrome/), which no test opens: about 0.6 CPU-seconds of that
 * renderer and 0.15 of the browser process for each person, a third of what a person with a board
 * page costs (3.4 and 3.1 CPU-s with it, 1.8 to 2.2 without, 2026-11-29).
 */
const unusedFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup']

export const disabledFeatures = `--disable-features=${[...playwrightsDisabledFeatures, ...unusedFeatures].join(',')}`

/**
 * The features a Chromium command line switches off that its last `--disable-features` (the one
 * Chromium reads) leaves on: after an update of playwright-core that names more, what
 * `playwrightsDisabledFeatures` lacks.
 */
export function featuresLeftOn(commandLine: string[]): string[] {
  const lists = commandLine.filter((arg) => arg.startsWith('--disable-features=')).map((arg) => arg.slice('--disable-features='.length).split(','))
  const read = new Set(lists.at(-1))
  return [...new Set(lists.flat())].filter((feature) => !read.has(feature))
}
