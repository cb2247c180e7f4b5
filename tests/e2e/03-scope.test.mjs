// Roles are scoped to a unit and everything below it: an officer of one
// commune cannot read or change another commune's non-public data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy } from './lib.mjs';

let srv;
before(async () => (srv = await startServer()));
after(async () => srv.stop());

async function as(user) {
  const c = new Client(srv.base);
  const r = await c.login(user);
  assert.equal(r.status, 303, `login ${user}`);
  return c;
}

const KB = '09187-01', LN = '07582-01';

test('household lists: each role sees only its own area', async () => {
  const expect = {
    'canbo.kinhbac': [200, 403], 'chutich.kinhbac': [200, 403], 'mattran.kinhbac': [200, 403],
    'giamsat.kinhbac': [200, 403], 'totruong.kinhbac': [200, 403],
    'canbo.lucngan': [403, 200], 'truongthon.lucngan': [403, 200], 'giamsat.lucngan': [403, 200],
    'dan.kinhbac': [403, 403], 'thanhtra.kinhbac': [403, 403], 'thutruong.kinhbac': [403, 403],
    'admin.bacninh': [200, 200], 'giamsat.bacninh': [200, 200], 'sysadmin': [200, 200],
  };
  for (const [user, [kb, ln]] of Object.entries(expect)) {
    const c = await as(user);
    assert.equal((await c.get(`/units/${KB}/households`)).status, kb, `${user} → Kinh Bắc`);
    assert.equal((await c.get(`/units/${LN}/households`)).status, ln, `${user} → Lục Ngạn`);
    assert.equal((await c.get(`/api/v1/units/${KB}/households`)).status, kb, `${user} API → Kinh Bắc`);
    assert.equal((await c.get(`/api/v1/units/${LN}/households`)).status, ln, `${user} API → Lục Ngạn`);
  }
  const anon = new Client(srv.base);
  assert.equal((await anon.get(`/units/${KB}/households`)).status, 401);
});

test('a village head reaches only their own village', async () => {
  const c = await as('totruong.kinhbac');
  assert.equal((await c.get('/units/09187-02/households')).status, 403);
  const r = await c.get(`/units/${KB}/households`);
  tidy(r.text_, 'households');
  assert.match(r.text_, /H0001/);
  // 50 a page, and a search by code or by a member's name without diacritics
  assert.equal([...r.text_.matchAll(/<tr><td data-label="Mã hộ">/g)].length, 50);
  assert.match(r.text_, /households\?page=2">Trang sau/);
  const name = srv.db.sql(`SELECT r.full_name FROM residents r JOIN households h ON h.id = r.household_id JOIN units v ON v.id = h.village_id WHERE v.code = '${KB}' AND h.code = 'H0077' ORDER BY r.id LIMIT 1`);
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const found = await c.get(`/units/${KB}/households?q=${encodeURIComponent(plain)}`);
  assert.match(found.text_, /<td data-label="Mã hộ">H0077<\/td>/);
  tidy(found.text_, 'households found');
  const code = await c.get(`/units/${KB}/households?q=h0077`);
  assert.equal([...code.text_.matchAll(/<tr><td data-label="Mã hộ">/g)].length, 1);
  assert.match((await c.get(`/units/${KB}/households?q=khong-co-ai`)).text_, /Không tìm thấy hộ nào\./);
});

test('forbidden pages answer in Vietnamese', async () => {
  const c = await as('canbo.kinhbac');
  const r = await c.get(`/units/${LN}/households`);
  assert.match(r.text_, /ngoài phạm vi/);
  tidy(r.text_, '403');
});

test('admin area: residents, board members and supervisors have none', async () => {
  for (const u of ['dan.kinhbac', 'thanhtra.kinhbac', 'giamsat.kinhbac', 'mattran.lucngan']) {
    const c = await as(u);
    assert.equal((await c.get('/admin')).status, 403, u);
    assert.equal((await c.get('/admin/users')).status, 403, u);
    assert.equal((await c.get('/admin/import')).status, 403, u);
  }
});

test('an officer cannot create accounts or grant roles in another commune', async () => {
  const c = await as('canbo.kinhbac');
  const before = srv.db.sql('SELECT COUNT(*) FROM users');
  let r = await c.post('/admin/users', { username: 'x.lucngan', full_name: 'Người Ngoài', password: 'abcdefghijk1',
    role: 'resident', unit: LN }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 403);
  // nor grant a role above their own
  r = await c.post('/admin/users', { username: 'x.kinhbac', full_name: 'Người Mới', password: 'abcdefghijk1',
    role: 'commune_chair', unit: '09187' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 403);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM users'), before);
  // user pages of another commune's accounts are out of reach
  const id = srv.db.sql("SELECT id FROM users WHERE username = 'canbo.lucngan'");
  assert.equal((await c.get(`/admin/users/${id}`)).status, 403);
  r = await c.post(`/admin/users/${id}`, { op: 'password', password: 'hijacked-pass-1' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 403);
  // nor manage an account above their own in the same commune
  const chair = srv.db.sql("SELECT id FROM users WHERE username = 'chutich.kinhbac'");
  assert.equal((await c.get(`/admin/users/${chair}`)).status, 403);
  r = await c.post(`/admin/users/${chair}`, { op: 'password', password: 'taken-over-123' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 403);
  r = await c.post(`/admin/users/${chair}`, { op: 'deactivate' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 403);
  assert.equal(srv.db.sql("SELECT active FROM users WHERE username = 'chutich.kinhbac'"), '1');
  // but a village head of the commune, yes
  const head = srv.db.sql("SELECT id FROM users WHERE username = 'totruong.kinhbac'");
  assert.equal((await c.get(`/admin/users/${head}`)).status, 200);
  // the user list shows only accounts of my area
  const list = await c.get('/admin/users');
  assert.match(list.text_, /totruong\.kinhbac/);
  assert.ok(!list.text_.includes('canbo.lucngan'));
  tidy(list.text_, 'users');
});

test('an officer cannot import households into another commune', async () => {
  const c = await as('canbo.kinhbac');
  const csrf = await c.csrf('/admin/import');
  const fd = new FormData();
  fd.set('csrf', csrf);
  fd.set('file', new Blob(['village_code,household_code,head,address,members,representative,phone\n' +
    `${LN},X001,Nguyễn Văn A,Số 1,3,,\n`], { type: 'text/csv' }), 'h.csv');
  const before = srv.db.sql('SELECT COUNT(*) FROM households');
  const r = await c.req('POST', '/admin/import', { body: fd });
  assert.equal(r.status, 400);
  assert.match(r.text_, /ngoài phạm vi quản lý/);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM households'), before);
});

test('the supervisor reads everything in the province and changes nothing', async () => {
  const c = await as('giamsat.bacninh');
  assert.equal((await c.get(`/units/${LN}/households`)).status, 200);
  assert.equal((await c.get('/admin')).status, 403);
  const r = await c.post('/admin/units', { parent: '09187', code: '09187-99', kind: 'residential_group', name: 'Tổ dân phố số 99' },
    { csrfFrom: '/me' });
  assert.equal(r.status, 403);
});
