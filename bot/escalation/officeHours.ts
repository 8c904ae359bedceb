/**
 * Support office hours (HANDOFF_OFFICE_HOURS, HANDOFF_TIMEZONE): outside them nobody takes a case,
 * so the user is told at once instead of after HANDOFF_WAIT_MINUTES.
 *
 * Format: comma- or semicolon-separated day ranges with one time range each, in 24-hour time,
 * in the configured IANA time zone (default UTC), for example
 *   "Mon-Fri 08:00-17:00"   or   "Mon-Thu 08:00-17:00; Fri 08:00-14:00"
 * Day names: English (Mon ... Sun) or German (Mo ... So). An end of 24:00 means midnight.
 */

const DAY_NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  so: 0,
  mo: 1,
  di: 2,
  mi: 3,
  do: 4,
  fr: 5,
  sa: 6,
};

interface Window {
  days: Set<number>;
  /** Minutes after midnight, start inclusive, end exclusive. */
  from: number;
  to: number;
}

export interface OfficeHours {
  /** As configured, for the user ("Mon-Fri 08:00-17:00 (Europe/Berlin)"). */
  text: string;
  timeZone: string;
  isOpen(at: Date): boolean;
}

export class OfficeHoursError extends Error {}

function minutes(value: string, allowMidnightEnd: boolean): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match) throw new OfficeHoursError(`"${value}" is not a time like 08:00`);
  const hours = Number(match[1]);
  const mins = Number(match[2]);
  if (mins > 59 || hours > 24 || (hours === 24 && (mins !== 0 || !allowMidnightEnd)))
    throw new OfficeHoursError(`"${value}" is not a valid time`);
  return hours * 60 + mins;
}

function day(name: string): number {
  const value = DAY_NAMES[name.toLowerCase().slice(0, 3)] ?? DAY_NAMES[name.toLowerCase()];
  if (value === undefined) throw new OfficeHoursError(`"${name}" is not a day name (Mon ... Sun)`);
  return value;
}

function parseWindow(part: string): Window {
  const match = /^([A-Za-z]{2,9})(?:\s*-\s*([A-Za-z]{2,9}))?\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(part.trim());
  if (!match) throw new OfficeHoursError(`"${part.trim()}" does not look like "Mon-Fri 08:00-17:00"`);
  const first = day(match[1]);
  const last = match[2] ? day(match[2]) : first;
  const days = new Set<number>();
  for (let current = first; ; current = (current + 1) % 7) {
    days.add(current);
    if (current === last) break;
  }
  const from = minutes(match[3], false);
  const to = minutes(match[4], true);
  if (to <= from) throw new OfficeHoursError(`"${part.trim()}": the end must be after the start (night shifts: two ranges)`);
  return { days, from, to };
}

export function checkTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format(0);
  } catch {
    throw new OfficeHoursError(`"${timeZone}" is not an IANA time zone such as Europe/Berlin`);
  }
}

/** Weekday (0 = Sunday) and minutes after midnight of `at` in the zone. */
function localTime(at: Date, timeZone: string): { weekday: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { weekday: day(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

export function parseOfficeHours(spec: string, timeZone = 'UTC'): OfficeHours {
  checkTimeZone(timeZone);
  const parts = spec.split(/[;,]/).filter((part) => part.trim());
  if (parts.length === 0) throw new OfficeHoursError('no day range given');
  const windows = parts.map(parseWindow);
  return {
    text: `${parts.map((part) => part.trim().replace(/\s+/g, ' ')).join(', ')} (${timeZone})`,
    timeZone,
    isOpen(at: Date): boolean {
      const { weekday, minute } = localTime(at, timeZone);
      return windows.some((window) => window.days.has(weekday) && minute >= window.from && minute < window.to);
    },
  };
}
