/**
 * Passing a board on, in Chromium against the run's relay: the office laptop makes a board on the
 * start page and its links panel lists the three links; the join screen for the projector shows a
 * QR code and a short link (warning that only this computer reaches the address, as the run's
 * relay listens on 127.0.0.1 alone); one person follows the QR code's address and lands as a
 * participant with no key left in the address; another types the read-only code and watches live
 * but cannot change the board, and is told so; a board id alone and an unknown code are explained,
 * and another code typed into that page's address bar is redeemed too.
 * A reload opens the same role, beside a tab on another board, and a link pasted into the tab takes
 * over; no role's link leaves its key in the address (`client/linkKey.ts`); the CSP refuses a
 * request to tldraw's CDN. A second facilitator device (the projector laptop, with only the
 * facilitator link) shows the same code; a link it replaces stops the old participant page at once
 * and moves the office's open join screen on; an answer about the links that arrives late does not
 * bring the old link back; server errors read in the page's language.
 * One office page (and its browser's other tabs) and one projector page serve the file's tests
 * (made by the first that needs them).
 * Page loads: 14, each the subject of a check: the office's start page and the board it makes; the
 * scanner's short link; the typist's unknown code, start page and typed code (a browser that holds
 * no link); the office's participant tab and a tab on another board, each reloaded, and the link
 * pasted into the first; the projector (a second device); the English start page and its board
 * (the late links answer needs a panel that has had none, on a board whose links this browser made).
 * What the relay answers (the address to show, the links kept for facilitators, codes, 4401) is
 * test/integration/sharedLinks.test.ts, access.test.ts and test/unit/http/join.test.ts; the
 * address shown from that answer, test/unit/joinLink.test.ts.
 * Screenshots: test/artifacts/join-screen-{de,en}-{1440,1920}.png, second-device-*.png,
 * access-{links,rotate,link-replaced,observer,observer-export-switch}.png.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { encode } from 'uqr'
import type { Role } from '../../shared/access.ts'
import { recentBoardsKey } from '../../client/recentBoards.ts'
import { expectNoKeyInAddress } from '../helpers/addressBar.ts'
import { skipBrowserTests } from '../helpers/browser.ts'
import { boardBrowserSuite, openBoardPage, type Person } from '../helpers/boardPages.ts'
import { apiFetch, boardPageUrl, createBoard } from '../helpers/clients.ts'
import { joinRedeemPath, SharedLinks } from '../../shared/api.ts'
import { screenshot } from '../helpers/screenshots.ts'
import { hang } from '../helpers/hang.ts'

const fullHd = { width: 1920, height: 1080 }

describe.skipIf(skipBrowserTests)('passing a board on: links, join screen, a second device', () => {
  const suite = boardBrowserSuite({ width: 1440, height: 900 })
  const at = (path: string) => `${suite.relay.httpUrl}${path}`

  /** Creates a board on the start page, as a facilitator does, so this browser knows all its links. */
  async function createOnStartPage(page: Page, title: string, labels = { title: 'Titel', create: 'Board anlegen' }) {
    await page.goto(suite.relay.httpUrl)
    await page.getByLabel(labels.title).fill(title)
    await page.getByRole('button', { name: labels.create }).click()
    // The facilitator's link opened the board; its key then left the address (client/linkKey.ts).
    await page.waitForURL(/\/b\/[A-Za-z0-9_-]{22}$/)
    await page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    return new URL(page.url()).pathname
  }

  const linksPanel = (page: Page) => page.locator('.nws-links')
  /** Opens the links panel unless it is open; it asks the relay for the current links each time it opens. */
  async function openLinks(page: Page, name = 'Links zu diesem Board') {
    if (!(await linksPanel(page).isVisible())) await page.getByRole('button', { name }).click()
    await page.locator('.nws-link-row').first().waitFor()
    return linksPanel(page)
  }
  async function closeLinks(page: Page) {
    if (!(await linksPanel(page).isVisible())) return
    await page.keyboard.press('Escape')
    await linksPanel(page).waitFor({ state: 'hidden' })
  }
  const linkIn = (page: Page, role: Role) => page.locator(`.nws-link-row[data-role="${role}"] input`)
  // The same link: its board and token (the address in front is the page's, the relay naming none).
  const boardAndToken = (link: string) => (link ? new URL(link).pathname + new URL(link).hash : '')
  const tokenIn = async (page: Page, role: Role) => boardAndToken(await linkIn(page, role).inputValue())
  const tokenOf = (link: string) => new URL(link).hash.slice(1)

  /** The role the board page opened with, as its „Links“ popover shows it (a facilitator sees all three). */
  async function openedRole(page: Page): Promise<string> {
    if (await page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())) return 'observer'
    const rows = (await openLinks(page)).locator('.nws-link-row')
    const roles = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-role')))
    await closeLinks(page)
    return roles.length === 3 ? 'facilitator' : roles.join()
  }

  const joinScreen = (page: Page) => page.getByRole('dialog').filter({ has: page.locator('.nws-join__panel') })
  /** Opens the join screen from the links panel (unless it is open); its short link and code. */
  async function showJoinScreen(page: Page) {
    const screen = joinScreen(page)
    if (!(await screen.isVisible())) {
      await openLinks(page)
      await page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
    }
    await screen.locator('.nws-join__code').waitFor({ timeout: hang(20_000) })
    return { screen, ...(await shownOn(page)) }
  }
  const shownOn = async (page: Page) => ({
    link: (await joinScreen(page).locator('[data-join-link]').textContent())!,
    code: (await joinScreen(page).locator('.nws-join__code').textContent())!.replace(/^.*: /, ''),
  })
  async function closeJoinScreen(page: Page) {
    const screen = joinScreen(page)
    if (await screen.isVisible()) await screen.getByRole('button', { name: 'Schließen' }).click()
    await screen.waitFor({ state: 'detached' })
  }

  /** The QR code on the page, read back module by module, against what it should encode. */
  async function expectQrFor(page: Page, url: string) {
    const drawn = await page.locator('.nws-qr').evaluate((svg) => ({
      text: svg.getAttribute('data-qr-text'),
      modules: Number(svg.getAttribute('viewBox')!.split(' ')[2]),
      path: svg.querySelector('path')!.getAttribute('d')!,
    }))
    expect(drawn.text).toBe(url)
    const expected = encode(url, { ecc: 'M', border: 2 })
    expect(drawn.modules).toBe(expected.size)
    const dark = new Set([...drawn.path.matchAll(/M(\d+) (\d+)/g)].map(([, x, y]) => `${x},${y}`))
    const wanted = expected.data.flatMap((row, y) => row.flatMap((on, x) => (on ? [`${x},${y}`] : [])))
    expect(dark).toEqual(new Set(wanted))
  }

  const title = 'Planspiel Alleinerziehende Nord'
  interface Office {
    person: Person
    boardPath: string
    boardId: string
    /** The links the office's panel showed first, by role. */
    links: Record<Role, string>
  }
  let office: Promise<Office> | undefined
  /** The office laptop on the board it made on the start page (made once, kept for the file). */
  const theOffice = () =>
    (office ??= (async () => {
      const person = await suite.person({ keep: true })
      const boardPath = await createOnStartPage(person.page, title)
      await openLinks(person.page)
      const links = Object.fromEntries(
        await Promise.all((['facilitator', 'participant', 'observer'] as const).map(async (role) => [role, await linkIn(person.page, role).inputValue()])),
      ) as Record<Role, string>
      return { person, boardPath, boardId: boardPath.split('/').at(-1)!, links }
    })())

  /**
   * A participant who scanned the QR code. Its page counts the websockets it opens, and its clock
   * (installed before the page loads, running as usual) lets a test move the relay's retry pause on
   * instead of waiting it out.
   */
  let scanner: Promise<Person & { sockets: () => Promise<number> }> | undefined
  const theScanner = () =>
    (scanner ??= (async () => {
      const { person } = await theOffice()
      const { link } = await showJoinScreen(person.page)
      const p = await suite.person({ keep: true })
      await p.context.addInitScript(() => {
        const Socket = window.WebSocket
        const opened = { count: 0 }
        ;(window as unknown as { socketsOpened: typeof opened }).socketsOpened = opened
        window.WebSocket = class extends Socket {
          constructor(...args: ConstructorParameters<typeof WebSocket>) {
            super(...args)
            opened.count++
          }
        }
      })
      await p.page.clock.install()
      await openBoardPage(p.page, `http://${link}`)
      const sockets = () => p.page.evaluate(() => (window as unknown as { socketsOpened: { count: number } }).socketsOpened.count)
      return { ...p, sockets }
    })())

  /** The projector laptop: a second browser holding only the facilitator link. */
  let projector: Promise<Person> | undefined
  const theProjector = () =>
    (projector ??= (async () => {
      const { links } = await theOffice()
      const p = await suite.person({ keep: true, viewport: fullHd })
      await openBoardPage(p.page, links.facilitator)
      return p
    })())

  it('the office laptop makes a board on the start page: three links, the ones to pass on first, and a join screen with a QR code that warns only this computer reaches it', { timeout: hang(120_000) }, async () => {
    const { person, boardPath, boardId, links } = await theOffice()
    const { page } = person
    const panel = await openLinks(page)
    // All three, as full URLs under their role names, the links to pass on first.
    expect(await panel.locator('.nws-link-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')))).toEqual(['participant', 'observer', 'facilitator'])
    for (const name of ['Moderation', 'Teilnehmende', 'Nur ansehen']) await panel.getByText(name, { exact: true }).waitFor()
    expect(links.facilitator.replace(/#.*$/, '')).toBe(page.url())
    for (const url of Object.values(links)) expect(url).toMatch(new RegExp(`^${suite.relay.httpUrl}/b/${boardId}#[A-Za-z0-9_-]{32}$`))
    expect(new Set(Object.values(links)).size).toBe(3)
    // Every link can be replaced, the facilitator's own too (after a confirmation, networkYears.test.ts).
    expect(await panel.getByRole('button', { name: /Neuen Link erzeugen/ }).count()).toBe(3)
    // The run's relay listens on 127.0.0.1 only: the panel says these links open here alone.
    await expect.poll(() => panel.locator('[data-reach-warning]').textContent()).toContain('nur auf diesem Rechner')
    await screenshot(page, 'access-links.png')
    await screenshot(panel, 'links-local-only.png')

    const { screen, link } = await showJoinScreen(page)
    expect(await screen.getByRole('heading', { name: title }).count()).toBe(1)
    // The code in the fragment, which the browser sends to no server and no proxy logs.
    expect(link).toMatch(/^127\.0\.0\.1:\d+\/j#[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await expectQrFor(page, `http://${link}`)
    // No link's key on the screen: only the code's fragment.
    expect(await screen.textContent()).not.toMatch(/#[A-Za-z0-9_-]{32}/)
    expect(await screen.locator('[data-reach-warning]').textContent()).toContain('Nur dieser Rechner')
    await screenshot(page, 'join-screen-de-1440.png')
    await page.setViewportSize(fullHd)
    await screenshot(page, 'join-screen-de-1920.png')
    await page.setViewportSize({ width: 1440, height: 900 })
    await closeJoinScreen(page)
    expect(new URL(page.url()).pathname).toBe(boardPath)
    expect(person.problems).toEqual([])
  })

  it('people join by the short link of the QR code as participants, keeping no key in the address', { timeout: hang(120_000) }, async () => {
    const { person: office, boardPath, links } = await theOffice()
    const { code: participantCode } = await showJoinScreen(office.page)
    const scanner = await theScanner()
    // The short link led to the board as a participant; the board then dropped the key.
    expect(new URL(scanner.page.url()).pathname).toBe(boardPath)
    expect(await scanner.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)
    await expectNoKeyInAddress(scanner.page, [...Object.values(links).map(tokenOf), participantCode, participantCode.replace(/-/g, '')])
    await closeJoinScreen(office.page)
    for (const p of [office, scanner]) expect(p.problems).toEqual([])
  })

  it('an unknown code and a board id alone are explained, not opened; the read-only code typed on the start page opens the board to watch live but not draw, and says so; exports only once the facilitator allows them', { timeout: hang(120_000) }, async () => {
    const { person: office, links, boardPath } = await theOffice()
    // "Nur ansehen": another code than the participants'.
    const { screen, link: shortLink } = await showJoinScreen(office.page)
    await screen.getByRole('radio', { name: 'Nur ansehen' }).click()
    await expect.poll(() => screen.locator('[data-join-link]').textContent()).not.toBe(shortLink)
    await screen.locator('.nws-join__code').waitFor()
    const { code: observerCode } = await shownOn(office.page)
    await closeJoinScreen(office.page)
    await closeLinks(office.page)

    const typist = await suite.person()
    const requests: string[] = []
    const sockets: string[] = []
    typist.context.on('request', (request) => requests.push(request.url()))
    typist.page.on('websocket', (socket) => {
      requests.push(socket.url())
      sockets.push(socket.url())
    })
    // The "Neues Board" form appears only after the server's answer; held back until the code is
    // typed, it must not pull the focus (and the rest of the typing) into its title field.
    let typed!: () => void
    const typing = new Promise<void>((resolve) => (typed = resolve))
    await typist.page.route('**/api/auth/status', async (route) => {
      await typing
      await route.continue()
    })
    // The typist's browser holds no link yet: first an unknown code, which says so.
    // As an old printed link has it, in the path: the relay sends it on to /j#<code>, and the page takes it out of the address.
    await typist.page.goto(at('/j/AAAA-BBBB-CCCC'))
    await typist.page.getByRole('heading', { name: 'Beitrittscode unbekannt' }).waitFor()
    expect(typist.page.url()).toBe(at('/j'))
    // Another code typed into the open page's address bar (no new page): redeemed, and out of the address again.
    const retried = typist.page.waitForRequest((request) => request.method() === 'POST' && new URL(request.url()).pathname === joinRedeemPath, { timeout: hang(20_000) })
    await typist.page.evaluate(() => void (window.location.hash = '#zzzz-zzzz-zzzy'))
    expect((await retried).postDataJSON()).toEqual({ code: 'ZZZZZZZZZZZY' })
    await typist.page.getByRole('heading', { name: 'Beitrittscode unbekannt' }).waitFor()
    expect(typist.page.url()).toBe(at('/j'))
    await typist.page.goto(suite.relay.httpUrl)
    const codeField = typist.page.getByLabel('Link oder Beitrittscode')
    await codeField.fill(observerCode.slice(0, 6).toLowerCase())
    typed()
    await typist.page.getByLabel('Titel').waitFor()
    await codeField.pressSequentially(observerCode.slice(6).toLowerCase())
    expect(await codeField.inputValue()).toBe(observerCode.toLowerCase())
    expect(await typist.page.getByLabel('Titel').inputValue()).toBe('')
    // A board id alone, in this browser that holds no link to it, is explained and opens nothing.
    await codeField.fill(boardPath.split('/').at(-1)!)
    await typist.page.getByRole('button', { name: 'Öffnen' }).click()
    await typist.page.getByRole('alert').filter({ hasText: 'Eine Board-ID allein öffnet kein Board' }).waitFor()
    expect(new URL(typist.page.url()).pathname).toBe('/')
    expect(sockets, 'a board id alone opened a board').toEqual([])
    // Then the code, typed in lower case as above, opens the board.
    await codeField.fill(observerCode.toLowerCase())
    await typist.page.getByRole('button', { name: 'Öffnen' }).click()
    await typist.page.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await typist.page.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)

    // Watching, and told so; the facilitator's page says nothing of the kind.
    const observer = typist.page
    const badge = 'Nur ansehen – mit diesem Link lässt sich nichts ändern'
    await observer.getByText(badge).waitFor()
    expect(await observer.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(true)
    expect(await office.page.evaluate(() => window.__netzwerkstatt!.editor.getIsReadonly())).toBe(false)
    expect(await office.page.getByText(badge).count()).toBe(0)

    // The observer tries to draw, with the keyboard shortcut and the mouse, and through the API.
    const shapeCount = (page: Page) => page.evaluate(() => window.__netzwerkstatt!.editor.getCurrentPageShapes().length)
    const drawRectangle = async (page: Page, x: number, y: number) => {
      await page.mouse.click(1200, 700) // somewhere on the empty canvas, so that keys reach the editor
      await page.keyboard.press('r')
      await page.mouse.move(x, y)
      await page.mouse.down()
      await page.mouse.move(x + 120, y + 80, { steps: 8 })
      await page.mouse.up()
    }
    const before = await shapeCount(office.page)
    await drawRectangle(observer, 400, 300)
    await observer.keyboard.press('n')
    await observer.mouse.click(700, 400)
    await observer.evaluate(() => {
      const editor = window.__netzwerkstatt!.editor
      editor.createShape({ type: 'geo', x: 0, y: 0 })
    })
    expect(await shapeCount(observer)).toBe(before)

    // The facilitator draws; the observer sees it live. Had the observer drawn anything, it
    // would be here by now too.
    await drawRectangle(office.page, 300, 200)
    await expect.poll(() => shapeCount(observer), { timeout: hang(15_000) }).toBe(before + 1)
    expect(await shapeCount(office.page)).toBe(before + 1)

    // No templates to insert or grow; no export until the facilitator allows it.
    await observer.getByRole('button', { name: 'Vorlagen', exact: true }).click()
    const templates = observer.getByRole('dialog', { name: 'Vorlagen' })
    await templates.getByText(/Mit dem Link „Nur ansehen“ lassen sich Vorlagen ansehen/).waitFor()
    expect(await templates.locator('.nws-template-choice').count()).toBe(0)
    await templates.getByText(/das Exportieren nicht freigegeben/).waitFor()
    expect(await templates.getByRole('button', { name: 'Markdown', exact: true }).count()).toBe(0)
    const exportSwitch = (await openLinks(office.page)).getByRole('checkbox', { name: /darf Ergebnisse exportieren/ })
    expect(await exportSwitch.isChecked()).toBe(false)
    await exportSwitch.check()
    await screenshot(office.page, 'access-observer-export-switch.png')
    await closeLinks(office.page)
    await templates.getByRole('button', { name: 'Markdown', exact: true }).waitFor()
    await screenshot(observer, 'access-observer.png')
    await observer.keyboard.press('Escape')

    // Only their own link, nothing to replace; no deleting in the menu.
    const own = await openLinks(observer, 'Links zu diesem Board')
    expect(await own.locator('.nws-link-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-role')))).toEqual(['observer'])
    expect(await own.getByRole('button', { name: /Neuen Link erzeugen/ }).count()).toBe(0)
    await closeLinks(observer)
    await observer.getByTestId('main-menu.button').click()
    await observer.getByRole('menuitem', { name: 'Zur Startseite' }).waitFor()
    expect(await observer.getByRole('menuitem', { name: 'Board löschen' }).count()).toBe(0)
    await observer.keyboard.press('Escape')

    // The connected websocket carried the token in its handshake's headers, not in its URL; nor
    // did any request line carry a token, the writer secret or the typed code (a proxy's access
    // log keeps those; the code goes in the fragment and the redeeming POST's body).
    expect(sockets.length).toBeGreaterThan(0)
    const writer = await observer.evaluate(() => localStorage.getItem('netzwerkstatt:writer'))
    const secrets = [...Object.values(links).map(tokenOf), ...(writer ? [writer] : []), observerCode, observerCode.replace(/-/g, '')]
    expect(requests.filter((url) => secrets.some((secret) => url.includes(secret))), 'a token in a request line').toEqual([])
    for (const p of [office, typist]) expect(p.problems).toEqual([])
  })

  it('no board link of any role leaves its key in the address or the history; a reload opens the same role, beside a tab on another board; a link pasted into the tab takes over', { timeout: hang(120_000) }, async () => {
    // The office's browser knows the facilitator's link: without the tab's own key a reload would open that.
    const { person: office, boardId, links } = await theOffice()
    const current = SharedLinks.parse(await (await apiFetch(suite.relay, `/api/boards/${boardId}/links`, { headers: { authorization: `Bearer ${tokenOf(links.facilitator)}` } })).json())
    const tokensOfJ = [...Object.values(links).map(tokenOf), current.participant!.token, current.observer!.token]
    await expectNoKeyInAddress(office.page, tokensOfJ)
    const other = await createBoard(suite.relay, 'Fachtag')
    const participantTab = await office.context.newPage()
    await openBoardPage(participantTab, `${suite.relay.httpUrl}/b/${boardId}#${current.participant!.token}`)
    expect(new URL(participantTab.url()).pathname).toBe(`/b/${boardId}`)
    await expectNoKeyInAddress(participantTab, tokensOfJ)
    const otherTab = await office.context.newPage()
    await openBoardPage(otherTab, boardPageUrl(suite.relay, other, 'observer'))
    expect(new URL(otherTab.url()).pathname).toBe(`/b/${other.id}`)
    await expectNoKeyInAddress(otherTab, Object.values(other.access))

    for (const tab of [participantTab, otherTab]) {
      await tab.reload()
      await tab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
      await tab.waitForFunction(() => window.__netzwerkstatt?.editor !== undefined)
    }
    expect(await openedRole(participantTab), 'the participant tab after its reload').toBe('participant')
    expect(await openedRole(otherTab), 'the observer tab after its reload').toBe('observer')
    await expectNoKeyInAddress(participantTab, [...tokensOfJ, ...Object.values(other.access)])

    // The read-only link pasted into the participant's tab: only the fragment changes, the page opens anew.
    await participantTab.goto(`${suite.relay.httpUrl}/b/${boardId}#${current.observer!.token}`)
    await participantTab.waitForFunction(() => window.__netzwerkstatt?.editor.getIsReadonly() === true, undefined, { timeout: hang(20_000) })
    await participantTab.locator('.nws-status[data-state="connected"]').waitFor({ timeout: hang(20_000) })
    await expectNoKeyInAddress(participantTab, tokensOfJ)
    for (const tab of [participantTab, otherTab]) await tab.close()
    expect(office.problems).toEqual([])
  })

  it("the CSP still refuses a page script's request to another origin (the second wall)", { timeout: hang(60_000) }, async () => {
    const { person: office, links } = await theOffice()
    expect(office.problems).toEqual([])
    const reachedNetwork: string[] = []
    await office.context.route('https://cdn.tldraw.com/**', (route) => {
      reachedNetwork.push(route.request().url())
      return route.fulfill({ status: 200, body: '' })
    })
    // What tldraw's licence check does for an evaluation or watermarked key: the address to its CDN.
    const outcome = await office.page.evaluate(async () => {
      const refused: string[] = []
      const bothRefused = new Promise<void>((resolve) =>
        document.addEventListener('securitypolicyviolation', (event) => {
          refused.push(`${event.effectiveDirective} ${event.blockedURI}`)
          if (refused.length === 2) resolve()
        }),
      )
      const url = `https://cdn.tldraw.com/watermarks/watermark-track.svg?url=${encodeURIComponent(window.location.href)}`
      const fetched = await fetch(url).then(
        () => 'sent',
        () => 'refused',
      )
      const image = await new Promise<string>((resolve) => {
        const img = new Image()
        img.onload = () => resolve('loaded')
        img.onerror = () => resolve('refused')
        img.src = url
      })
      await bothRefused
      return { fetched, image, refused, href: window.location.href }
    })
    await office.context.unroute('https://cdn.tldraw.com/**')
    // The refusals this test provoked are no problem of the page's.
    office.problems.splice(0)
    expect(outcome.fetched).toBe('refused')
    expect(outcome.image).toBe('refused')
    expect(outcome.refused.some((r) => r.startsWith('connect-src https://cdn.tldraw.com'))).toBe(true)
    expect(outcome.refused.some((r) => r.startsWith('img-src https://cdn.tldraw.com'))).toBe(true)
    expect(reachedNetwork).toEqual([])
    // And had it gone out, it would have carried no key.
    for (const link of Object.values(links)) expect(outcome.href).not.toContain(tokenOf(link))
  })

  it('the projector laptop, holding only the facilitator link, shows the same code as the office without throwing anyone off', { timeout: hang(120_000) }, async () => {
    const { person: office, links } = await theOffice()
    const { code: officeCode } = await showJoinScreen(office.page)
    await closeJoinScreen(office.page)
    const scanner = await theScanner()
    const projector = await theProjector()
    const { page } = projector
    // The board was made elsewhere: the projector learns the links to pass on from the relay.
    await openLinks(page)
    await expect.poll(() => tokenIn(page, 'participant')).toBe(boardAndToken(links.participant))
    const { code: projectorCode } = await showJoinScreen(page)
    // The same code as on the office laptop: showing it here ends nothing there.
    expect(projectorCode).toBe(officeCode)
    expect(await joinScreen(page).textContent()).not.toContain('nicht bekannt')
    await screenshot(page, 'second-device-join-view.png')
    await page.setViewportSize({ width: 1366, height: 768 })
    await screenshot(page, 'second-device-join-view-1366.png')
    await page.setViewportSize(fullHd)
    await closeJoinScreen(page)
    await screenshot(await openLinks(page), 'second-device-links.png')
    await closeLinks(page)
    expect(await scanner.page.locator('.nws-status').getAttribute('data-state')).toBe('connected')
    for (const p of [office, scanner, projector]) expect(p.problems).toEqual([])
  })

  it('a participant link replaced on the projector stops the page open with it at once, moves the office’s open join screen on to a code for the new link, and is the link every device shows next', { timeout: hang(180_000) }, async () => {
    const { person: office, boardId, links } = await theOffice()
    // The office laptop's join screen stays up (it is the one on the projector today). It asks the
    // relay again every 15 seconds; the page's clock, from the screen's opening on, lets the test
    // move those seconds on instead of waiting them out.
    await closeJoinScreen(office.page)
    await office.page.clock.install()
    const { code: oldCode } = await showJoinScreen(office.page)
    const scanner = await theScanner()
    const projector = await theProjector()
    const panel = await openLinks(projector.page)
    const row = panel.locator('.nws-link-row[data-role="participant"]')
    await expect.poll(() => tokenIn(projector.page, 'participant')).toBe(boardAndToken(links.participant))
    await row.getByRole('button', { name: 'Link „Teilnehmende“: Neuen Link erzeugen' }).click()
    await row.getByText(/funktioniert dann sofort nicht mehr/).waitFor()
    await screenshot(projector.page, 'access-rotate.png')
    await row.getByRole('button', { name: 'Ja, neuen Link erzeugen' }).click()
    // Done once it says so: until then the panel may still show the old link.
    await row.getByText(/Neuer Link erzeugt/).waitFor()
    const newLink = await linkIn(projector.page, 'participant').inputValue()
    expect(newLink).toMatch(new RegExp(`^${suite.relay.httpUrl}/b/${boardId}#[A-Za-z0-9_-]{32}$`))
    expect(boardAndToken(newLink)).not.toBe(boardAndToken(links.participant))
    // It opens the board as a participant (the relay's side: test/integration/access.test.ts).
    const asNew = await apiFetch(suite.relay, `/api/boards/${boardId}`, { headers: { authorization: `Bearer ${tokenOf(newLink)}` } })
    expect(await asNew.json()).toMatchObject({ role: 'participant' })

    // The participant page open with the old link learns it from the relay (4401) and stops.
    await scanner.page.getByRole('heading', { name: 'Link ungültig oder ersetzt' }).waitFor({ timeout: hang(15_000) })
    await screenshot(scanner.page, 'access-link-replaced.png')
    const socketsAfterRefusal = await scanner.sockets()
    expect(socketsAfterRefusal).toBeGreaterThan(0)
    // No new socket once the page's clock is moved past the retry pause (about two seconds, at most 2.5).
    await scanner.page.clock.fastForward(5_000)
    expect(await scanner.sockets(), 'the refused page tried again').toBe(socketsAfterRefusal)

    // The office's open join screen moves on to a code for the new link by itself, when it next asks.
    const shownCode = async () => (await office.page.locator('.nws-join__code').textContent())?.replace(/^.*: /, '')
    expect(await shownCode()).toBe(oldCode)
    await office.page.clock.fastForward(15_000)
    await expect.poll(shownCode).not.toBe(oldCode)
    const redeemed = await apiFetch(suite.relay, joinRedeemPath, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: await shownCode() }),
    })
    expect(((await redeemed.json()) as { token: string }).token, 'the new code stands for the new link').toBe(tokenOf(newLink))
    // And the office's links panel shows the new link, not the dead one.
    await closeJoinScreen(office.page)
    await closeLinks(office.page)
    await openLinks(office.page)
    await expect.poll(() => tokenIn(office.page, 'participant')).toBe(boardAndToken(newLink))
    await closeLinks(office.page)
    // The projector's browser keeps the new link for its next visit.
    const kept = await projector.page.evaluate(
      ({ key, id }) => (JSON.parse(localStorage.getItem(key) ?? '[]') as Array<{ id: string; tokens: Record<string, string> }>).find((b) => b.id === id)?.tokens.participant,
      { key: recentBoardsKey, id: boardId },
    )
    expect(kept).toBe(tokenOf(newLink))
    for (const p of [office, projector, scanner]) expect(p.problems).toEqual([])
  })

  it('says what went wrong in the page language, never in the server’s English', { timeout: hang(60_000) }, async () => {
    const { person: office } = await theOffice()
    const { page } = office
    await closeJoinScreen(page)
    await closeLinks(page)
    const unavailable = { status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'storage is unavailable' }) }
    await page.route('**/api/boards/*/join-code', (route) => route.fulfill(unavailable))
    await page.route('**/api/boards/*/links', (route) => route.fulfill(unavailable))
    try {
      await openLinks(page)
      await page.getByRole('button', { name: 'Beitreten-Ansicht für den Beamer' }).click()
      const alert = joinScreen(page).getByRole('alert')
      await alert.waitFor()
      expect(await alert.textContent()).not.toContain('storage')
      expect(await alert.textContent()).toContain('Server')
    } finally {
      await page.unroute('**/api/boards/*/join-code')
      await page.unroute('**/api/boards/*/links')
    }
    await closeJoinScreen(page)
    await closeLinks(page)
  })

  let english: Promise<Person> | undefined
  /** An English facilitator on a board made on the start page, its links panel not opened yet. */
  const theEnglishFacilitator = () =>
    (english ??= (async () => {
      const p = await suite.person({ keep: true, locale: 'en-GB' })
      await createOnStartPage(p.page, 'Founding workshop single parents', { title: 'Title', create: 'Create board' })
      return p
    })())

  it('keeps the link just replaced when an answer about the links, asked for before, arrives after it', { timeout: hang(90_000) }, async () => {
    const { page } = await theEnglishFacilitator()
    // The panel asks the relay for the links as it opens; that answer is held until the link is replaced.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let answered!: () => void
    const delivered = new Promise<void>((resolve) => (answered = resolve))
    await page.route(/\/api\/boards\/[^/]+\/links$/, async (route) => {
      if (route.request().method() !== 'GET') return route.continue()
      const answer = await route.fetch()
      await held
      await route.fulfill({ response: answer })
      answered()
    })
    const panel = await openLinks(page, 'Links to this board')
    const link = linkIn(page, 'participant')
    const token = async () => new URL(await link.inputValue()).hash
    const oldToken = await token()
    const row = panel.locator('.nws-link-row[data-role="participant"]')
    await row.getByRole('button', { name: /Make a new link$/ }).click()
    await row.getByRole('button', { name: 'Yes, make a new link' }).click()
    await expect.poll(token).not.toBe(oldToken)
    const newToken = await token()
    // The held answer is not in yet: the panel does not know yet that only this computer reaches it.
    expect(await panel.locator('[data-reach-warning]').count()).toBe(0)
    release()
    await delivered
    // Now it is: the warning that comes with it shows, and the link is still the new one.
    await panel.locator('[data-reach-warning]').waitFor()
    expect(await token()).toBe(newToken)
    await page.unroute(/\/api\/boards\/[^/]+\/links$/)
    await closeLinks(page)
  })

  it('reads the same in English', { timeout: hang(60_000) }, async () => {
    const facilitator = await theEnglishFacilitator()
    const { page } = facilitator
    await openLinks(page, 'Links to this board')
    await page.getByRole('button', { name: 'Join screen for the projector' }).click()
    await page.locator('[data-join-link]').waitFor()
    expect(await joinScreen(page).locator('[data-reach-warning]').textContent()).toContain('Only this computer')
    await screenshot(page, 'join-screen-en-1440.png')
    await page.setViewportSize(fullHd)
    await screenshot(page, 'join-screen-en-1920.png')
    expect(facilitator.problems).toEqual([])
  })
})
