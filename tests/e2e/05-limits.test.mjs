// Request limits: oversized bodies, too many fields, bad encodings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client } from './lib.mjs';

let srv, c;
before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
});
after(async () => srv.stop());

const form = { 'content-type': 'application/x-www-form-urlencoded' };

test('an oversized form body is refused with 413 and a clear message', async () => {
  const body = 'username=' + 'a'.repeat(2 * 1024 * 1024);
  const r = await c.req('POST', '/login', { body, headers: form });
  assert.equal(r.status, 413);
  assert.match(r.text_, /quá lớn/);
});

test('an announced huge upload is refused before its body is read', async () => {
  // 100 MB announced (far over the 8 MiB upload limit), nothing sent: the 413 comes back at once
  const net = await import('node:net');
  const { port } = new URL(srv.base);
  const answer = await new Promise((resolve, reject) => {
    const s = net.connect(Number(port), '127.0.0.1', () => {
      s.write('POST /admin/import HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n' +
        'Content-Length: 100000000\r\n\r\n');
    });
    let data = '';
    s.on('data', (d) => { data += d; if (data.includes('\r\n\r\n')) { s.destroy(); resolve(data); } });
    s.on('error', reject);
    setTimeout(() => { s.destroy(); reject(new Error('no early answer')); }, 5000);
  });
  assert.match(answer, /^HTTP\/1\.1 413/);
});

test('too many fields: 413', async () => {
  const body = Array.from({ length: 500 }, (_, i) => `f${i}=1`).join('&');
  const r = await c.req('POST', '/login', { body, headers: form });
  assert.equal(r.status, 413);
});

test('too long a field: 413; too many query parameters: 413', async () => {
  const r = await c.req('POST', '/login', { body: 'username=' + 'x'.repeat(70 * 1024), headers: form });
  assert.equal(r.status, 413);
  const q = Array.from({ length: 300 }, (_, i) => `a${i}=1`).join('&');
  const g = await c.get('/?' + q);
  assert.equal(g.status, 413);
  const api = await c.get('/api/v1/units?' + q);
  assert.equal(api.status, 413);
  assert.equal(JSON.parse(api.text_).error.code, 'too_large');
});

test('invalid UTF-8 or bad escapes in a form: 400', async () => {
  let r = await c.req('POST', '/login', { body: 'username=%FF%FE&password=x', headers: form });
  assert.equal(r.status, 400);
  r = await c.req('POST', '/login', { body: 'username=%zz', headers: form });
  assert.equal(r.status, 400);
  r = await c.req('POST', '/login', { body: 'username=a%00b', headers: form });
  assert.equal(r.status, 400);
});

test('malformed multipart and unknown body types: 400', async () => {
  let r = await c.req('POST', '/login', { body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
  assert.equal(r.status, 400);
  r = await c.req('POST', '/login', { body: 'abc', headers: { 'content-type': 'multipart/form-data' } });
  assert.equal(r.status, 400);
  r = await c.req('POST', '/login', { body: '<x/>', headers: { 'content-type': 'application/xml' } });
  assert.equal(r.status, 400);
});

test('the server still answers after all that', async () => {
  assert.equal((await c.get('/healthz')).status, 200);
});
