/**
 * How a backend's Storage is made of its parts, one per concern (`sqlite/`, `postgres/`): each
 * part's methods become the storage's own, bound to the part, so callers keep calling
 * `storage.loadDocument(…)` and every part keeps its own statements on the shared connection.
 * The backend class declares the parts' interfaces by declaration merging
 * (`interface SqliteStorage extends StorageConcerns {}`), as TypeScript's mixins do. A part keeps
 * its own helpers `#private`, so that only its interface's methods reach the storage.
 */
import type { StorageParts } from './Storage.ts'

export function composeParts(target: object, parts: StorageParts): void {
  for (const part of parts) {
    const prototype = Object.getPrototypeOf(part) as object
    for (const name of Object.getOwnPropertyNames(prototype)) {
      if (name === 'constructor') continue
      const method: unknown = Reflect.get(part, name)
      if (typeof method !== 'function') continue
      // Two parts with a method of one name would leave one of them unreachable. Writable and
      // configurable as a class's methods are: tests put stand-ins over them.
      if (name in target) throw new Error(`storage method ${name} is declared twice`)
      Object.defineProperty(target, name, { value: method.bind(part), writable: true, enumerable: false, configurable: true })
    }
  }
}
