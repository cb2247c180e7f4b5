// Public pages and API: search folding, unit pages, errors, caching, headers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy } from './lib.mjs';

let srv, c;
before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
});
after(async () => srv.stop());

test('healthz answers ok when the database answers', async () => {
  const r = await c.get('/healthz');
  assert.equal(r.status, 200);
  assert.equal(r.text_, 'ok\n');
});

test('home lists the 34 provinces and passes tidy', async () => {
  const r = await c.get('/');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/html; charset=utf-8/);
  assert.equal((r.text_.match(/<li><a href="\/units\/\d\d">/g) || []).length, 34);
  assert.match(r.text_, /Thành phố Hồ Chí Minh/);
  assert.match(r.text_, /<html lang="vi">/);
  tidy(r.text_, 'home');
});

test('search folds case and diacritics on the home page', async () => {
  for (const q of ['luc ngan', 'Lục Ngạn', 'LỤC NGẠN', 'xa luc ngan']) {
    const r = await c.get('/?q=' + encodeURIComponent(q));
    assert.equal(r.status, 200);
    assert.match(r.text_, /href="\/units\/07582">Xã Lục Ngạn</, `query ${q}`);
  }
  const d = await c.get('/?q=' + encodeURIComponent('da nang'));
  assert.match(d.text_, /Thành phố Đà Nẵng/, 'đ matches d');
  const none = await c.get('/?q=zzzzqqq');
  assert.match(none.text_, /Không tìm thấy kết quả nào/);
  tidy(none.text_, 'search');
});

test('search input is escaped', async () => {
  const r = await c.get('/?q=' + encodeURIComponent('<script>alert(1)</script>"'));
  assert.equal(r.status, 200);
  assert.ok(!r.text_.includes('<script>alert(1)'), 'raw script echoed');
  assert.match(r.text_, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;/);
});

test('a commune page shows its place, children and counts', async () => {
  const r = await c.get('/units/09187');
  assert.equal(r.status, 200);
  assert.match(r.text_, /<h1>Phường Kinh Bắc<\/h1>/);
  assert.match(r.text_, /href="\/units\/24">Tỉnh Bắc Ninh</);
  assert.match(r.text_, /Tổ dân phố số 1/);
  assert.match(r.text_, /Hộ gia đình/);
  assert.ok(!r.text_.includes('Danh sách hộ gia đình'), 'anonymous sees no household link');
  tidy(r.text_, 'unit');
  const p = await c.get('/units/24');
  assert.match(p.text_, /Đơn vị trực thuộc \((10[0-9])\)/);
});

test('unknown unit: readable Vietnamese 404 page', async () => {
  const r = await c.get('/units/99999');
  assert.equal(r.status, 404);
  assert.match(r.text_, /Không tìm thấy/);
  tidy(r.text_, '404');
  const n = await c.get('/no/such/page');
  assert.equal(n.status, 404);
});

test('API: units list with filters, paging and folding', async () => {
  let r = await c.get('/api/v1/units?kind=province&limit=10');
  assert.equal(r.status, 200);
  let j = JSON.parse(r.text_);
  assert.equal(j.total, 34);
  assert.equal(j.items.length, 10);
  assert.ok(j.next);
  const seen = new Set(j.items.map((u) => u.code));
  while (j.next) {
    r = await c.get(`/api/v1/units?kind=province&limit=10&cursor=${encodeURIComponent(j.next)}`);
    j = JSON.parse(r.text_);
    j.items.forEach((u) => seen.add(u.code));
  }
  assert.equal(seen.size, 34);
  r = await c.get('/api/v1/units?parent=24&kind=ward');
  j = JSON.parse(r.text_);
  assert.equal(j.total, 33);
  assert.ok(j.items.every((u) => u.parent === '24' && u.kind === 'ward' && u.id === u.code));
  const variants = ['bac ninh', 'Bắc Ninh', 'BẮC NINH'];
  const totals = [];
  for (const q of variants) {
    r = await c.get('/api/v1/units?kind=province&q=' + encodeURIComponent(q));
    j = JSON.parse(r.text_);
    totals.push(j.total);
    assert.equal(j.items[0].code, '24');
  }
  assert.deepEqual(totals, [1, 1, 1]);
  r = await c.get('/api/v1/units?q=' + encodeURIComponent('đa mai'));
  assert.ok(JSON.parse(r.text_).items.some((u) => u.code === '07228'));
  r = await c.get('/api/v1/units?q=' + encodeURIComponent('da mai'));
  assert.ok(JSON.parse(r.text_).items.some((u) => u.code === '07228'));
});

