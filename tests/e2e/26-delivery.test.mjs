// Issue #14: delivery. The server's worker sends what acts put in the outbox
// through the gateways configured for the province (here the local fakes of
// fakegw.mjs: an SMS brandname gateway, Zalo ZNS, an SMTP sink): once per
// person and channel, with retries and back-off, through a gateway that is
// down for a while, and across a kill -9 — the count received checked
// exactly. Feature phones vote and opt out by SMS through the inbound
// webhook; delivery reports come back on theirs; numbers are masked on
// pages and absent from logs and public records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, Client, tidy, makeVillage, apiJson, cli } from './lib.mjs';
import { smsGateway, zaloGateway, smtpSink, until } from './fakegw.mjs';

let srv, v, sms, zalo, smtp, env, firstDb;
const dir = mkdtempSync(join(tmpdir(), 'coso-notify-'));
const HOOK = 'hook-secret-' + Math.random().toString(36).slice(2);
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const phone = (i) => `0388${String(i).padStart(6, '0')}`;
const p84 = (i) => `84388${String(i).padStart(6, '0')}`;

const smsConfig = (extra = {}) => ({
  type: 'http', url: `${sms.base}/send`, method: 'POST',
  headers: ['Content-Type: application/json', 'Authorization: Bearer {secret}'],
  body: '{"to": "{to84}", "text": "{text}", "sender": "{sender}", "id": "{id}"}',
  ok_contains: '"status":"ok"', ref_field: 'message_id', secret_env: 'TEST_SMS_SECRET', sender: 'UBND PHUONG',
  inbound_secret_env: 'TEST_HOOK_SECRET', inbound_from: ['127.0.0.1'], retry_base_ms: 100, max_attempts: 4,
  quiet_from: 0, quiet_to: 0, rate: 500, parallel: 8, timeout_ms: 3000, daily_cap: 100, ...extra,
});

const emailConfig = (extra = {}) => ({
  type: 'smtp', url: `smtp://127.0.0.1:${smtp.port}`, from: 'coso@phuong.gov.vn', sender: 'UBND phường', starttls: false, retry_base_ms: 100, ...extra,
});

