/** A seed for a stream of its own, mixed from any integers (FNV-1a over their 32-bit words). */
export function mixSeed(...parts: number[]): number {
  let hash = 0x811c9dc5
  for (const part of parts) {
    let word = part >>> 0
    for (let byte = 0; byte < 4; byte += 1) {
      hash = Math.imul(hash ^ (word & 0xff), 0x01000193) >>> 0
      word >>>= 8
    }
  }
  return hash
}

/**
 * A small deterministic pseudo-random generator (mulberry32): the same seed always gives the
 * same sequence, on every platform. Not for secrets.
 */
export class SeededRandom {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** `count` distinct elements of the list, in list order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const chosen: T[] = []
    let needed = Math.min(count, items.length)
    for (let index = 0; index < items.length && needed > 0; index += 1) {
      // Selection sampling (Knuth's algorithm S): each element kept with needed/remaining.
      if (this.next() * (items.length - index) < needed) {
        chosen.push(items[index] as T)
        needed -= 1
      }
    }
    return chosen
  }
}
