/**
 * Timer, current step and "Alle zu mir" between real y-websocket clients through the real relay:
 * the facilitator writes, participants read the same state, late joiners and reloads too.
 */
import { describe, expect, it } from 'vitest'
import { ServerTime } from '../../shared/access.ts'
import { facilitationKeys, facilitationMap } from '../../shared/board/facilitation.ts'
import { chooseStep, readCurrentStep } from '../../shared/board/entries/step.ts'
import { agendaSteps } from '../../shared/templates/steps.ts'
import { readSummon, summonField } from '../../shared/facilitation/summon.ts'
import { minute, pauseTimer, readTimer, remainingMs, setTimer, startTimer } from '../../shared/board/entries/timer.ts'
import { assignRole, readRoleAssignments, workshopField } from '../../shared/board/entries/roles.ts'
import { findInstances } from '../../shared/templates/catalogue.ts'
import { createBoard, relaySuite, type TestClient, until } from '../helpers/clients.ts'
import { recordsIn } from '../helpers/records.ts'
import { hang } from '../helpers/hang.ts'

describe('facilitation state between clients', () => {
  const suite = relaySuite()
  const connect = suite.connect
  const serverNow = async () => {
    const response = await fetch(`${suite.relay.httpUrl}/api/time`)
    expect(response.status).toBe(200)
    return ServerTime.parse(await response.json()).now
  }
  const map = (client: TestClient) => facilitationMap(client.doc)

  it('the relay tells its time', async () => {
    const before = Date.now()
    const now = await serverNow()
    // Same machine: the relay's clock is ours.
    expect(now).toBeGreaterThanOrEqual(before - 1000)
    expect(now).toBeLessThanOrEqual(Date.now() + 1000)
  })

  it('a timer and the current step reach every participant, and a late joiner', async () => {
    const board = await createBoard(suite.relay, 'Planspiel mit Timer', { template: 'planspiel' })
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)

    // Timer: set, start, and read the same remaining time on the other side.
    const started = await serverNow()
    const timer = startTimer(setTimer(5 * minute, started), started)
    map(facilitator).set(facilitationKeys.timer, timer)
    await until(participant.doc, () => readTimer(map(participant).get(facilitationKeys.timer)) !== undefined)
    const seen = readTimer(map(participant).get(facilitationKeys.timer))!
    expect(seen).toEqual(timer)
    const now = await serverNow()
    expect(remainingMs(seen, now)).toBe(remainingMs(timer, now))
    expect(remainingMs(seen, now)).toBeGreaterThan(4 * minute)

    // Pause: the participant's countdown stops where the facilitator's did.
    const paused = pauseTimer(timer, await serverNow())
    map(facilitator).set(facilitationKeys.timer, paused)
    await until(participant.doc, () => readTimer(map(participant).get(facilitationKeys.timer))?.startedAt === null)
    expect(readTimer(map(participant).get(facilitationKeys.timer))!.remainingAtPauseMs).toBe(paused.remainingAtPauseMs)

    // Step: one of the Planspiel's own steps.
    const shapes = recordsIn(facilitator.doc).filter((r) => r.typeName === 'shape')
    const [instance] = findInstances(shapes)
    const steps = agendaSteps(instance)
    expect(steps.map((s) => s.key)).toEqual(['step:intro', 'step:play', 'step:evaluation', 'step:next'])
    const step = chooseStep(instance.instance, 'step:play', await serverNow())
    map(facilitator).set(facilitationKeys.step, step)
    await until(participant.doc, () => readCurrentStep(map(participant).get(facilitationKeys.step)) !== undefined)
    expect(readCurrentStep(map(participant).get(facilitationKeys.step))).toEqual(step)

    // Roles, keyed by presence user id.
    const roles = assignRole({}, 'user:participant', { kind: 'organisation', name: 'Jobcenter' })
    map(facilitator).set(facilitationKeys.roles, roles)
    await until(participant.doc, () => map(participant).has(facilitationKeys.roles))
    expect(readRoleAssignments(map(participant).get(facilitationKeys.roles))).toEqual(roles)

    // Someone who opens the board later (or reloads) gets all of it from the suite.relay.
    const late = await connect(board.id, board.access.participant)
    expect(readTimer(map(late).get(facilitationKeys.timer))).toEqual(paused)
    expect(readCurrentStep(map(late).get(facilitationKeys.step))).toEqual(step)
    expect(readRoleAssignments(map(late).get(facilitationKeys.roles))).toEqual(roles)
  })

  it('an observer cannot start the timer: the relay drops its writes', async () => {
    const board = await createBoard(suite.relay, 'Beobachtet')
    const facilitator = await connect(board.id, board.access.facilitator)
    const observer = await connect(board.id, board.access.observer)
    const now = await serverNow()
    map(observer).set(facilitationKeys.timer, startTimer(setTimer(minute, now), now))
    // Sent after the write on the same socket: once it is through, the write was handled.
    observer.provider.awareness.setLocalStateField('marker', 1)
    await expect
      .poll(() => facilitator.provider.awareness.getStates().get(observer.doc.clientID)?.marker, { timeout: hang(5000) })
      .toBe(1)
    const third = await connect(board.id, board.access.participant)
    expect(map(third).has(facilitationKeys.timer)).toBe(false)
    expect(map(facilitator).has(facilitationKeys.timer)).toBe(false)
  })

  it('"Alle zu mir" and access roles travel in awareness, not in the doc', async () => {
    const board = await createBoard(suite.relay, 'Alle zu mir')
    const facilitator = await connect(board.id, board.access.facilitator)
    const participant = await connect(board.id, board.access.participant)
    const summon = { id: 's1', bounds: { x: 100, y: 200, w: 1200, h: 800 }, pageId: 'page:page', at: await serverNow() }
    facilitator.provider.awareness.setLocalStateField(workshopField, { role: 'facilitator' })
    facilitator.provider.awareness.setLocalStateField(summonField, summon)
    const theirState = () => participant.provider.awareness.getStates().get(facilitator.doc.clientID)
    await expect.poll(() => readSummon(theirState()?.[summonField]), { timeout: hang(5000) }).toEqual(summon)
    expect(theirState()?.[workshopField]).toEqual({ role: 'facilitator' })
    expect(map(participant).size).toBe(0)
  })
})
