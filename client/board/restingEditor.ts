/**
 * A board at rest asks for no frames. tldraw's editor runs a tick on every animation frame for as
 * long as it is mounted, also when nothing moves: on a desktop about a tenth of a core per open
 * board, more on a phone lying on the table through a three-hour workshop, and on the wall all day.
 * Here the tick loop pauses once the editor has been at rest for a few frames, and starts again with
 * the first thing that needs it: an input event (a pointer move waits for a tick to be handled), or
 * anything that listens to ticks or frames (a camera animation, following someone, a fading laser,
 * an animated shape).
 *
 * It leans on tldraw's tick manager, which tldraw keeps internal: if a new version no longer has the
 * parts used here, the board simply keeps ticking as before (and test/browser/boardChrome's check
 * that a resting board asks for no frames says so).
 */
import type { Editor } from 'tldraw'

interface TickManager {
  isPaused: boolean
  cancelRaf?: () => void
  start(): void
}

/** Frames at rest before the loop pauses: long enough for a pointer's speed to settle to zero. */
const restingFrames = 30

type Listen = Editor['on']

export function letEditorRest(editor: Editor): () => void {
  const ticks = (editor as unknown as { _tickManager?: Partial<TickManager> })._tickManager
  if (!ticks || typeof ticks.start !== 'function' || typeof ticks.isPaused !== 'boolean') return () => {}
  const manager = ticks as TickManager

  let still = 0
  // What tldraw itself listens with (and this, added below); anything beyond it needs the loop.
  let base = { tick: editor.listenerCount('tick') + 1, frame: editor.listenerCount('frame') }
  const wake = () => {
    still = 0
    if (manager.isPaused) manager.start()
  }
  const scribbling = () =>
    editor.getInstanceState().scribbles.length > 0 || ((editor.scribbles as unknown as { sessions?: Map<string, unknown> }).sessions?.size ?? 0) > 0
  const atRest = () =>
    editor.getPath().endsWith('.idle') &&
    editor.listenerCount('tick') <= base.tick &&
    editor.listenerCount('frame') <= base.frame &&
    editor.inputs.getPointerVelocity().len() === 0 &&
    !scribbling()
  const onTick = () => {
    // What tldraw always listens with is the fewest listeners seen: one of its own that only passes
    // (an animation at mount) then no longer counts as permanent.
    base = { tick: Math.min(base.tick, editor.listenerCount('tick')), frame: Math.min(base.frame, editor.listenerCount('frame')) }
    if (!atRest()) return void (still = 0)
    if (++still < restingFrames) return
    // The tick manager schedules one more frame after its listeners; that one sees the pause and stops.
    manager.isPaused = true
    manager.cancelRaf?.()
  }
  editor.on('tick', onTick)

  const dispatch = editor.dispatch
  editor.dispatch = (info) => {
    wake()
    return dispatch.call(editor, info)
  }
  // The emitter's methods are generic over every event; only the event's name matters here.
  const listening = (listen: Listen): Listen =>
    function (this: Editor, event: string, ...rest: unknown[]) {
      if (event === 'tick' || event === 'frame') wake()
      return (listen as (...args: unknown[]) => Editor).call(this, event, ...rest)
    } as unknown as Listen
  const { on, addListener, once } = editor
  editor.on = listening(on)
  editor.addListener = listening(addListener)
  editor.once = listening(once)

  return () => {
    editor.off('tick', onTick)
    editor.dispatch = dispatch
    editor.on = on
    editor.addListener = addListener
    editor.once = once
    wake()
  }
}
