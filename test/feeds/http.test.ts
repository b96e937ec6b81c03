import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { FetchError, fetchBounded, isPublicAddress, parseRetryAfter, resolveHost } from '../../src/feeds/http';

describe('bounded fetching', () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        return void res.end(zlib.gzipSync(Buffer.alloc(3_000_000, 'a')));
      }
      if (req.url === '/to-ftp') return void res.writeHead(302, { location: 'ftp://127.0.0.1/x' }).end();
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"' }).end('hello');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('only ordinary public unicast addresses are public', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fc00::1', '::ffff:127.0.0.1', '224.0.0.1', 'not an ip'])
      expect([a, isPublicAddress(a)]).toEqual([a, false]);
    for (const a of ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:93.184.216.34']) expect([a, isPublicAddress(a)]).toEqual([a, true]);
  });

  it('a name that resolves to a loopback address is refused when the connection is made (not only a literal address)', async () => {
    await expect(fetchBounded(`http://localhost:${port}/`)).rejects.toMatchObject({ failure: 'refused', message: expect.stringContaining('resolves to a private or local address') });
    await expect(fetchBounded(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({ failure: 'refused' });
    await expect(fetchBounded(`http://[::1]:${port}/`)).rejects.toMatchObject({ failure: 'refused' });
    expect(await fetchBounded(`http://localhost:${port}/`, { allowPrivate: true })).toMatchObject({ status: 200, etag: '"v1"' });
  });

  it('http and https only, before and after a redirect; no user names in addresses', async () => {
    await expect(fetchBounded('file:///etc/passwd')).rejects.toMatchObject({ failure: 'refused' });
    await expect(fetchBounded(`http://127.0.0.1:${port}/to-ftp`, { allowPrivate: true })).rejects.toMatchObject({ failure: 'refused', message: expect.stringContaining('only http and https') });
    await expect(fetchBounded(`http://user:pw@127.0.0.1:${port}/`, { allowPrivate: true })).rejects.toBeInstanceOf(FetchError);
  });

  it('the size limit holds after decompression (a small gzip body of 3 MB)', async () => {
    await expect(fetchBounded(`http://127.0.0.1:${port}/gzip`, { allowPrivate: true, maxBytes: 1_000_000 })).rejects.toMatchObject({ failure: 'too-large' });
    const ok = await fetchBounded(`http://127.0.0.1:${port}/gzip`, { allowPrivate: true });
    expect(ok.status === 200 && ok.body.length).toBe(3_000_000);
  });

  it('resolves a name as fetching does, and says when it cannot', async () => {
    expect(await resolveHost('127.0.0.1')).toEqual(['127.0.0.1']);
    expect(await resolveHost('localhost')).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
    await expect(resolveHost('no-such-host.invalid')).rejects.toMatchObject({ code: expect.stringMatching(/ENOTFOUND|EAI_AGAIN/) });
  });

  it('Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
