/** Re-renders every `ms` while `active`, so that a running countdown moves (plain React: the wall without canvas has no editor). */
import { useEffect, useState } from 'react'

export function useTicker(active: boolean, ms = 250) {
  const [, setTick] = useState(0)
  useEffect(() => {
    if (!active) return
    const id = setInterval(() => setTick((n) => n + 1), ms)
    return () => clearInterval(id)
  }, [active, ms])
}
