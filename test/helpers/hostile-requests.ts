// Generators of hostile requests for the hostile-input suite (issue 11): every route of the app,
// found by walking its router (so a new route is covered without touching the suite), with
// hostile path parameters, field names and values, in every content type the app might meet.
import { gzipSync } from 'node:zlib';
import type { Express } from 'express';
import fc from 'fast-check';

/** One route: its method and path pattern as registered (`/incidents/:id/notices`). */
export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every method and path the app's router serves. */
export function appRoutes(app: Express): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const m of Object.keys(layer.route.methods)) out.push({ method: m, path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

const HOSTILE_TEXT = [
  '%',
  '%FF',
  '%ZZ',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{#each this}}{{/each}}',
  '{{constructor.constructor}}',
  "' OR '1'='1",
  '{"$gt":""}',
  '$where',
  '__proto__',
  'constructor',
  '\u0000',
  '\u202e',
  '🙂'.repeat(50),
  '=1+1',
  'a'.repeat(5000),
  '',
  ' ',
  'null',
  'undefined',
  '-1',
  '1e309',
  '000000000000000000000000',
  'ffffffffffffffffffffffff',
];

const FIELD_NAMES = [
  '_csrf',
  'email',
  'password',
  'passwordRepeat',
  'name',
  'role',
  'language',
  'active',
  'next',
  'summary',
  'text',
  'subject',
  'body',
  'lang',
  'langName',
  'action',
  'status',
  'reason',
  'format',
  'year',
  'q',
  'page',
  'discoveredAt',
  'awarenessAt',
  'occurredAt',
  'postedOn',
  'publishedAt',
  'count',
  'handlerId',
  'justification',
  'file',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  '__proto__',
  'a[b][c][d][e][f][g]',
  'x[]',
];

/** A hostile string: from the list, or generated. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** The content types (and broken bodies) a request may come with. */
export const BODY_KINDS = [
  'form',
  'form-many',
  'json',
  'json-typed',
  'json-deep',
  'multipart',
  'multipart-truncated',
  'multipart-garbage',
  'gzip-bogus',
  'gzip-form',
  'charset',
  'encoding-unknown',
  'text',
  'none',
  'oversized',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

/** A generated hostile request, before the CSRF token and the path values are filled in. */
export interface HostileRequest {
  route: number;
  params: string[];
  fields: [string, string][];
  body: BodyKind;
  csrf: boolean;
  as: number;
  accept: 'html' | 'json';
  /** Query-string pairs; a repeated or bracketed name makes an array or an object. */
  query: [string, string][];
  /** Hostile request headers (cookies, languages, ranges, conditionals). */
  headers: [string, string][];
}

/** Hostile values for request headers the app or its libraries read. */
const HOSTILE_HEADERS: [string, string][] = [
  ['Accept-Language', '*;q=abc, nl-NL-x-%%%;q=2, ' + 'x,'.repeat(200)],
  ['Accept-Language', '\u00ff\u00fe;q=1e999, nl'],
  ['Accept', 'application/json;q=0, text/html;q=nope'],
  ['Range', 'bytes=99999999999-0'],
  ['Range', 'bytes=-1,-2,-3,' + '0-1,'.repeat(300)],
  ['If-None-Match', '*'],
  ['If-Modified-Since', 'not a date'],
  ['X-Forwarded-For', '999.1.1.1, ::ffff:zz, ' + '1.2.3.4,'.repeat(100)],
  ['X-Forwarded-Proto', 'gopher'],
  ['X-Csrf-Token', '%FF%'],
  ['Origin', 'null'],
  // Replaces the agent's cookies: forged session and CSRF cookies, in cookie-parser's JSON form too.
  ['Cookie', 'mp.sid=j%3A%7B%22a%22%3A1%7D; mp.csrf=j%3A%5B1%5D'],
  ['Cookie', 'mp.sid=s%3Aforged.c2lnbmF0dXJl; mp.csrf=%FF%'],
  ['Referer', '%'],
];

/** Requests over `routeCount` routes and `agentCount` identities. */
export function hostileRequests(routeCount: number, agentCount: number): fc.Arbitrary<HostileRequest> {
  return fc.record({
    route: fc.nat({ max: routeCount - 1 }),
    params: fc.array(
      fc.oneof({ weight: 2, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant('@real') }),
      { minLength: 3, maxLength: 3 },
    ),
    fields: fc.array(fc.tuple(fc.constantFrom(...FIELD_NAMES), hostileText), { maxLength: 8 }),
    body: fc.constantFrom(...BODY_KINDS),
    csrf: fc.boolean(),
    as: fc.nat({ max: agentCount - 1 }),
    accept: fc.constantFrom('html', 'json'),
    query: fc.array(
      fc.tuple(
        fc.constantFrom(
          ...FIELD_NAMES,
          'page',
          'page',
          'q',
          'year',
          'format',
          'next',
          'returnTo',
          'status',
          'sort',
          'lang',
        ),
        hostileText,
      ),
      { maxLength: 4 },
    ),
    headers: fc.subarray(HOSTILE_HEADERS, { maxLength: 2 }),
  });
}

/** The query string of a request (empty when there are no pairs); names and values half-encoded like paths. */
export function queryString(pairs: [string, string][]): string {
  if (!pairs.length) return '';
  const enc = (v: string) => (/^%|%[0-9A-Z]{0,2}$/.test(v) ? v : encodeURIComponent(v).replace(/%25/g, '%'));
  return `?${pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}`;
}

/** Field values of other JSON types: what a script, not a browser form, can send. */
const TYPED_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  [],
  ['a', 'b'],
  {},
  { $gt: '' },
  { toString: 'x' },
  [[[]]],
  { length: 1e9 },
];

/** Fills a path pattern: `@real` takes a real id when the parameter is one. */
export function fillPath(pattern: string, params: string[], real: Record<string, string>): string {
  let i = 0;
  return pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const v = params[i++ % params.length]!;
    if (v === '@real') return real[name] ?? 'x';
    // Half-encoded on purpose: a raw '%' makes malformed percent-encoding.
    return /^%|%[0-9A-Z]{0,2}$/.test(v) ? v : encodeURIComponent(v).replace(/%25/g, '%');
  });
}

/** The body bytes and headers for a kind. */
export function encodeBody(
  kind: BodyKind,
  fields: [string, string][],
): { headers: Record<string, string>; body?: Buffer | string } {
  const form = new URLSearchParams(fields).toString();
  const boundary = 'HostileBoundary7';
  const parts = fields
    .map(
      ([k, v]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '')}"\r\n\r\n${v}\r\n`,
    )
    .join('');
  switch (kind) {
    case 'form':
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form };
    case 'form-many':
      return {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${form}&${Array.from({ length: 1200 }, (_, i) => `p${i}=${i}`).join('&')}`,
      };
    case 'json':
      return {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(Object.fromEntries(fields)),
      };
    case 'json-typed':
      return {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(
          Object.fromEntries(
            fields.map(([k, v], i) => [
              k,
              k === '_csrf' ? v : TYPED_VALUES[(i + v.length) % TYPED_VALUES.length],
            ]),
          ),
        ),
      };
    case 'json-deep':
      return {
        headers: { 'Content-Type': 'application/json' },
        body: `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
      };
    case 'multipart':
      return {
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body: `${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 x\r\n--${boundary}--\r\n`,
      };
    case 'multipart-truncated':
      return {
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body: `${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF-1.4 trunc`,
      };
    case 'multipart-garbage':
      return {
        headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
        body: 'garbage\r\n--nope',
      };
    case 'gzip-bogus':
      return {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip' },
        body: 'not gzip',
      };
    case 'gzip-form':
      return {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Encoding': 'gzip' },
        body: gzipSync(form),
      };
    case 'charset':
      return { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=koi8-r' }, body: form };
    case 'encoding-unknown':
      return { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'x-bogus' }, body: '{}' };
    case 'text':
      return { headers: { 'Content-Type': 'text/plain' }, body: form };
    case 'oversized':
      return {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `x=${'a'.repeat(300_000)}`,
      };
    case 'none':
      return { headers: {} };
  }
}
