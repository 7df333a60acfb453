import type { FastifyReply, FastifyRequest } from 'fastify'
import { formatUtc, formatWallClock } from '../lib/iso-dates.js'

/** Turns an instant into the response's datetime string. */
export type DatetimeWriter = (date: Date) => string

/**
 * Naive wall-clock time in the app timezone by default; the UTC `Z` form when the client
 * sends `Prefer: datetime=utc` (api-core.md §1.2).
 */
export function datetimeWriter(
  request: FastifyRequest,
  reply: FastifyReply,
  timeZone: string,
): DatetimeWriter {
  const prefer = String(request.headers.prefer ?? '')
  if (/(^|[,;\s])datetime=utc($|[,;\s])/i.test(prefer)) {
    void reply.header('Preference-Applied', 'datetime=utc')
    return formatUtc
  }
  return (date) => formatWallClock(date, timeZone)
}

/** Same, for null-able instants. */
export function optionalDatetime(write: DatetimeWriter, date: Date | null): string | null {
  return date === null ? null : write(date)
}
