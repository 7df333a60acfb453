/** An instant as read from either dialect: PostgreSQL gives a Date, SQLite Unix seconds. */
export function readInstant(value: Date | number): Date {
  return value instanceof Date ? value : new Date(value * 1000)
}

export function readOptionalInstant(value: Date | number | null): Date | null {
  return value === null ? null : readInstant(value)
}

/** A boolean as read from either dialect: PostgreSQL gives a boolean, SQLite 0/1. */
export function readFlag(value: boolean | number): boolean {
  return value === true || value === 1
}

/** Counts and sums: pg returns bigint/numeric as strings. */
export function readNumber(value: number | string | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value)
}
