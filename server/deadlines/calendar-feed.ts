// iCalendar (RFC 5545) text for the deadline feed: CRLF line ends, lines folded at 75 octets, TEXT
// values escaped, times in UTC. Pure; the caller decides which deadlines go in (never client data).
// Written here rather than with a calendar library: the feed needs six properties, and the library
// we tried (ical-generator) writes DTEND instead of DURATION, hour-based alarm triggers and no CRLF
// after the last line, so subscribed agendas would see every event change for no gain.

/** One deadline in the feed. */
export interface CalendarEvent {
  /** Stable per duty, so agendas update the event instead of adding a new one. */
  uid: string;
  /** Increases when the deadline changes (the assessment version). */
  sequence: number;
  start: Date;
  durationMinutes: number;
  summary: string;
  description: string;
  url: string;
  /** Reminders before the event, in minutes (none: no alarm). */
  alarmMinutes: number | readonly number[];
}

/** The feed's own fields. */
export interface CalendarMeta {
  name: string;
  now: Date;
  lang: 'nl' | 'en';
}

/** `20261025T013000Z`. */
export function icsUtc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/\p{Cc}/gu, '');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; continuation lines start with a space, so they hold 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The whole calendar as text with CRLF line ends. */
export function buildCalendar(events: readonly CalendarEvent[], meta: CalendarMeta): string {
  const stamp = icsUtc(meta.now);
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Meldpunt//Deadlines//${meta.lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(meta.name)}`,
    'X-WR-TIMEZONE:Europe/Amsterdam',
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsUtc(e.start)}`,
      `DURATION:PT${Math.max(1, Math.trunc(e.durationMinutes))}M`,
      `SUMMARY:${escapeText(e.summary)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `URL:${e.url}`,
      'TRANSP:TRANSPARENT',
    );
    for (const minutes of typeof e.alarmMinutes === 'number' ? [e.alarmMinutes] : e.alarmMinutes) {
      if (minutes > 0)
        lines.push(
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${escapeText(e.summary)}`,
          `TRIGGER:${alarmTrigger(minutes)}`,
          'END:VALARM',
        );
    }
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** An alarm's offset before the event (RFC 5545 duration): whole days as days, else minutes. */
function alarmTrigger(minutes: number): string {
  const m = Math.trunc(minutes);
  return m % 1440 === 0 ? `-P${m / 1440}D` : `-PT${m}M`;
}
