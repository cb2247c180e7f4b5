// Login, logout, sessions, CSRF, throttling, bearer tokens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, tidy, PASSWORD } from './lib.mjs';

let srv;
before(async () => (srv = await startServer()));
after(async () => srv.stop());

test('login page passes tidy; login sets a safe session cookie; logout ends it', async () => {
  const c = new Client(srv.base);
  const page = await c.get('/login');
  tidy(page.text_, 'login');
  const r = await c.login('canbo.kinhbac');
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/');
  const setc = r.headers.getSetCookie().find((s) => s.startsWith('coso_session='));
  assert.match(setc, /HttpOnly/);
  assert.match(setc, /SameSite=Lax/);
  assert.ok(!/Secure/.test(setc), 'no Secure over plain http');
  assert.equal(c.jar.get('coso_session').length, 43, '256-bit token');
  const me = await c.get('/me');
  assert.equal(me.status, 200);
  assert.match(me.text_, /Nguyễn Thị Lan/);
  assert.match(me.text_, /Phường Kinh Bắc/);
  tidy(me.text_, 'me');
  // the stored session is a hash, never the token
  const token = c.jar.get('coso_session');
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM sessions WHERE token_hash = '${token}'`), '0');
  const out = await c.post('/logout', {}, { csrfFrom: '/me' });
  assert.equal(out.status, 303);
  assert.equal((await c.get('/me')).status, 401);
  // the old token is dead even if replayed
  const replay = new Client(srv.base);
  replay.jar.set('coso_session', token);
  assert.equal((await replay.get('/me')).status, 401);
});

test('wrong password: 401 with a Vietnamese message, no session', async () => {
  const c = new Client(srv.base);
  const r = await c.login('canbo.lucngan', 'wrong-password-123');
  assert.equal(r.status, 401);
  assert.match(r.text_, /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.ok(!c.jar.has('coso_session'));
  const u = await c.login('nobody.here', 'wrong-password-123');
  assert.equal(u.status, 401);
});

test('login redirects only to local paths', async () => {
  const c = new Client(srv.base);
  const r = await c.post('/login', { username: 'canbo.kinhbac', password: PASSWORD, next: '//evil.example/' },
    { csrfFrom: '/login' });
  assert.equal(r.headers.get('location'), '/');
  const c2 = new Client(srv.base);
  const r2 = await c2.post('/login', { username: 'canbo.kinhbac', password: PASSWORD, next: '/units/09187' },
    { csrfFrom: '/login' });
  assert.equal(r2.headers.get('location'), '/units/09187');
});

test('CSRF: a POST without the token is refused with 403 and changes nothing', async () => {
  const c = new Client(srv.base);
  await c.login('chutich.kinhbac');
  const before = srv.db.sql('SELECT COUNT(*) FROM users');
  const fields = { username: 'csrf.victim', full_name: 'Nạn Nhân', password: 'abcdefghijk1', role: 'resident', unit: '09187-02' };
  const r = await c.post('/admin/users', fields);
  assert.equal(r.status, 403);
  assert.match(r.text_, /Biểu mẫu đã hết hạn/);
  const bad = await c.post('/admin/users', { ...fields, csrf: 'x'.repeat(43) });
  assert.equal(bad.status, 403);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM users'), before);
  // a login POST without the pre-session token is refused too
  const anon = new Client(srv.base);
  const l = await anon.post('/login', { username: 'canbo.kinhbac', password: PASSWORD });
  assert.equal(l.status, 403);
  // and with it, the same request works
  const ok = await c.post('/admin/users', fields, { csrfFrom: '/admin/users' });
  assert.equal(ok.status, 303);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM users')), Number(before) + 1);
});

test('throttling: repeated failures bring a delay, not a lock-out', async () => {
  const c = new Client(srv.base);
  const codes = [];
  for (let i = 0; i < 6; i++) codes.push((await c.login('giamsat.lucngan', 'bad-password-' + i)).status);
  assert.deepEqual(codes.slice(0, 5), [401, 401, 401, 401, 401]);
  assert.equal(codes[5], 429);
  const r = await c.login('giamsat.lucngan');
  assert.equal(r.status, 429, 'even the right password waits during the delay');
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.match(r.text_, /thử lại sau \d+ giây/);
  // after the delay the real user gets in
  const wait = Number(r.headers.get('retry-after'));
  await new Promise((res) => setTimeout(res, (wait + 1) * 1000));
  const ok = await c.login('giamsat.lucngan');
  assert.equal(ok.status, 303);
});

test('bearer tokens authenticate API clients', async () => {
  const t = cli(['user', 'token', 'canbo.lucngan', '--db', srv.db.url, '--label', 'e2e']);
  assert.equal(t.status, 0, t.stderr);
  const token = t.stdout.trim();
  assert.equal(token.length, 43);
  const ok = await fetch(srv.base + '/api/v1/me', { headers: { authorization: 'Bearer ' + token } });
  assert.equal(ok.status, 200);
  const me = await ok.json();
  assert.equal(me.username, 'canbo.lucngan');
  assert.deepEqual(me.roles, [{ role: 'commune_officer', unit: '07582' }]);
  const hh = await fetch(srv.base + '/api/v1/units/07582-01/households?limit=5', { headers: { authorization: 'Bearer ' + token } });
  assert.equal(hh.status, 200);
  const j = await hh.json();
  assert.equal(j.items.length, 5);
  assert.ok(j.total >= 60 && j.total <= 250);
  assert.equal(j.items[0].unit, '07582-01');
  const bad = await fetch(srv.base + '/api/v1/me', { headers: { authorization: 'Bearer nope' } });
  assert.equal(bad.status, 401);
});

test('sessions expire when idle (2 h) or old (12 h)', async () => {
  const c = new Client(srv.base);
  await c.login('canbo.kinhbac');
  assert.equal((await c.get('/me')).status, 200);
  const uid = srv.db.sql("SELECT id FROM users WHERE username = 'canbo.kinhbac'");
  srv.db.sql(`UPDATE sessions SET seen_at = seen_at - 7201 WHERE user_id = ${uid}`);
  assert.equal((await c.get('/me')).status, 401, 'idle');
  await c.login('canbo.kinhbac');
  srv.db.sql(`UPDATE sessions SET created_at = created_at - 43201 WHERE user_id = ${uid}`);
  assert.equal((await c.get('/me')).status, 401, 'absolute');
});

test('Secure cookies behind a TLS proxy', async () => {
  const s = await startServer({ COSO_TRUST_PROXY: '1' });
  try {
    const c = new Client(s.base);
    const csrf = await c.csrf('/login');
    const r = await c.req('POST', '/login', {
      body: new URLSearchParams({ csrf, username: 'canbo.kinhbac', password: PASSWORD }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
    });
    assert.equal(r.status, 303);
    assert.match(r.headers.getSetCookie().find((x) => x.startsWith('coso_session=')), /; Secure/);
  } finally {
    await s.stop();
  }
});

test('logging in again replaces the previous session', async () => {
  const c = new Client(srv.base);
  await c.login('canbo.kinhbac');
  const first = c.jar.get('coso_session');
  await c.login('chutich.kinhbac');
  assert.notEqual(c.jar.get('coso_session'), first);
  const old = new Client(srv.base);
  old.jar.set('coso_session', first);
  assert.equal((await old.get('/me')).status, 401, 'the first session is gone');
  assert.match((await c.get('/me')).text_, /Trần Văn Hùng/);
});
