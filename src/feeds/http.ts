/**
 * Fetching a feed or a page from an address someone typed: http(s) only, a
 * deadline for the whole exchange (a response that never finishes is cut
 * off), a size limit on the body (also after decompression), at most a few
 * redirects, conditional requests (ETag / Last-Modified), and no connection
 * to a private, loopback or link-local address unless allowed: the address
 * is checked when the connection is made (each redirect's too), not only
 * when the name is first looked up.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';

export interface FetchOptions {
  /** The whole exchange, redirects included. Default 20 s. */
  timeoutMs?: number;
  /** Largest body taken, after decompression. Default 5 MB. */
  maxBytes?: number;
  /** Redirects followed. Default 5. */
  maxRedirects?: number;
  /** Connect to private, loopback and link-local addresses too (tests, an intranet). Default false. */
  allowPrivate?: boolean;
  /** From the last response: asked back so that an unchanged resource answers 304 with no body. */
  etag?: string;
  lastModified?: string;
  accept?: string;
  userAgent?: string;
  /** Abandons the request (the bot is stopping). */
  signal?: AbortSignal;
}

export const FETCH_DEFAULTS = { timeoutMs: 20_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export type Fetched =
  | { status: 200; url: string; body: Buffer; contentType: string; etag?: string; lastModified?: string }
  /** Not modified since the etag / last-modified given. */
  | { status: 304; url: string };

export type FetchFailure = 'refused' | 'timeout' | 'too-large' | 'redirects' | 'http' | 'network' | 'aborted';

export class FetchError extends Error {
  constructor(
    message: string,
    readonly failure: FetchFailure,
    /** The HTTP status, for failure 'http'. */
    readonly status?: number,
    /** What the server asked for with Retry-After (429, 503), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }

  /** Worth trying again later (as opposed to an address that will stay wrong). */
  get transient(): boolean {
    return this.failure === 'timeout' || this.failure === 'network' || (this.failure === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

/** May the bot connect to this IP address? Only ordinary public unicast addresses, unless private ones are allowed. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** dns.lookup, refusing names that resolve to an address the bot may not connect to. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const bad = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(new FetchError(`${hostname} resolves to a private or local address (${bad.address}); refused (FEEDS_ALLOW_PRIVATE=1 allows it)`, 'refused'), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The addresses a host name resolves to (the system's resolver, as fetching uses), within `timeoutMs`. */
export function resolveHost(hostname: string, timeoutMs = 5_000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer from DNS within ${timeoutMs} ms`), { code: 'ETIMEOUT' })), timeoutMs);
    dns.lookup(hostname, { all: true }, (err, addresses) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(addresses.map((a) => a.address));
    });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** Check an address before any connection: http(s), no credentials, and not a private literal IP. Throws FetchError. */
export function checkUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchError(`not a web address: ${raw.slice(0, 100)}`, 'refused');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(`only http and https addresses are fetched, not ${url.protocol}`, 'refused');
  if (url.username || url.password) throw new FetchError('addresses with a user name or password are not fetched', 'refused');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !allowPrivate && !isPublicAddress(host)) throw new FetchError(`${host} is a private or local address; refused (FEEDS_ALLOW_PRIVATE=1 allows it)`, 'refused');
  return url;
}

/** GET `url`, following redirects, within the options' bounds. Throws FetchError. */
export async function fetchBounded(raw: string, options: FetchOptions = {}): Promise<Fetched> {
  const o = { ...FETCH_DEFAULTS, ...options };
  const deadline = Date.now() + o.timeoutMs;
  let url = checkUrl(raw, !!o.allowPrivate);
  for (let hop = 0; ; hop++) {
    const r = await requestOnce(url, o, deadline);
    if ('location' in r) {
      if (hop >= o.maxRedirects) throw new FetchError(`more than ${o.maxRedirects} redirects`, 'redirects');
      url = checkUrl(new URL(r.location, url).href, !!o.allowPrivate);
      continue;
    }
    return r;
  }
}

type Hop = Fetched | { location: string };

function requestOnce(url: URL, o: FetchOptions & typeof FETCH_DEFAULTS, deadline: number): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const left = deadline - Date.now();
    if (left <= 0) return reject(new FetchError(`no complete answer within ${o.timeoutMs} ms`, 'timeout'));
    const headers: Record<string, string> = {
      accept: o.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
      'user-agent': o.userAgent ?? 'CyberPact feed reader',
    };
    if (o.etag) headers['if-none-match'] = o.etag;
    if (o.lastModified) headers['if-modified-since'] = o.lastModified;
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const fail = (e: FetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(e);
    };
    const succeed = (hop: Hop) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(hop);
    };
    const req = lib.get(url, { headers, lookup: guardedLookup(!!o.allowPrivate) }, (res) => {
      const status = res.statusCode ?? 0;
      if ([301, 302, 303, 307, 308].includes(status) && res.headers.location) {
        res.resume();
        return succeed({ location: res.headers.location });
      }
      if (status === 304) {
        res.resume();
        return succeed({ status: 304, url: url.href });
      }
      if (status !== 200) {
        res.resume();
        return fail(new FetchError(`HTTP ${status}`, 'http', status, parseRetryAfter(res.headers['retry-after'])));
      }
      const declared = Number(res.headers['content-length']);
      if (declared > o.maxBytes) return fail(new FetchError(`the body is larger than ${o.maxBytes} bytes (${declared})`, 'too-large'));
      const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
      const stream =
        encoding === 'gzip' || encoding === 'x-gzip'
          ? res.pipe(zlib.createGunzip())
          : encoding === 'deflate'
            ? res.pipe(zlib.createInflate())
            : encoding === 'br'
              ? res.pipe(zlib.createBrotliDecompress())
              : res;
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size > o.maxBytes) {
          if (stream !== res) stream.destroy();
          return fail(new FetchError(`the body is larger than ${o.maxBytes} bytes`, 'too-large'));
        }
        chunks.push(c);
      });
      stream.on('error', (e: Error) => fail(new FetchError(`the body could not be read: ${e.message}`, 'network')));
      stream.on('end', () => {
        const h = (k: string) => (typeof res.headers[k] === 'string' ? (res.headers[k] as string) : undefined);
        succeed({ status: 200, url: url.href, body: Buffer.concat(chunks), contentType: h('content-type') ?? '', etag: h('etag'), lastModified: h('last-modified') });
      });
      res.on('aborted', () => fail(new FetchError('the connection closed before the body was complete', 'network')));
    });
    const timer = setTimeout(() => fail(new FetchError(`no complete answer within ${o.timeoutMs} ms`, 'timeout')), left);
    const abort = () => fail(new FetchError('abandoned: the bot is stopping', 'aborted'));
    if (o.signal?.aborted) abort();
    o.signal?.addEventListener('abort', abort, { once: true });
    req.once('close', () => o.signal?.removeEventListener('abort', abort));
    req.on('error', (e: Error) => fail(e instanceof FetchError ? e : new FetchError(e.message, 'network')));
  });
}
