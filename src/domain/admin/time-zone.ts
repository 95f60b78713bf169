/**
 * Calendar arithmetic in an IANA time zone without a library: the statistics' "today" and the daily
 * report's dates are the operator's, not the server's.
 */

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(instant: Date, zone: string): WallClock {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const value = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: value("year"), month: value("month"), day: value("day"), hour: value("hour"), minute: value("minute"), second: value("second") };
}

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function offsetAt(instant: Date, zone: string): number {
  const w = wallClock(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant the current day began in the zone (local midnight), e.g. for "new users today". */
export function startOfDay(now: Date, zone: string): Date {
  const w = wallClock(now, zone);
  const midnightAsUtc = Date.UTC(w.year, w.month - 1, w.day);
  // The offset at midnight can differ from the offset now (a DST change that day): settle on midnight's.
  let guess = midnightAsUtc - offsetAt(now, zone);
  guess = midnightAsUtc - offsetAt(new Date(guess), zone);
  return new Date(guess);
}

/** "2026-11-27": the zone's calendar date at that instant (report titles, once-a-day markers). */
export function localDate(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${String(w.month).padStart(2, "0")}-${String(w.day).padStart(2, "0")}`;
}

/** "14:03:27": the zone's wall-clock time (progress messages say when they were updated). */
export function clockTime(instant: Date, zone: string): string {
  const w = wallClock(instant, zone);
  return [w.hour, w.minute, w.second].map((n) => String(n).padStart(2, "0")).join(":");
}
