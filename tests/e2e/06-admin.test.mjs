// Administration: accounts, roles, passwords, units, holidays, assisted
// participation; each act recorded as an event.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy } from './lib.mjs';

let srv, chair;
before(async () => {
  srv = await startServer();
  chair = new Client(srv.base);
  assert.equal((await chair.login('chutich.kinhbac')).status, 303);
});
after(async () => srv.stop());

test('admin home and forms pass tidy', async () => {
  for (const p of ['/admin', '/admin/users', '/admin/import', '/assist']) {
    const r = await chair.get(p);
    assert.equal(r.status, 200, p);
    tidy(r.text_, p);
  }
});

test('create an account, grant and revoke a role, reset its password, deactivate it', async () => {
  let r = await chair.post('/admin/users', { username: 'ttdp2.kinhbac', full_name: '  Phan   Văn Tổ ', password: 'mat-khau-dai-1',
    role: 'village_head', unit: '09187-02' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  assert.match(loc, /^\/admin\/users\/\d+$/);
  const id = loc.split('/').pop();
  const page = await chair.get(loc);
  assert.match(page.text_, /Trưởng thôn, tổ trưởng tổ dân phố/);
  tidy(page.text_, 'user');
  // duplicate username
  r = await chair.post('/admin/users', { username: 'ttdp2.kinhbac', full_name: 'X', password: 'mat-khau-dai-1',
    role: 'resident', unit: '09187-02' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 409);
  assert.match(r.text_, /đã được sử dụng/);
  // validation errors are rendered back
  r = await chair.post('/admin/users', { username: 'Bad Name', full_name: 'X', password: 'short', role: 'resident', unit: '09187-02' },
    { csrfFrom: '/admin/users' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Tên đăng nhập gồm/);
  r = await chair.post('/admin/users', { username: 'ok.name', full_name: 'X', password: 'long-enough-1', role: 'village_head', unit: '09187' },
    { csrfFrom: '/admin/users' });
  assert.equal(r.status, 400, 'village head at a ward is refused');
  // the new user logs in and sees their village
  const u = new Client(srv.base);
  assert.equal((await u.login('ttdp2.kinhbac', 'mat-khau-dai-1')).status, 303);
  assert.equal((await u.get('/units/09187-02/households')).status, 200);
  // grant a second role, then revoke it
  r = await chair.post(loc, { op: 'grant', role: 'board_member', unit: '09187' }, { csrfFrom: loc });
  assert.equal(r.status, 303);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM user_roles WHERE user_id = ${id}`), '2');
  r = await chair.post(loc, { op: 'revoke', role: 'board_member', unit: '09187' }, { csrfFrom: loc });
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM user_roles WHERE user_id = ${id}`), '1');
  // password reset ends the user's sessions
  r = await chair.post(loc, { op: 'password', password: 'mat-khau-moi-2' }, { csrfFrom: loc });
  assert.equal(r.status, 303);
  assert.equal((await u.get('/me')).status, 401);
  assert.equal((await u.login('ttdp2.kinhbac', 'mat-khau-moi-2')).status, 303);
  r = await chair.post(loc, { op: 'deactivate' }, { csrfFrom: loc });
  assert.equal(r.status, 303);
  assert.equal((await u.get('/me')).status, 401);
  assert.equal((await new Client(srv.base).login('ttdp2.kinhbac', 'mat-khau-moi-2')).status, 401);
  const kinds = srv.db.sql(`SELECT kind FROM events WHERE subject = 'user:${id}' ORDER BY id`).split('\n');
  assert.deepEqual(kinds, ['user.create', 'user.grant', 'user.revoke', 'user.password_reset', 'user.deactivate']);
  assert.equal(srv.db.sql("SELECT full_name FROM users WHERE username = 'ttdp2.kinhbac'"), 'Phan   Văn Tổ');
});

test('create a residential group under my ward; refuse a bad one', async () => {
  // the public page is cached for anonymous visitors; a write must show at once
  const anon = new Client(srv.base);
  assert.ok(!(await anon.get('/units/09187')).text_.includes('Tổ dân phố số 20'));
  assert.ok(!(await anon.get('/units/09187')).text_.includes('Tổ dân phố số 20'));
  let r = await chair.post('/admin/units', { parent: '09187', code: '09187-20', kind: 'residential_group', name: 'Tổ dân phố số 20' },
    { csrfFrom: '/units/09187' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/units/09187-20');
  const page = await chair.get('/units/09187-20');
  assert.match(page.text_, /<h1>Tổ dân phố số 20<\/h1>/);
  const pub = (await anon.get('/units/09187')).text_;
  assert.ok(pub.includes('Tổ dân phố số 20'), 'cache invalidated by the write');
  // the act is in the public activity, without who did it; internal acts are not
  assert.match(pub, /Thêm đơn vị — <a href="\/units\/09187-20">Tổ dân phố số 20<\/a> · <a href="\/ledger\/\d+">Sổ minh bạch #\d+<\/a><\/li>/);
  assert.ok(!pub.includes('Tạo tài khoản'), 'account changes are not public');
  const own = (await chair.get('/units/09187')).text_;
  assert.match(own, /Thêm đơn vị — <a href="\/units\/09187-20">Tổ dân phố số 20<\/a> <span class="meta">\(do Trần Văn Hùng, Chủ tịch UBND cấp xã\)/);
  assert.match(own, /Tạo tài khoản/);
  tidy(own, 'unit with activity');
  // a hit: the ledger's checkpoint (a write, which makes cached pages stale)
  // may fall between two visits, so a few more visits are allowed
  let hits = false;
  for (let i = 0; i < 5 && !hits; i++) {
    await anon.get('/units/09187');
    hits = /coso_cache_requests_total\{result="hit"\} [1-9]/.test((await anon.get('/metrics')).text_);
  }
  assert.ok(hits, 'public page served from the micro-cache');
  r = await chair.post('/admin/units', { parent: '09187', code: '09187-20', kind: 'residential_group', name: 'Lặp' },
    { csrfFrom: '/units/09187' });
  assert.equal(r.status, 409);
  r = await chair.post('/admin/units', { parent: '09187', code: 'bad code', kind: 'residential_group', name: 'X' },
    { csrfFrom: '/units/09187' });
  assert.equal(r.status, 400);
  r = await chair.post('/admin/units', { parent: '09187', code: '09187-21', kind: 'province', name: 'X' },
    { csrfFrom: '/units/09187' });
  assert.equal(r.status, 400);
  r = await chair.post('/admin/units', { parent: '07582', code: '07582-21', kind: 'village', name: 'Thôn Lạ' },
    { csrfFrom: '/units/09187' });
  assert.equal(r.status, 403);
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM units WHERE code IN ('09187-21','07582-21')"), '0');
});

test('holidays: seeded from the Labour Code and editable by administrators', async () => {
  assert.equal((await chair.get('/admin/holidays')).status, 403, 'commune chair may not edit holidays');
  const a = new Client(srv.base);
  await a.login('admin.bacninh');
  const page = await a.get('/admin/holidays');
  assert.equal(page.status, 200);
  tidy(page.text_, 'holidays');
  assert.match(page.text_, /17\/02\/2026<\/td><td>Tết Nguyên đán \(mùng 1\)/);
  assert.match(page.text_, /26\/04\/2026<\/td><td>Giỗ Tổ Hùng Vương/);
  let r = await a.post('/admin/holidays', { op: 'save', day: '2026-11-24', name: 'Ngày Văn hoá Việt Nam', kind: 'holiday' },
    { csrfFrom: '/admin/holidays' });
  assert.equal(r.status, 303);
  assert.equal(srv.db.sql("SELECT kind FROM holidays WHERE day = '2026-11-24'"), 'holiday');
  r = await a.post('/admin/holidays', { op: 'save', day: '31/02/2026', name: 'X', kind: 'holiday' }, { csrfFrom: '/admin/holidays' });
  assert.equal(r.status, 400);
  r = await a.post('/admin/holidays', { op: 'delete', day: '2026-11-24' }, { csrfFrom: '/admin/holidays' });
  assert.equal(r.status, 303);
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM holidays WHERE day = '2026-11-24'"), '0');
});

test('assisted participation: time-limited, confirmed presence, recorded on behalf', async () => {
  const head = new Client(srv.base);
  await head.login('totruong.kinhbac');
  const name = srv.db.sql("SELECT r.full_name FROM residents r JOIN households h ON h.id = r.household_id JOIN units u ON u.id = h.village_id WHERE u.code = '09187-01' ORDER BY r.id LIMIT 1");
  const rid = srv.db.sql("SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id JOIN units u ON u.id = h.village_id WHERE u.code = '09187-01' ORDER BY r.id LIMIT 1");
  const search = await head.get('/assist?q=' + encodeURIComponent(name.toLowerCase()));
  assert.match(search.text_, new RegExp(name));
  tidy(search.text_, 'assist search');
  // without confirming presence: refused
  let r = await head.post('/assist/start', { resident: rid }, { csrfFrom: '/assist' });
  assert.equal(r.status, 400);
  // a resident of another commune: refused
  const other = srv.db.sql("SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id JOIN units u ON u.id = h.village_id WHERE u.code = '07582-01' LIMIT 1");
  r = await head.post('/assist/start', { resident: other, present: '1' }, { csrfFrom: '/assist' });
  assert.equal(r.status, 403);
  r = await head.post('/assist/start', { resident: rid, present: '1' }, { csrfFrom: '/assist' });
  assert.equal(r.status, 303);
  const me = await head.get('/me');
  assert.match(me.text_, /Đang hỗ trợ công dân:<\/strong> /);
  assert.ok(me.text_.includes(name));
  tidy(me.text_, 'assist banner');
  r = await head.post('/assist/end', {}, { csrfFrom: '/me' });
  assert.equal(r.status, 303);
  assert.ok(!(await head.get('/me')).text_.includes('Đang hỗ trợ'));
  const ev = srv.db.sql(`SELECT kind || ':' || on_behalf_of FROM events WHERE kind LIKE 'assist.%' ORDER BY id`).split('\n');
  assert.deepEqual(ev, [`assist.start:${rid}`, `assist.end:${rid}`]);
  // a resident may not assist anybody
  const d = new Client(srv.base);
  await d.login('dan.kinhbac');
  assert.equal((await d.get('/assist')).status, 403);
});

test('events are append-only', () => {
  assert.throws(() => srv.db.sql("UPDATE events SET kind = 'x'"), /append-only/);
  assert.throws(() => srv.db.sql('DELETE FROM events'), /append-only/);
});
