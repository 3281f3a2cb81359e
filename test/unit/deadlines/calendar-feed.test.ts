// iCalendar text (RFC 5545): CRLF, folding at 75 octets, TEXT escaping, UTC times.
import assert from 'node:assert/strict';
import { buildCalendar, escapeText, foldLine, icsUtc } from '../../../server/deadlines/calendar-feed.js';

describe('calendar feed text (RFC 5545)', () => {
  const now = new Date('2026-10-24T12:00:00Z');
  const ics = buildCalendar(
    [
      {
        uid: '6650f0c2a1b2c3d4e5f60718-authority@meldpunt',
        sequence: 2,
        start: new Date('2026-10-25T01:30:00.000Z'),
        durationMinutes: 30,
        summary: 'Termijn: Melding aan de AP – DL-2026-0007; ook, dit\\dat',
        description:
          'Openen in Meldpunt: https://meldpunt.example/incidents/6650f0c2a1b2c3d4e5f60718\nregel twee',
        url: 'https://meldpunt.example/incidents/6650f0c2a1b2c3d4e5f60718',
        alarmMinutes: 60,
      },
    ],
    { name: 'Meldpunt-termijnen', now, lang: 'nl' },
  );

  it('when built, then every line ends in CRLF and none is longer than 75 octets', () => {
    assert.ok(ics.endsWith('\r\n'));
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      assert.ok(!line.includes('\n') && !line.includes('\r'), `bare line break in ${JSON.stringify(line)}`);
      assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
    }
  });

  it('when unfolded, then it has the calendar and event fields with UTC times and escaped text', () => {
    const unfolded = ics.replace(/\r\n /g, '');
    const lines = unfolded.split('\r\n');
    assert.equal(lines[0], 'BEGIN:VCALENDAR');
    assert.ok(lines.includes('VERSION:2.0'));
    assert.ok(lines.some((l) => l.startsWith('PRODID:')));
    assert.ok(lines.includes('UID:6650f0c2a1b2c3d4e5f60718-authority@meldpunt'));
    assert.ok(lines.includes('SEQUENCE:2'));
    assert.ok(lines.includes('DTSTAMP:20261024T120000Z'));
    assert.ok(lines.includes('DTSTART:20261025T013000Z'));
    assert.ok(lines.includes('DURATION:PT30M'));
    assert.ok(lines.includes('SUMMARY:Termijn: Melding aan de AP – DL-2026-0007\\; ook\\, dit\\\\dat'));
    assert.ok(
      lines.includes(
        'DESCRIPTION:Openen in Meldpunt: https://meldpunt.example/incidents/6650f0c2a1b2c3d4e5f60718\\nregel twee',
      ),
    );
    assert.ok(lines.includes('TRIGGER:-PT60M'));
    assert.equal(lines.filter((l) => l === 'BEGIN:VEVENT').length, 1);
    assert.equal(lines.at(-2), 'END:VCALENDAR');
  });

  it('when a line has multi-byte characters at the fold, then no character is split', () => {
    const folded = foldLine(`SUMMARY:${'é'.repeat(80)}`);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.equal(folded.replace(/\r\n /g, ''), `SUMMARY:${'é'.repeat(80)}`);
    assert.ok(!folded.includes('\uFFFD'));
  });

  it('when text has control characters, then they are dropped; times are written in UTC basic format', () => {
    assert.equal(escapeText('a\u0007b'), 'ab');
    assert.equal(icsUtc(new Date('2026-03-29T01:00:00.000Z')), '20260329T010000Z');
  });
});
