/**
 * @module Time as a conference states it: in the host's time zone, with the zone named ("5 December 2022,
 * 10:02 (Asia/Ho_Chi_Minh, UTC+07:00)"), wherever a delegate reads it — the page, the PDF, Word — so that
 * delegates in twelve countries read one clock. Pure: Intl only, no I/O.
 */

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/** The offset of `timeZone` from UTC at `instant`, in minutes (Vietnam: +420). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000)
}

/**
 * The instant of a wall-clock time ("2022-09-20T18:00", seconds optional) in `timeZone`, or null when the text
 * is not such a time or the time does not exist there (skipped by a daylight-saving change).
 */
export function instantOfLocalTime(local: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(local)
  if (!match) return null
  const [year, month, day, hour, minute, second = 0] = match
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number?,
  ]
  if (hour > 23 || minute > 59 || second > 59) return null
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second)
  if (new Date(asUtc).getUTCDate() !== day || new Date(asUtc).getUTCMonth() !== month - 1) return null
  // Guess with the offset at the UTC reading, then correct once (enough for every real zone's changes).
  let instant = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000
  instant = asUtc - zoneOffsetMinutes(instant, timeZone) * 60_000
  return localTimeOf(instant, timeZone) === new Date(asUtc).toISOString().slice(0, 19) ? instant : null
}

/** The wall-clock time of an instant in `timeZone`, as "YYYY-MM-DDTHH:mm:ss". */
export function localTimeOf(instant: number, timeZone: string): string {
  const shifted = new Date(instant + zoneOffsetMinutes(instant, timeZone) * 60_000)
  return shifted.toISOString().slice(0, 19)
}

/** "20 September 2022, 18:00 (Asia/Ho_Chi_Minh, UTC+07:00)" — how the deadline is stated to delegations. */
export function describeInHostTime(instant: number, timeZone: string, locale = 'en-GB'): string {
  // Day and clock formatted apart: ICU versions join them differently ("…, 18:00", "… at 18:00").
  const wall = `${dayInHostTime(instant, timeZone, locale)}, ${hostClock(instant, timeZone, locale)}`
  const offset = zoneOffsetMinutes(instant, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = String(abs % 60).padStart(2, '0')
  return `${wall} (${timeZone}, UTC${sign}${hh}:${mm})`
}

/** "5 December 2022" — the day of an instant in the host's calendar. */
export function dayInHostTime(instant: number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(instant),
  )
}

/** "3 Dec, 10:02" — a moment of the conference, in the host's zone (for lists spanning days). */
export function hostMoment(instant: number, timeZone: string, locale = 'en-GB'): string {
  const day = new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(
    new Date(instant),
  )
  return `${day}, ${hostClock(instant, timeZone, locale)}`
}

/** "10:02" — a time of the conference's day, in the host's zone (for lists where the day is evident). */
export function hostClock(instant: number, timeZone: string, locale = 'en-GB'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant))
}
