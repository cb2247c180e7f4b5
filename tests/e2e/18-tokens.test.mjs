// Issue #9, item 5: API tokens have a name, a scope (read; ballot; write) and
// an expiry; they are listed and revoked on /me and by administrators; a
// password reset or a deactivation revokes them; they work on /api/ routes
// only, never in place of a form's session and CSRF token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, cli, tidy, BACKEND } from './lib.mjs';

let srv, dan, officer;
const api = (token, method, path, body) => fetch(srv.base + path, {
  method, body: body === undefined ? undefined : JSON.stringify(body),
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
});

// Makes a token on the account page; returns it (shown once on the page).
async function makeToken(c, label, scope, days = '30') {
  const r = await c.post('/me/tokens', { label, scope, days }, { csrfFrom: '/me' });
  assert.equal(r.status, 200, r.text_.slice(0, 300));
  tidy(r.text_, '/me with a new token');
  const m = r.text_.match(/<code>([A-Za-z0-9_-]{43})<\/code>/);
  assert.ok(m, 'the new token is shown');
  return m[1];
}

let openMatter;
before(async () => {
  srv = await startServer();
  dan = new Client(srv.base);
  await dan.login('dan.kinhbac'); // the representative of a household of 09187-01
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  openMatter = srv.db.sql(`SELECT m.id FROM matters m JOIN units u ON u.id = m.unit_id WHERE u.code = '09187-01'
    AND m.form = 'online' AND m.prepoll_closes_at > ${Math.floor(Date.now() / 1000)} ORDER BY m.id LIMIT 1`);
  assert.ok(openMatter, 'the demo has an online matter in its first step');
});
after(async () => srv.stop());

test('scopes: read only reads, ballot also votes, write does everything; all expire', async () => {
  const read = await makeToken(dan, 'Ứng dụng đọc', 'read');
  const ballot = await makeToken(dan, 'Ứng dụng biểu quyết', 'ballot');
  const me = await dan.get('/me');
  assert.match(me.text_, /Ứng dụng đọc/);
  assert.match(me.text_, /Đọc và biểu quyết của hộ/);
  assert.doesNotMatch(me.text_, new RegExp(read), 'a token is shown once only');
  assert.equal((await api(read, 'GET', '/api/v1/me')).status, 200);
  let r = await api(read, 'POST', `/api/v1/matters/${openMatter}/ballots`, { choice: 'for' });
  assert.equal(r.status, 403, 'a read token cannot vote');
  assert.match((await r.json()).error.message, /không có quyền thực hiện thao tác này/);
  r = await api(ballot, 'POST', `/api/v1/matters/${openMatter}/ballots`, { choice: 'for' });
  assert.equal(r.status, 201, await r.text());
  r = await api(ballot, 'POST', `/api/v1/units/09187-01/matters`, { item: 6, form: 'online', title: 'x' });
  assert.equal(r.status, 403, 'a ballot token writes nothing else');
  assert.match((await r.json()).error.message, /không có quyền thực hiện thao tác này/);
  // expiry
  srv.db.sql(`UPDATE api_tokens SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE label = 'Ứng dụng đọc'`);
  assert.equal((await api(read, 'GET', '/api/v1/me')).status, 401, 'an expired token');
  assert.match((await dan.get('/me')).text_, /Đã hết hạn/);
  // bad input changes nothing
  const before = srv.db.sql('SELECT COUNT(*) FROM api_tokens');
  for (const bad of [{ label: '', scope: 'read', days: '30' }, { label: 'x', scope: 'admin', days: '30' }, { label: 'x', scope: 'read', days: '400' }]) {
    const b = await dan.post('/me/tokens', bad, { csrfFrom: '/me' });
    assert.equal(b.status, 400, JSON.stringify(bad));
  }
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM api_tokens'), before);
  assert.notEqual(cli(['user', 'token', 'dan.kinhbac', '--db', srv.db.url, '--days', '400']).status, 0);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM api_tokens'), before);
});