test('API: one unit, and JSON errors', async () => {
  let r = await c.get('/api/v1/units/07582');
  const u = JSON.parse(r.text_);
  assert.equal(u.title, 'Xã Lục Ngạn');
  assert.deepEqual(u.ancestors, ['24']);
  assert.ok(u.households > 0);
  r = await c.get('/api/v1/units/nope');
  assert.equal(r.status, 404);
  assert.equal(JSON.parse(r.text_).error.code, 'not_found');
  r = await c.get('/api/v1/units?kind=castle');
  assert.equal(r.status, 400);
  assert.equal(JSON.parse(r.text_).error.field, 'kind');
  r = await c.get('/api/v1/units?limit=5000');
  assert.equal(r.status, 400);
  r = await c.get('/api/v1/units?parent=nope');
  assert.equal(r.status, 404);
  r = await c.get('/api/v1/units/24/households');
  assert.equal(r.status, 401);
  assert.equal(JSON.parse(r.text_).error.code, 'unauthenticated');
});

test('openapi.json describes every API route that exists', async () => {
  const r = await c.get('/api/v1/openapi.json');
  const doc = JSON.parse(r.text_);
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/v1/units', '/api/v1/units/{code}', '/api/v1/units/{code}/households',
                   '/api/v1/me', '/api/v1/openapi.json'])
    assert.ok(doc.paths[p], p);
});

test('405 for a wrong method on a known path', async () => {
  const r = await c.req('DELETE', '/units/24');
  assert.equal(r.status, 405);
  const p = await c.req('POST', '/api/v1/units');
  assert.equal(p.status, 405);
  assert.ok(JSON.parse(p.text_).error);
});

test('security headers on every response', async () => {
  for (const path of ['/', '/api/v1/units/24', '/nope', '/static/style.css']) {
    const r = await c.get(path);
    const csp = r.headers.get('content-security-policy');
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.ok(!/script-src[^;]*unsafe-inline/.test(csp));
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(r.headers.get('referrer-policy'), 'same-origin');
    assert.ok(r.headers.get('x-request-id'));
  }
});

test('ETag and 304 on public GETs; gzip when accepted', async () => {
  const a = await c.get('/api/v1/units/24');
  const etag = a.headers.get('etag');
  assert.ok(etag);
  const b = await c.get('/api/v1/units/24', { 'if-none-match': etag });
  assert.equal(b.status, 304);
  assert.equal(b.text_, '');
  const res = await fetch(srv.base + '/', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.match(await res.text(), /34 tỉnh, thành phố/); // fetch decompresses
  const css = await c.get('/static/style.css');
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  assert.equal((await c.get('/static/../data/x')).status, 404);
});

test('metrics in Prometheus text format', async () => {
  const r = await c.get('/metrics');
  assert.equal(r.status, 200);
  assert.match(r.text_, /coso_http_requests_total\{route="home",status="200"\} \d+/);
  assert.match(r.text_, /coso_http_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  assert.match(r.text_, /coso_db_commit_batch_jobs_count \d+/);
  assert.match(r.text_, /coso_db_write_queue_depth \d+/);
});

test('holidays and the working-day calculator', async () => {
  let r = await c.get('/api/v1/holidays?year=2026');
  const j = JSON.parse(r.text_);
  const days = Object.fromEntries(j.items.map((h) => [h.date, h.name]));
  assert.match(days['2026-02-17'], /Tết Nguyên đán/);
  assert.match(days['2026-04-26'], /Hùng Vương/);
  assert.match(days['2026-04-27'], /Nghỉ bù/);
  assert.ok(j.items.every((h) => h.date.startsWith('2026-')));
  // Wed 29/4/2026 + 5 working days: 30/4, 1/5 off, a weekend -> Fri 8/5
  r = await c.get('/api/v1/deadline?from=2026-04-29&working_days=5');
  assert.deepEqual(JSON.parse(r.text_), { from: '2026-04-29', working_days: 5, due: '2026-05-08' });
  // across Tết 2026 (16-20/2): Fri 13/2 + 1 -> Mon 23/2
  r = await c.get('/api/v1/deadline?from=13/02/2026&working_days=1');
  assert.equal(JSON.parse(r.text_).due, '2026-02-23');
  for (const bad of ['from=2026-02-30&working_days=1', 'from=2026-02-01&working_days=0', 'from=x&working_days=1',
                     'working_days=3', 'from=2026-02-01&working_days=abc']) {
    r = await c.get('/api/v1/deadline?' + bad);
    assert.equal(r.status, 400, bad);
    assert.ok(JSON.parse(r.text_).error.field);
  }
  assert.equal((await c.get('/api/v1/holidays?year=20x6')).status, 400);
});