// a gateway stored with the command line, as an administrator of the server would
function gateway(channel, name, config) {
  const f = join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify(config));
  const r = cli(['notify', 'gateway', '*', channel, name, f, '--db', srv.db.url], { env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
}

const q = (sql) => srv.db.sql(sql);
const bySubject = (id, where = '1 = 1') => q(`SELECT COUNT(*) FROM outbox WHERE subject = 'matter:${id}' AND ${where}`);
// what a timed-out wait saw: what each gateway took, the queue's rows and the server's log
const explain = (id) => () => [
  `sms: ${sms.messages.map((m) => m.to).join(' ')} (${sms.requests} requests); zalo: ${zalo.messages.length} (${zalo.tokenCalls} token calls); e-mail: ${smtp.messages.length}`,
  q(`SELECT id || ' ' || channel || ' ' || status || ' due ' || due_at || ' tries ' || attempts || ' ' || COALESCE(last_error, '') FROM outbox WHERE subject = 'matter:${id}'`),
  q("SELECT province || ' ' || channel || ' ' || name FROM notify_gateways"),
  `now ${Math.floor(Date.now() / 1000)}; the server's log:`, srv.stderr().split('\n').slice(-30).join('\n'),
].join('\n');
const textsTo = (gw, to, id) => gw.messages.filter((m) => m.to === to && (!id || m.text.includes(`/matters/${id}`)));

async function putMatter(title, form = 'online') {
  const body = form === 'online'
    ? { item: 6, form, title, front_agreed: true, secret: false, prepoll_closes_at: iso(Date.now() + 86400e3), closes_at: iso(Date.now() + 3 * 86400e3) }
    : { item: 6, form, title, meeting_at: iso(Date.now() + 4 * 86400e3), location: 'Nhà văn hóa tổ 91', clusters: 1, method: 'hands' };
  const r = await apiJson(v.head, 'POST', '/api/v1/units/09187-91/matters', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

// a representative chooses SMS and e-mail at this address, for their village (the form
// of /me/notifications: two values of one field, which Client.post's object cannot say)
async function smsAndEmail(c, email) {
  const f = new URLSearchParams([['op', 'prefs'], ['channels', 'sms'], ['channels', 'email'], ['topics', 'village'], ['email', email]]);
  f.set('csrf', await c.csrf('/me/notifications'));
  const r = await c.req('POST', '/me/notifications', { body: f.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.equal(r.status, 303, r.text_);
}

async function hook(kind, body, secret = HOOK) {
  const r = await fetch(`${srv.base}/hooks/${kind}/test-sms`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-coso-secret': secret },
  });
  return { status: r.status, body: await r.json() };
}

before(async () => {
  sms = await smsGateway();
  zalo = await zaloGateway();
  smtp = await smtpSink();
  env = {
    COSO_NOTIFY_WORKER: '1', COSO_NOTIFY_LEASE: '2', COSO_LOG_LEVEL: 'info', COSO_NOTIFY_BALLOTS: '1', TEST_SMS_SECRET: sms.secret,
    TEST_HOOK_SECRET: HOOK, TEST_ZALO_SECRET: zalo.appSecret, TEST_ZALO_REFRESH: 'ref-0',
  };
  srv = await startServer(env);
  firstDb = srv.db;
  gateway('sms', 'test-sms', smsConfig());
  gateway('zalo', 'test-zalo', {
    type: 'zns', url: `${zalo.base}/message/template`, token_url: `${zalo.base}/token`, app_id: '4321',
    secret_env: 'TEST_ZALO_SECRET', refresh_token_env: 'TEST_ZALO_REFRESH', quiet_from: 0, quiet_to: 0, retry_base_ms: 100,
  });
  gateway('email', 'test-email', emailConfig());
  v = await makeVillage(srv, { code: '09187-91', tag: 'to91', households: 4, phone: '0388' });
  // household 3 hears by Zalo only; household 2 by SMS and e-mail
  const r = await v.reps[3].post('/me/notifications', { op: 'prefs', channels: 'zalo', topics: 'village' }, { csrfFrom: '/me/notifications' });
  assert.equal(r.status, 303, r.text_);
  await smsAndEmail(v.reps[2], 'ho2@example.vn');
});
after(async () => {
  await srv.stop();
  firstDb.drop();
  await sms.stop();
  await zalo.stop();
  await smtp.stop();
});

let vote; // the online vote of the first test, with its codes

test('a vote opening reaches every representative once, on the channels each chose, with a one-time code', async () => {
  vote = await putMatter('Sửa cống thoát nước ngõ tổ 91');
  await until(() => textsTo(sms, p84(1), vote).length && textsTo(sms, p84(2), vote).length && textsTo(sms, p84(4), vote).length
    && zalo.messages.length && smtp.messages.length, 15000, 'every channel', explain(vote));
  // each marked sent once its gateway answered (what the outbox says is checked below)
  await until(() => q(`SELECT COUNT(*) FROM outbox WHERE subject = 'matter:${vote}' AND status = 'waiting'`) === '0', 10000, 'every message marked', explain(vote));
  await new Promise((r) => setTimeout(r, 1500)); // nothing more comes
  for (const i of [1, 2, 4]) {
    const t = textsTo(sms, p84(i), vote);
    assert.equal(t.length, 1, `one SMS to household ${i}`);
    // without diacritics (the gateway's choice), the code, the link, the sender
    assert.match(t[0].text, /^To dan pho to91 bieu quyet "Sua cong thoat nuoc ngo to 91"\. Buoc 1 .* Tra loi: BQ \d{4} DONG Y/);
    assert.ok(t[0].text.includes(`${srv.base}/matters/${vote}`));
    assert.equal(t[0].sender, 'UBND PHUONG');
  }
  assert.equal(textsTo(sms, p84(3)).length, 0, 'household 3 chose Zalo only');
  assert.equal(sms.duplicates, 0);
  // Zalo: the template, its parameters, the number as 84..., the outbox id as tracking id
  assert.equal(zalo.messages.length, 1);
  const z = zalo.messages[0];
  assert.equal(z.phone, p84(3));
  assert.equal(z.template_id, '301201');
  assert.equal(z.template_data.noi_dung, 'Sửa cống thoát nước ngõ tổ 91');
  assert.match(z.template_data.ma, /^\d{4}$/);
  assert.equal(q(`SELECT COUNT(*) FROM outbox WHERE id = ${z.tracking_id} AND channel = 'zalo' AND status = 'sent'`), '1');
  // the token was refreshed once, the rotated refresh token stored at once, the quota recorded
  assert.equal(zalo.tokenCalls, 1);
  assert.equal(q("SELECT refresh_token || ' ' || quota FROM notify_tokens WHERE gateway = 'test-zalo'"), 'ref-1 99');
  // e-mail: a plain and a light HTML part, the subject, an opt-out link
  assert.equal(smtp.messages.length, 1);
  const mail = smtp.messages[0];
  assert.deepEqual(mail.to, ['<ho2@example.vn>']);
  assert.match(mail.data, /Subject: =\?UTF-8\?B\?/);
  assert.match(mail.data, /Content-Type: text\/plain; charset=UTF-8/);
  assert.match(mail.data, /Content-Type: text\/html; charset=UTF-8/);
  assert.match(mail.data, /List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/notify\/stop\/\d+-[0-9a-f]{24}>/);
  // in the outbox: sent, one attempt each, the gateway's id kept
  assert.equal(bySubject(vote, "channel = 'sms' AND status = 'sent' AND attempts = 1 AND gateway_ref LIKE 'gw-%'"), '3');
  assert.equal(q(`SELECT COUNT(*) FROM notifications WHERE subject = 'matter:${vote}'`), '4', 'in-app to every account');
  assert.equal(q(`SELECT COUNT(*) FROM notify_attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.subject = 'matter:${vote}' AND a.ok = 1`), '5');
});

test('an e-mail\'s opt-out link shows the address masked and stops what follows', async () => {
  const link = smtp.messages[0].data.match(/List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+(\/notify\/stop\/[^>]+)>/)[1];
  const c = new Client(srv.base);
  const page = await c.get(link);
  assert.equal(page.status, 200);
  assert.ok(page.text_.includes('h***@example.vn') && !page.text_.includes('ho2@example.vn'));
  tidy(page.text_, 'stop');
  assert.equal((await c.get(link.replace(/.$/, (x) => (x === '0' ? '1' : '0')))).status, 404, 'a forged token');
  const r = await c.post(link, {}, { csrfFrom: link });
  assert.equal(r.status, 303);
  assert.equal(q("SELECT via FROM notify_optout WHERE address = 'ho2@example.vn'"), 'link');
});

test('a household votes by SMS with its code: the same ballot box, one per household, a receipt sent back', async () => {
  const code = (i) => textsTo(sms, p84(i), vote)[0].text.match(/BQ (\d{4})/)[1];
  const turnout = () => q(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${vote}`);
  const replies = (i) => sms.messages.filter((m) => m.to === p84(i) && !m.text.includes('/matters/'));
  // the vote's page tells how, in Vietnamese
  const votePage = (await new Client(srv.base).get(`/matters/${vote}`)).text_;
  assert.match(votePage, /<p class="meta" id="sms">Không dùng điện thoại thông minh\? Người đại diện hộ soạn tin BQ &lt;mã 4 số&gt; DONG Y/);
  // forgiving case, diacritics and spacing; the sender's number as the gateway gives it
  let r = await hook('sms', { from: p84(1), text: `  bq ${code(1)}   đồng ý `, id: 'in-1' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.action, 'BQ');
  assert.equal(turnout(), '1');
  assert.equal(q(`SELECT via || ' ' || COALESCE(user_id, 0) FROM matter_turnout WHERE matter_id = ${vote}`), 'sms 0');
  await until(() => replies(1).length === 1, 10000, 'the receipt');
  const receipt = replies(1)[0].text.match(/Ma bien nhan: (R-[A-Z0-9]{5}-[A-Z0-9]{5})/)[1];
  // the receipt is the ballot box's: the site finds it
  const check = await new Client(srv.base).get(`/matters/${vote}?receipt=${receipt}`);
  assert.match(check.text_, /id="checked"/);
  // the gateway posts the same message again: handled once
  r = await hook('sms', { from: p84(1), text: `BQ ${code(1)} DONG Y`, id: 'in-1' });
  assert.equal(r.body.duplicate, true);
  // once per household: refused, nothing stored, told why
  r = await hook('sms', { from: p84(1), text: `BQ ${code(1)} KHONG DONG Y`, id: 'in-2' });
  assert.equal(r.body.refused, true);
  assert.equal(turnout(), '1');
  // a wrong code, an unknown number, a grammar it does not know: an answer, nothing stored
  r = await hook('sms', { from: p84(2), text: 'BQ 0000 DONG Y', id: 'in-3' });
  assert.equal(r.status, 200);
  r = await hook('sms', { from: '0399999999', text: `BQ ${code(1)} DONG Y`, id: 'in-4' });
  r = await hook('sms', { from: p84(4), text: 'xin chao', id: 'in-5' });
  assert.equal(r.body.action, 'help');
  assert.equal(turnout(), '1');
  const unknown = () => sms.messages.filter((m) => m.to === '84399999999');
  await until(() => replies(1).length === 2 && replies(2).length === 1 && replies(4).length === 1 && unknown().length >= 1, 10000, 'the answers');
  assert.match(replies(1)[1].text, /Ho gia dinh cua ban da bieu quyet noi dung nay/);
  assert.match(replies(2)[0].text, /Ma bieu quyet khong dung/);
  assert.match(replies(4)[0].text, /soan BQ <ma> DONG Y/);
  assert.equal(unknown().length, 1, 'the unknown number is answered once');
  assert.match(unknown()[0].text, /khong co ma bieu quyet/);
  // household 4 votes against, by its own code
  r = await hook('sms', { from: phone(4), text: `BQ ${code(4)} KHONG DONG Y`, id: 'in-6' });
  assert.equal(r.body.refused, false);
  assert.equal(turnout(), '2');
});

test('a ballot cast on the site tells its voter, with the receipt and never the choice (COSO_NOTIFY_BALLOTS=1)', async () => {
  const r = await apiJson(v.reps[2], 'POST', `/api/v1/matters/${vote}/ballots`, { choice: 'against' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const receipt = r.body.receipt;
  // not in-app (the matter's page shows the household's ballot): by the voter's channel
  assert.equal(q(`SELECT COUNT(*) FROM notifications WHERE kind = 'ballot.cast'`), '0');
  assert.equal(q(`SELECT COUNT(*) FROM outbox WHERE kind = 'ballot.cast' AND channel = 'sms'`), '1');
  await until(() => sms.messages.some((m) => m.to === p84(2) && m.text.includes(receipt)), 10000, 'the SMS');
  const t = sms.messages.find((m) => m.to === p84(2) && m.text.includes(receipt)).text;
  assert.match(t, /^Phieu cua ho da duoc ghi nhan luc \d\d:\d\d ngay/);
  assert.doesNotMatch(t, /khong dong y|against/i);
});

test('the webhooks refuse what a gateway did not send and what is malformed, changing nothing', async () => {
  const before = q('SELECT COUNT(*) FROM sms_inbound');
  let r = await hook('sms', { from: p84(1), text: 'TU CHOI', id: 'f-1' }, 'not-the-secret');
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'forbidden');
  r = await hook('sms', { text: 'TU CHOI', id: 'f-2' });
  assert.equal(r.status, 400);
  assert.ok(r.body.error.fields.some((f) => f.field === 'from'));
  r = await hook('sms', { from: p84(1), text: 'x'.repeat(600), id: 'f-3' });
  assert.equal(r.status, 400);
  r = await fetch(`${srv.base}/hooks/sms/test-sms`, { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json', 'x-coso-secret': HOOK } });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.code !== undefined, true);
  r = await fetch(`${srv.base}/hooks/sms/no-such-gateway`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', 'x-coso-secret': HOOK } });
  assert.equal(r.status, 404);
  assert.equal(q('SELECT COUNT(*) FROM sms_inbound'), before);
  assert.equal(q(`SELECT COUNT(*) FROM notify_optout WHERE address = '${phone(1)}'`), '0');
});

test('opting out by reply is honoured at once; opting in again', async () => {
  let r = await hook('sms', { from: p84(4), text: 'Từ chối', id: 'o-1' });
  assert.equal(r.body.action, 'opt_out');
  assert.equal(q(`SELECT via FROM notify_optout WHERE address = '${phone(4)}'`), 'sms');
  const id = await putMatter('Họp bàn trồng cây xanh', 'meeting');
  await until(() => textsTo(sms, p84(1), id).length === 1, 10000, 'the meeting notice', explain(id));
  await new Promise((res) => setTimeout(res, 1200));
  assert.equal(textsTo(sms, p84(4), id).length, 0, 'nothing to a number that opted out');
  assert.equal(bySubject(id, `address = '${phone(4)}'`), '0');
  // the confirmation still went (an answer to what the person sent)
  await until(() => sms.messages.some((m) => m.to === p84(4) && /ngung nhan tin/.test(m.text)), 10000, 'the confirmation');
  r = await hook('sms', { from: p84(4), text: 'nhan tin', id: 'o-2' });
  assert.equal(r.body.action, 'opt_in');
  assert.equal(q(`SELECT COUNT(*) FROM notify_optout WHERE address = '${phone(4)}'`), '0');
});

test('delivery reports update a message; forged and malformed ones change nothing', async () => {
  const id = q(`SELECT id FROM outbox WHERE subject = 'matter:${vote}' AND address = '${phone(1)}' AND channel = 'sms'`);
  let r = await hook('delivery', { id, status: 'delivered' });
  assert.equal(r.status, 200);
  assert.equal(q(`SELECT status FROM outbox WHERE id = ${id}`), 'delivered');
  const id2 = q(`SELECT id FROM outbox WHERE subject = 'matter:${vote}' AND address = '${phone(2)}' AND channel = 'sms'`);
  r = await hook('delivery', { id: id2, status: 'failed', error: 'UNDELIV: absent subscriber' });
  assert.equal(q(`SELECT status || ' ' || last_error FROM outbox WHERE id = ${id2}`), 'failed UNDELIV: absent subscriber');
  r = await hook('delivery', { id: id2, status: 'delivered' }, 'forged');
  assert.equal(r.status, 403);
  r = await hook('delivery', { id: 999999999, status: 'delivered' });
  assert.equal(r.status, 404);
  r = await hook('delivery', { status: 'delivered' });
  assert.equal(r.status, 400);
  assert.equal(q(`SELECT status FROM outbox WHERE id = ${id2}`), 'failed');
});

test('a failing gateway: retried with back-off, failed after the last attempt with its answer; an administrator retries', async () => {
  // what earlier tests queued (answers to SMS) is sent first, then: 500 twice, then fine
  await until(() => q(`SELECT COUNT(*) FROM outbox WHERE status = 'waiting' AND channel = 'sms' AND due_at <= ${Math.floor(Date.now() / 1000) + 10}`) === '0', 10000, 'an empty queue (claimed ones too: their lease is 2 s)');
  sms.failNext = 2;
  const id = await putMatter('Họp bàn lắp camera an ninh', 'meeting');
  await until(() => bySubject(id, "channel = 'sms' AND status = 'sent'") === '3', 20000, 'sent after retries', explain(id));
  const attempts = q(`SELECT MAX(attempts) FROM outbox WHERE subject = 'matter:${id}' AND channel = 'sms'`);
  assert.ok(Number(attempts) >= 2, attempts);
  assert.match(q(`SELECT a.answer FROM notify_attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.subject = 'matter:${id}' AND a.ok = 0 LIMIT 1`), /^HTTP 500 internal error/);
  // each failed try is recorded before the one that succeeded, a back-off apart
  const most = q(`SELECT id FROM outbox WHERE subject = 'matter:${id}' AND channel = 'sms' ORDER BY attempts DESC LIMIT 1`);
  const ats = q(`SELECT at FROM notify_attempts WHERE outbox_id = ${most} ORDER BY at`).split('\n').map(Number);
  assert.equal(ats.length, Number(attempts));
  for (let k = 1; k < ats.length; k++) assert.ok(ats[k] - ats[k - 1] >= 1, ats.join(' '));
  // 200 with an error body is not success; after max_attempts (4): failed, with the answer
  sms.mode = 'error200';
  const id2 = await putMatter('Họp bàn sửa loa truyền thanh', 'meeting');
  await until(() => bySubject(id2, "channel = 'sms' AND status = 'failed'") === '3', 30000, 'failed for good', explain(id2));
  assert.equal(bySubject(id2, "channel = 'sms' AND attempts = 4 AND last_error LIKE '%brandname not registered%'"), '3');
  sms.mode = 'ok';
  // the administrator sees it, masked, and sends it again
  const admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  const list = await admin.get('/admin/outbox?status=failed&channel=sms');
  assert.equal(list.status, 200);
  tidy(list.text_, 'outbox');
  assert.ok(list.text_.includes('03******02'), 'masked');
  assert.ok(!list.text_.includes(phone(2)), 'never in full');
  const mid = q(`SELECT id FROM outbox WHERE subject = 'matter:${id2}' AND address = '${phone(2)}' AND channel = 'sms'`);
  const page = await admin.get(`/admin/outbox/${mid}`);
  tidy(page.text_, 'outbox message');
  assert.match(page.text_, /brandname not registered/);
  assert.equal((page.text_.match(/<li>[^<]*không thành công/g) || []).length, 4, 'four attempts listed');
  const r = await admin.post(`/admin/outbox/${mid}`, { op: 'retry' }, { csrfFrom: `/admin/outbox/${mid}` });
  assert.equal(r.status, 303);
  await until(() => q(`SELECT status FROM outbox WHERE id = ${mid}`) === 'sent', 10000, 'sent again');
  // another province's administrator does not see it
  assert.equal(q(`SELECT province FROM outbox WHERE id = ${mid}`), '24');
});

test('the gateway down for a while, then back: every message arrives exactly once', async () => {
  await sms.down();
  const id = await putMatter('Họp bàn vệ sinh môi trường', 'meeting');
  await until(() => Number(bySubject(id, "channel = 'sms' AND attempts >= 1 AND status = 'waiting'")) === 3, 15000, 'tried while down');
  assert.match(q(`SELECT last_error FROM outbox WHERE subject = 'matter:${id}' AND channel = 'sms' LIMIT 1`), /connect/i);
  await new Promise((r) => setTimeout(r, 1500));
  const dups = sms.duplicates;
  await sms.up();
  await until(() => bySubject(id, "channel = 'sms' AND status = 'sent'") === '3', 20000, 'sent when back', explain(id));
  for (const i of [1, 2, 4]) assert.equal(textsTo(sms, p84(i), id).length, 1, `household ${i} once`);
  assert.equal(sms.duplicates, dups);
});

test('a gateway that answers too late: a timeout is a failure, tried again, and received once (it honours the key)', async () => {
  gateway('sms', 'test-sms', smsConfig({ timeout_ms: 400 }));
  await new Promise((r) => setTimeout(r, 1500));
  sms.mode = 'slow';
  sms.delayMs = 1200;
  const id = await putMatter('Họp bàn khi cổng tin nhắn chậm', 'meeting');
  await until(() => Number(bySubject(id, "channel = 'sms' AND attempts >= 1")) === 3, 15000, 'the first tries');
  assert.match(q(`SELECT last_error FROM outbox WHERE subject = 'matter:${id}' AND channel = 'sms' LIMIT 1`), /Timeout/i);
  sms.mode = 'ok';
  await until(() => bySubject(id, "channel = 'sms' AND status = 'sent'") === '3', 20000, 'sent', explain(id));
  await new Promise((r) => setTimeout(r, 1500)); // the slow first requests arrive at the gateway too
  for (const i of [1, 2, 4]) assert.equal(textsTo(sms, p84(i), id).length, 1, `household ${i} received once`);
  gateway('sms', 'test-sms', smsConfig());
  await new Promise((r) => setTimeout(r, 1500));
});

test('quiet hours: an SMS written then waits for the morning; an e-mail does not wait', async () => {
  const hour = (new Date().getUTCHours() + 7) % 24;
  gateway('sms', 'test-sms', smsConfig({ quiet_from: hour, quiet_to: (hour + 2) % 24 }));
  gateway('email', 'test-email', emailConfig({ quiet_from: hour, quiet_to: (hour + 2) % 24 }));
  await new Promise((r) => setTimeout(r, 1500)); // the worker reads the gateways each round
  // household 4 hears by SMS and e-mail from now on (household 2's address opted out above)
  await smsAndEmail(v.reps[4], 'ho4@example.vn');
  const written = Math.floor(Date.now() / 1000);
  const id = await putMatter('Họp bàn giờ yên tĩnh', 'meeting');
  // the e-mail is due at once and sent (quiet hours hold phones only), whatever the hour
  assert.equal(bySubject(id, `channel = 'email' AND due_at <= ${written + 5}`), '1');
  await until(() => smtp.messages.some((m) => m.to.includes('<ho4@example.vn>')), 10000, 'the e-mail in quiet hours', explain(id));
  const due = Number(q(`SELECT MIN(due_at) FROM outbox WHERE subject = 'matter:${id}' AND channel = 'sms'`));
  const local = new Date((due + 7 * 3600) * 1000);
  assert.equal(local.getUTCHours(), (hour + 2) % 24);
  assert.equal(local.getUTCMinutes(), 0);
  await new Promise((r) => setTimeout(r, 2000));
  assert.equal(bySubject(id, "channel = 'sms' AND status = 'waiting' AND attempts = 0"), '3');
  gateway('sms', 'test-sms', smsConfig());
  gateway('email', 'test-email', emailConfig());
});

test('numbers are masked on pages and never in the logs, the events or the ledger', async () => {
  const admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  for (const p of ['/admin/outbox', '/admin/outbox?channel=sms&status=sent', '/admin/outbox/gateways', '/admin/outbox/templates']) {
    const page = await admin.get(p);
    assert.equal(page.status, 200, p);
    tidy(page.text_, p);
    for (const i of [1, 2, 3, 4]) assert.ok(!page.text_.includes(phone(i)) && !page.text_.includes(p84(i)), `${p}: household ${i}`);
    assert.ok(!page.text_.includes(sms.secret), 'the secret is never shown');
  }
  const log = srv.stderr();
  assert.match(log, /notify: \d+ sent/, 'the worker logs what it did');
  for (const i of [1, 2, 3, 4]) assert.ok(!log.includes(phone(i).slice(1)), `log: household ${i}`);
  assert.ok(!log.includes(sms.secret) && !log.includes(HOOK), 'no secret in the log');
  assert.equal(q("SELECT COUNT(*) FROM events WHERE payload LIKE '%0388%' OR payload LIKE '%38800%'"), '0');
  const ledger = await new Client(srv.base).get('/ledger');
  assert.ok(!ledger.text_.includes('0388'));
  // metrics: by channel, kind and status; the queue
  const m = (await new Client(srv.base).get('/metrics')).text_;
  assert.match(m, /coso_outbox_messages\{channel="sms",kind="meeting.notice",status="sent"\} \d+/);
  assert.match(m, /coso_outbox_queue_depth \d+/);
});

test('a template or gateway that does not check is refused with its line and reason; nothing stored', async () => {
  const bad = join(dir, 'bad.txt');
  writeFileSync(bad, 'sms_segments: 3\n\nkind: matter.opened\ntitle: {village}\nbody: {title}\nsms: {village} {unknown}\n');
  let r = cli(['notify', 'templates', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.txt:6: sms: Tên nội dung không dùng được với loại tin này: \{unknown\}/);
  writeFileSync(bad, 'kind: no.such.kind\ntitle: x\n');
  r = cli(['notify', 'templates', bad]);
  assert.match(r.stderr, /bad\.txt:1: kind: Loại tin không có trong hệ thống: no\.such\.kind/);
  assert.equal(cli(['notify', 'templates', 'data/notify/templates.txt']).status, 0);
  // refused gateways: a request template naming a {name} that has no value; a secret whose variable is empty
  const gw = join(dir, 'gw.json');
  writeFileSync(gw, JSON.stringify(smsConfig({ body: '{"to": "{phone}"}' })));
  r = cli(['notify', 'gateway', '24', 'sms', 'bad-sms', gw, '--db', srv.db.url], { env: { ...process.env, ...env } });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\{phone\}/);
  writeFileSync(gw, JSON.stringify(smsConfig({ secret_env: 'NOT_SET_ANYWHERE' })));
  r = cli(['notify', 'gateway', '24', 'sms', 'bad-sms', gw, '--db', srv.db.url]);
  assert.match(r.stderr, /NOT_SET_ANYWHERE/);
  assert.equal(q("SELECT COUNT(*) FROM notify_gateways WHERE name = 'bad-sms'"), '0');
  // the administrators' form: every problem beside its field, nothing stored
  const admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  const p = await admin.post('/admin/outbox/gateways', { province: '01', channel: 'fax', name: 'Bad Name', config: '{nope' }, { csrfFrom: '/admin/outbox/gateways' });
  assert.equal(p.status, 400);
  tidy(p.text_, 'gateways');
  for (const f of ['province', 'channel', 'name', 'config']) assert.match(p.text_, new RegExp(`id="f-${f}-error"|id="err-${f}"|f-${f}`));
  assert.equal(q("SELECT COUNT(*) FROM notify_gateways WHERE province = '01'"), '0');
});

test('a resident\'s choices: checked, kept when refused, saved', async () => {
  const c = v.reps[1];
  let r = await c.post('/me/notifications', { op: 'prefs', channels: 'email', topics: 'nope', email: 'not an address' }, { csrfFrom: '/me/notifications' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'prefs refused');
  assert.match(r.text_, /Địa chỉ thư điện tử không hợp lệ/);
  assert.match(r.text_, /value="not an address"/);
  r = await c.post('/me/notifications', { op: 'prefs', channels: 'sms', topics: 'village', phone: '+84 388 000 111' }, { csrfFrom: '/me/notifications' });
  assert.equal(r.status, 303);
  assert.equal(q(`SELECT channels || '|' || topics || '|' || phone FROM notify_prefs p JOIN users u ON u.id = p.user_id WHERE u.username = 'ho1.to91'`), 'sms|village|0388000111');
  const page = (await c.get('/me/notifications?saved=1')).text_;
  assert.match(page, /Đã lưu lựa chọn nhận thông báo/);
  tidy(page, 'prefs');
});

test('Zalo refuses a number or its quota is spent: the same message goes by SMS', async () => {
  zalo.notZalo.add(p84(3));
  const id = await putMatter('Họp bàn sửa đường nội đồng', 'meeting');
  await until(() => textsTo(sms, p84(3), id).length === 1, 15000, 'the SMS fallback', explain(id));
  assert.match(q(`SELECT status || ' ' || last_error FROM outbox WHERE subject = 'matter:${id}' AND channel = 'zalo'`), /^failed HTTP 200 .*not a Zalo user/);
  // the gateway has it; the worker marks it sent right after its answer
  await until(() => bySubject(id, "channel = 'sms' AND idem LIKE '%|fallback' AND status = 'sent'") === '1', 10000, 'the fallback marked sent');
  zalo.notZalo.clear();
  zalo.quota = 0;
  q("UPDATE notify_tokens SET quota = 0 WHERE gateway = 'test-zalo'");
  const before = zalo.requests;
  const id2 = await putMatter('Họp bàn khi hết hạn mức Zalo', 'meeting');
  await until(() => textsTo(sms, p84(3), id2).length === 1, 15000, 'the SMS when the quota is spent', explain(id2));
  assert.equal(zalo.requests, before, 'nothing sent to Zalo with no quota left');
  assert.match(q(`SELECT last_error FROM outbox WHERE subject = 'matter:${id2}' AND channel = 'zalo'`), /quota/);
  zalo.quota = 100;
  q("UPDATE notify_tokens SET quota = 100 WHERE gateway = 'test-zalo'");
});

test('a daily cap per person: what is beyond it that day is not sent', async () => {
  gateway('sms', 'test-sms', smsConfig({ daily_cap: 1 }));
  await new Promise((r) => setTimeout(r, 1500));
  const id = await putMatter('Họp bàn vượt hạn mức tin nhắn', 'meeting');
  await until(() => bySubject(id, "channel = 'sms' AND status <> 'waiting'") === '3', 15000, 'screened', explain(id));
  assert.equal(bySubject(id, "channel = 'sms' AND status = 'cancelled' AND last_error = 'daily cap'"), '3', 'every number had its SMS today');
  gateway('sms', 'test-sms', smsConfig());
  await new Promise((r) => setTimeout(r, 1500));
});

test('reminders: a person who chose them gets the day\'s tasks by their channel, once a day', async () => {
  const head = q("SELECT id FROM users WHERE username = 'totruong.kinhbac'");
  q(`INSERT INTO notify_prefs(user_id, channels, topics, phone, email, updated_at) VALUES (${head}, 'sms', 'reminders', '0377000999', '', 0)`);
  let r = cli(['notify', 'digest', '--db', srv.db.url], { env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^1 people reminded/);
  await until(() => sms.messages.some((m) => m.to === '84377000999'), 10000, 'the digest');
  const d = sms.messages.filter((m) => m.to === '84377000999');
  assert.match(d[0].text, /^Ban co \d+ viec can lam tren coso, \d+ viec qua han\. Xem: http:\/\/127\.0\.0\.1:\d+\/me$/);
  // the same day again: nothing more (the key carries the day)
  r = cli(['notify', 'digest', '--db', srv.db.url], { env: { ...process.env, ...env } });
  assert.equal(r.status, 0);
  await new Promise((res) => setTimeout(res, 1500));
  assert.equal(sms.messages.filter((m) => m.to === '84377000999').length, 1);
});

test('kill -9 during delivery: nothing lost, and the count received is exact', async () => {
  gateway('sms', 'test-sms', smsConfig({ parallel: 2, rate: 4 }));
  await new Promise((r) => setTimeout(r, 1500));
  sms.mode = 'slow';
  sms.delayMs = 300;
  const before = sms.messages.length, dupsBefore = sms.duplicates;
  const ids = [];
  for (let k = 0; k < 4; k++) ids.push(await putMatter(`Họp bàn số ${k + 1} trước khi dừng máy`, 'meeting'));
  const want = ids.length * 3; // households 1, 2, 4 by SMS
  await until(() => sms.messages.length > before, 15000, 'the first messages');
  await srv.kill9();
  const gotAtCrash = sms.messages.length - before;
  assert.ok(gotAtCrash < want, `killed mid-delivery (${gotAtCrash} of ${want})`);
  sms.mode = 'ok';
  srv = await startServer(env, { db: srv.db });
  const sent = () => Number(q(`SELECT COUNT(*) FROM outbox WHERE subject IN (${ids.map((i) => `'matter:${i}'`).join(',')}) AND channel = 'sms' AND status = 'sent'`));
  await until(() => sent() === want, 30000, 'all sent after the restart');
  const received = sms.messages.slice(before).filter((m) => ids.some((i) => m.text.includes(`/matters/${i}`)));
  assert.equal(received.length, want, 'each message received once (the gateway honours the key)');
  // what was in flight at the crash (2 at a time; outcomes written every 200 ms) was sent
  // again at most once, with the same key
  assert.ok(sms.duplicates - dupsBefore <= 2 + 2, `duplicates ${sms.duplicates - dupsBefore}`);
});
