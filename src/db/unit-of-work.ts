import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely } from 'kysely'
import type { Database } from './tables.js'

interface Unit {
  trx: Kysely<Database>
  /** Run in order inside the transaction after the work, before commit; may add more. */
  beforeCommit: Array<() => Promise<void>>
  /** Run in order once the transaction has committed. */
  afterCommit: Array<() => void>
  /** Per-unit state of the collaborators that join it (see `local`). */
  locals: Map<object, unknown>
}

/**
 * One transaction per service operation, joined by every repository it calls.
 *
 * `db` is the Kysely every repository is built with: inside `run` it is the unit's
 * transaction (found through AsyncLocalStorage), outside it is the pool. So a service makes
 * its repository calls and the events it raises (events/event-outbox.ts) atomic by wrapping
 * them in `run`, without passing a transaction through every signature — and no repository
 * can reach past the transaction to the one SQLite connection it holds (which would wait
 * for itself forever).
 */
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<Unit>()
  readonly db: Kysely<Database>

  constructor(private readonly root: Kysely<Database>) {
    const storage = this.storage
    this.db = new Proxy(root, {
      get(target, property) {
        const current = storage.getStore()?.trx ?? target
        const value: unknown = Reflect.get(current, property, current)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value
      },
    })
  }

  /** True inside `run`. */
  get active(): boolean {
    return this.storage.getStore() !== undefined
  }

  /**
   * Runs `work` in one transaction: committed when it resolves (after the before-commit
   * hooks), rolled back when it or a hook throws; after-commit hooks run only after a
   * commit. Called inside a unit already, it joins that unit.
   */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active) return work()
    const unit: Unit = { trx: this.root, beforeCommit: [], afterCommit: [], locals: new Map() }
    const result = await this.root.transaction().execute((trx) => {
      unit.trx = trx
      return this.storage.run(unit, async () => {
        const value = await work()
        for (let i = 0; i < unit.beforeCommit.length; i++) await unit.beforeCommit[i]?.()
        return value
      })
    })
    for (const hook of unit.afterCommit) hook()
    return result
  }

  /** Registers `hook` to run inside the current unit, before it commits. */
  beforeCommit(hook: () => Promise<void>): void {
    this.current().beforeCommit.push(hook)
  }

  /** Registers `hook` to run after the current unit commits (never if it rolls back). */
  afterCommit(hook: () => void): void {
    this.current().afterCommit.push(hook)
  }

  /**
   * State that `owner` keeps for the current unit, created on first use: `created` is true
   * the first time, so the owner can register its hooks once per unit.
   */
  local<T>(owner: object, create: () => T): { value: T; created: boolean } {
    const unit = this.current()
    if (unit.locals.has(owner)) return { value: unit.locals.get(owner) as T, created: false }
    const value = create()
    unit.locals.set(owner, value)
    return { value, created: true }
  }

  private current(): Unit {
    const unit = this.storage.getStore()
    if (!unit) throw new Error('not inside UnitOfWork.run')
    return unit
  }
}
