// Issue #18: writes that are safe to retry. A POST with an Idempotency-Key
// (the API) or a page's one-time form key acts once: the retry (after a 502
// from the proxy, a dropped connection, a double tap) gets the same answer,
// marked Idempotent-Replayed, and nothing is written twice; the same key for
// another request is refused (422); a bad key is refused (400); a sign-in is
// never replayed (its cookie is not kept).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, Client } from './lib.mjs';

let srv;
const q = (sql) => srv.db.sql(sql);
const n = (sql) => Number(q(sql));

before(async () => {
  srv = await startServer();
});
after(async () => srv.stop());

async function post(c, path, body, key) {
  const headers = { 'content-type': 'application/json', 'x-csrf-token': await c.csrf('/me') };
  if (key !== undefined) headers['idempotency-key'] = key;
  const r = await c.req('POST', path, { body: JSON.stringify(body), headers });
  return { status: r.status, body: r.text_ ? JSON.parse(r.text_) : null, headers: r.headers };
}

test('a ballot sent twice with the same Idempotency-Key is cast once and answered the same', async () => {
  const c = new Client(srv.base);
  await c.login('dan.kinhbac');
  const lamp = n("SELECT id FROM matters WHERE title = 'Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1'");
  const path = `/api/v1/matters/${lamp}/ballots`;
  const key = randomUUID();
  const before = n(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${lamp}`);
  const first = await post(c, path, { choice: 'for' }, key);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  assert.equal(n(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${lamp}`), before + 1);
  const again = await post(c, path, { choice: 'for' }, key);
  assert.equal(again.status, 201);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  assert.deepEqual(again.body, first.body, 'the same receipt');
  assert.equal(n(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${lamp}`), before + 1, 'cast once');
  // the same key for another request, a bad key: refused, nothing written
  const other = await post(c, path, { choice: 'against' }, key);
  assert.equal(other.status, 422);
  assert.equal(other.body.error.fields[0].field, 'Idempotency-Key');
  assert.match(other.body.error.fields[0].message, /đã được dùng cho một yêu cầu khác/);
  const bad = await post(c, path, { choice: 'for' }, 'x y');
  assert.equal(bad.status, 400);
  assert.equal(n(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${lamp}`), before + 1);
  // another person's same key is theirs: keys are scoped to who sends them
  const d = new Client(srv.base);
  await d.login('canbo.kinhbac');
  const theirs = await post(d, path, { choice: 'for' }, key);
  assert.notEqual(theirs.headers.get('idempotent-replayed'), 'true');
  // without a key the ballot box's own rule answers (one ballot a household)
  assert.equal((await post(c, path, { choice: 'for' })).status, 409);
});

test('a page\'s form sent twice (its one-time key) files one petition; a sign-in is not kept', async () => {
  const anon = new Client(srv.base);
  const page = await anon.get('/units/07582-01/feedback');
  const csrf = page.text_.match(/name="csrf" value="([^"]+)"/)[1];
  const formKey = page.text_.match(/name="form_key" value="([^"]+)"/)[1];
  assert.ok(formKey.length >= 40, 'every form carries a one-time key');
  const text = `Đèn đường ngõ 3 bị hỏng ${randomUUID().slice(0, 8)}`;
  const fields = { csrf, form_key: formKey, kind: 'petition', category: 'ha-tang', body: text, name: 'Hà Thị Dân', phone: '0912 777 888' };
  const send = () => anon.req('POST', '/units/07582-01/feedback', {
    body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  const first = await send();
  assert.equal(first.status, 303, first.text_.slice(0, 300));
  const second = await send();
  assert.equal(second.status, 303);
  assert.equal(second.headers.get('location'), first.headers.get('location'), 'the same tracking code');
  assert.equal(second.headers.get('idempotent-replayed'), 'true');
  assert.equal(n(`SELECT COUNT(*) FROM cases WHERE body = '${text}'`), 1, 'filed once');
  // the same key with something else typed: refused with a Vietnamese page
  const changed = await anon.req('POST', '/units/07582-01/feedback', {
    body: new URLSearchParams({ ...fields, body: `${text} (sửa)` }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(changed.status, 422);
  assert.match(changed.text_, /đã được dùng cho một yêu cầu khác/);
  // a sign-in's answer is never kept (its session cookie would be replayed to nobody's benefit)
  const who = new Client(srv.base);
  const login = await who.get('/login');
  const lf = { csrf: login.text_.match(/name="csrf" value="([^"]+)"/)[1], form_key: login.text_.match(/name="form_key" value="([^"]+)"/)[1],
    username: 'dan.lucngan', password: 'coso-demo-2025' };
  const r = await who.req('POST', '/login', { body: new URLSearchParams(lf).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303);
  assert.ok(r.headers.getSetCookie().length > 0, 'the sign-in sets its cookie');
  assert.equal(n(`SELECT COUNT(*) FROM idem_keys WHERE key = '${lf.form_key}'`), 0);
});
