// Issue #14, first part: the outbox is written in the same transaction as
// the act. A matter put in a village notifies every household representative
// with an account there, in-app, once; nobody elsewhere; a refused matter
// notifies nobody (the message rolls back with the act). /me leads to the
// unread notifications; reading them clears the count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, Client, tidy, makeVillage, apiJson, cli } from './lib.mjs';

let srv, v, w;
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

before(async () => {
  srv = await startServer();
  v = await makeVillage(srv, { code: '09187-81', tag: 'to81', households: 3 });
  w = await makeVillage(srv, { code: '09187-82', tag: 'to82', households: 2 });
});
after(async () => {
  await srv.stop();
});

const unread = async (c) => Number((await c.get('/me/notifications')).text_.match(/<p>(\d+) thông báo chưa đọc<\/p>/)[1]);
const outbox = (sql) => srv.db.sql(`SELECT COUNT(*) FROM outbox WHERE ${sql}`);
const inapp = (sql) => srv.db.sql(`SELECT COUNT(*) FROM notifications WHERE ${sql}`);
const everything = () => Number(outbox('1 = 1')) + Number(inapp('1 = 1'));

test('a matter put in a village notifies its representatives in-app, once, and nobody else', async () => {
  const before = everything();
  const r = await apiJson(v.head, 'POST', '/api/v1/units/09187-81/matters', {
    item: 6, form: 'online', title: 'Trồng cây xanh dọc ngõ tổ 81', front_agreed: true, secret: false,
    prepoll_closes_at: iso(Date.now() + 86400e3), closes_at: iso(Date.now() + 3 * 86400e3),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  assert.equal(inapp(`subject = 'matter:${id}' AND kind = 'matter.opened' AND read_at IS NULL`), '3', 'one per representative');
  // and an SMS to each representative's registered number (the demo's gateways), waiting for the worker
  assert.equal(outbox(`subject = 'matter:${id}' AND channel = 'sms' AND status = 'waiting'`), '3');
  assert.equal(everything() - before, 6, 'nothing for another village');
  for (const i of [1, 2, 3]) assert.equal(await unread(v.reps[i]), 1, `household ${i}`);
  assert.equal(await unread(w.reps[1]), 0, 'another village hears nothing');
  // the notice says what and until when, and leads to the vote
  const page = (await v.reps[1].get('/me/notifications')).text_;
  assert.ok(page.includes(`<li class="unread"><a href="/matters/${id}">Tổ dân phố to81: biểu quyết trực tuyến &quot;Trồng cây xanh dọc ngõ tổ 81&quot;</a>`));
  assert.match(page, /Bước 1 \(có biểu quyết trực tuyến hay không\) đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4}; bước 2 \(biểu quyết\) đến \d\d:\d\d ngày/);
  tidy(page, 'notifications');
  // /me leads there
  const me = (await v.reps[1].get('/me')).text_;
  assert.match(me, /<a href="\/me\/notifications">1 thông báo chưa đọc<\/a>/);
  // reading them clears the count, for that person only
  const rd = await v.reps[1].post('/me/notifications', {}, { csrfFrom: '/me/notifications' });
  assert.equal(rd.status, 303);
  assert.equal(await unread(v.reps[1]), 0);
  assert.equal(await unread(v.reps[2]), 1);
  assert.ok(!(await v.reps[1].get('/me')).text_.includes('/me/notifications">'), 'no task once read');
  assert.equal((await new Client(srv.base).get('/me/notifications')).status, 401);
});

test('a refused matter notifies nobody: the message rolls back with the act', async () => {
  const before = everything();
  const r = await apiJson(v.head, 'POST', '/api/v1/units/09187-81/matters', {
    item: 6, form: 'online', title: 'Thiếu sự đồng ý của Mặt trận', front_agreed: false,
    prepoll_closes_at: iso(Date.now() + 86400e3), closes_at: iso(Date.now() + 3 * 86400e3),
  });
  assert.equal(r.status, 400);
  assert.equal(everything(), before);
  // a meeting's notice: time and place
  const m = await apiJson(v.head, 'POST', '/api/v1/units/09187-81/matters', {
    item: 6, form: 'meeting', title: 'Họp bàn sửa nhà văn hóa', meeting_at: iso(Date.now() + 4 * 86400e3),
    location: 'Nhà văn hóa tổ 81', clusters: 1, method: 'hands',
  });
  assert.equal(m.status, 201, JSON.stringify(m.body));
  const page = (await v.reps[3].get('/me/notifications')).text_;
  assert.match(page, /Tổ dân phố to81 họp bàn và biểu quyết &quot;Họp bàn sửa nhà văn hóa&quot; lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4} tại Nhà văn hóa tổ 81\./);
  assert.equal(await unread(v.reps[3]), 2);
});

test('the outbox is counted in /metrics by channel, kind and status, with the queue', async () => {
  const m = (await new Client(srv.base).get('/metrics')).text_;
  const n = Number(inapp('1 = 1'));
  assert.ok(n >= 6);
  let sum = 0;
  for (const x of m.matchAll(/coso_outbox_messages\{channel="inapp",kind="[a-z.]+",status="delivered"\} (\d+)\n/g)) sum += Number(x[1]);
  assert.equal(sum, n);
  const waiting = Number(srv.db.sql("SELECT COUNT(*) FROM outbox WHERE status = 'waiting'"));
  assert.match(m, new RegExp(`coso_outbox_queue_depth ${waiting}\\n`));
  assert.match(m, /coso_outbox_oldest_due_seconds \d+\n/);
});

test('a gateway set with the command line while a node runs is used at once, on a node without the worker', async () => {
  // this server delivers nothing itself (COSO_NOTIFY_WORKER=0): only the node writing
  // the outbox reads the gateways, at most a second after they changed
  const hour = (new Date().getUTCHours() + 7) % 24;
  let to = (hour + 2) % 24;
  if (to === 7) to = 8; // the demo gateway's own quiet hours end at 07:00: a figure it could not give
  const f = join(mkdtempSync(join(tmpdir(), 'coso-gw-')), 'sms.json');
  writeFileSync(f, JSON.stringify({ type: 'file', file: `${f}.jsonl`, quiet_from: hour, quiet_to: to }));
  const g = cli(['notify', 'gateway', '*', 'sms', 'province-sms', f, '--db', srv.db.url]);
  assert.equal(g.status, 0, g.stderr);
  await new Promise((r) => setTimeout(r, 1100));
  const m = await apiJson(v.head, 'POST', '/api/v1/units/09187-81/matters', {
    item: 6, form: 'meeting', title: 'Họp bàn sau khi đổi cổng tin nhắn', meeting_at: iso(Date.now() + 4 * 86400e3),
    location: 'Nhà văn hóa tổ 81', clusters: 1, method: 'hands',
  });
  assert.equal(m.status, 201, JSON.stringify(m.body));
  // the new gateway's quiet hours (the current hour) hold the SMS until they end
  const due = srv.db.sql(`SELECT DISTINCT due_at FROM outbox WHERE subject = 'matter:${m.body.id}' AND channel = 'sms'`).split('\n');
  assert.equal(due.length, 1, due.join(' '));
  const local = new Date((Number(due[0]) + 7 * 3600) * 1000);
  assert.deepEqual([local.getUTCHours(), local.getUTCMinutes()], [to, 0]);
});