test('a token is accepted on /api/ routes only, never on the pages and their forms', async () => {
  const write = await makeToken(officer, 'Đồng bộ', 'write');
  assert.equal((await api(write, 'GET', '/api/v1/me')).status, 200);
  // on a page the token is nobody
  let r = await fetch(`${srv.base}/me`, { headers: { authorization: `Bearer ${write}` }, redirect: 'manual' });
  assert.equal(r.status, 401);
  // a form route with a token and no CSRF token: refused, nothing created
  const form = new URLSearchParams({ parent: '09187', code: '09187-95', kind: 'residential_group', name: 'Tổ 95' });
  r = await fetch(`${srv.base}/admin/units`, { method: 'POST', body: form.toString(), redirect: 'manual',
    headers: { authorization: `Bearer ${write}`, 'content-type': 'application/x-www-form-urlencoded' } });
  assert.ok([401, 403].includes(r.status), `${r.status}`);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM units WHERE code = '09187-95'`), '0');
});

test('revoked on /me, by an administrator, on a password reset and on a deactivation', async () => {
  const a = await makeToken(dan, 'Điện thoại cũ', 'read');
  const b = await makeToken(dan, 'Máy tính bảng', 'read');
  // revoke one on /me
  const id = srv.db.sql(`SELECT id FROM api_tokens WHERE label = 'Điện thoại cũ'`);
  let r = await dan.post(`/me/tokens/${id}/revoke`, {}, { csrfFrom: '/me' });
  assert.equal(r.status, 303);
  assert.equal((await api(a, 'GET', '/api/v1/me')).status, 401);
  assert.equal((await api(b, 'GET', '/api/v1/me')).status, 200);
  assert.match((await dan.get('/me')).text_, /Đã thu hồi/);
  // another account's token cannot be revoked from /me
  const mine = await makeToken(officer, 'Của cán bộ', 'read');
  const oid = srv.db.sql(`SELECT id FROM api_tokens WHERE label = 'Của cán bộ'`);
  r = await dan.post(`/me/tokens/${oid}/revoke`, {}, { csrfFrom: '/me' });
  assert.equal(r.status, 404);
  assert.equal((await api(mine, 'GET', '/api/v1/me')).status, 200);
  // the officer manages the resident's account: sees and revokes its tokens
  const uid = srv.db.sql(`SELECT id FROM users WHERE username = 'dan.kinhbac'`);
  const page = await officer.get(`/admin/users/${uid}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'admin user page with tokens');
  assert.match(page.text_, /Máy tính bảng/);
  r = await officer.post(`/admin/users/${uid}/tokens/all/revoke`, {}, { csrfFrom: `/admin/users/${uid}` });
  assert.equal(r.status, 303);
  assert.equal((await api(b, 'GET', '/api/v1/me')).status, 401);
  // ... but not the chair's (outside what the officer may manage)
  const chair = srv.db.sql(`SELECT id FROM users WHERE username = 'chutich.kinhbac'`);
  r = await officer.post(`/admin/users/${chair}/tokens/all/revoke`, {}, { csrfFrom: '/admin' });
  assert.equal(r.status, 403);
  // a password reset revokes every token of the account
  const c = await makeToken(dan, 'Sau khi thu hồi', 'read');
  assert.equal((await api(c, 'GET', '/api/v1/me')).status, 200);
  r = await officer.post(`/admin/users/${uid}`, { op: 'password', password: 'mat-khau-moi-rat-dai' }, { csrfFrom: `/admin/users/${uid}` });
  assert.equal(r.status, 303);
  assert.equal((await api(c, 'GET', '/api/v1/me')).status, 401, 'revoked by the password reset');
  // a deactivation too (a token made from the command line)
  const d = cli(['user', 'token', 'dan.kinhbac', '--db', srv.db.url, '--scope', 'ballot', '--days', '7']).stdout.trim();
  assert.equal((await api(d, 'GET', '/api/v1/me')).status, 200);
  r = await officer.post(`/admin/users/${uid}`, { op: 'deactivate' }, { csrfFrom: `/admin/users/${uid}` });
  assert.equal(r.status, 303);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${uid} AND revoked = 0`), '0');
});

test('a burst of ballots with tokens, written together by the group commit, is answered as each would be alone', async () => {
  // households with representatives' tokens, and a matter open to them (make bench's seeding)
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'coso-burst-')), 'tokens');
  const seed = cli(['decisions', '--db', srv.db.url, 'bench-seed', '60', file]);
  assert.equal(seed.status, 0, seed.stderr);
  const matter = Number(seed.stdout.trim());
  const tokens = readFileSync(file, 'utf8').trim().split('\n');
  // every household once, 20 of them twice at the same moment, tokens that are not valid,
  // and a read-only token: all in flight together
  const cast = (t) => fetch(`${srv.base}/api/v1/matters/${matter}/ballots`, {
    method: 'POST', body: '{"choice":"for"}', headers: { authorization: `Bearer ${t}`, 'content-type': 'application/json' },
  }).then(async (r) => ({ t, status: r.status, body: await r.json().catch(() => null) }));
  const ro = cli(['user', 'token', 'totruong.kinhbac', '--db', srv.db.url, '--scope', 'read', '--days', '1']).stdout.trim();
  const bad = ['x'.repeat(43), 'y'.repeat(43)];
  const sent = [...tokens.slice(0, 20).flatMap((t) => [t, t]), ...tokens.slice(20), ...bad, ro];
  // 24 at a time (within the limit of connections per address): the pairs are in flight together
  const out = [];
  let next = 0;
  await Promise.all(Array.from({ length: 24 }, async () => {
    while (next < sent.length) out.push(await cast(sent[next++]));
  }));
  for (const t of tokens) {
    const mine = out.filter((o) => o.t === t);
    assert.equal(mine.filter((o) => o.status === 201).length, 1, 'each household counted once');
    assert.ok(mine.filter((o) => o.status !== 201).every((o) => o.status === 409 && /đã biểu quyết/.test(o.body.error.message)));
    assert.match(mine.find((o) => o.status === 201).body.receipt, /^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  }
  assert.deepEqual(out.filter((o) => bad.includes(o.t)).map((o) => o.status), [401, 401]);
  assert.equal(out.find((o) => o.t === ro).status, 403);
  assert.equal(Number(srv.db.sql(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${matter}`)), 60);
  assert.equal(Number(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${matter}`)), 60);
  assert.equal(Number(srv.db.sql(`SELECT COALESCE(SUM(ballots), 0) FROM matter_ballot_counts WHERE matter_id = ${matter}`)), 60);
  // every receipt is in the box
  const receipts = out.filter((o) => o.status === 201).map((o) => o.body.receipt);
  assert.equal(new Set(receipts).size, 60);
  const page = await (await fetch(`${srv.base}/matters/${matter}?receipt=${receipts[7]}`)).text();
  assert.ok(page.includes(`Có trong hòm phiếu:</strong> <code>${receipts[7]}</code>`));
  // on PostgreSQL they were written in groups (one statement for many), on SQLite one by one
  const grouped = Number((await (await fetch(`${srv.base}/metrics`)).text()).match(/^coso_db_grouped_jobs_total (\d+)$/m)[1]);
  if (BACKEND === 'pg') assert.ok(grouped > 0, 'written in groups');
  else assert.equal(grouped, 0);
});
