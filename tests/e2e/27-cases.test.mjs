// Issue #15: feedback, complaints and denunciations through the real binary.
// A resident files a petition with a photo and follows it by its code; an
// officer takes it to its answer and the resident hears of every change by
// SMS through a fake gateway and rates it once; every bad input is refused
// and writes nothing; a complaint after the 90 days is flagged; a
// denouncer's identity is absent from every surface but the handler's and
// the head's; SMS filing and status; Open311 in JSON and XML validated with
// independent tools (python3-jsonschema, xmllint); the /me inbox; citizen
// reception; the published statistics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startServer, Client, tidy, apiJson, cli, makeVillage, BACKEND } from './lib.mjs';
import { smsGateway, until } from './fakegw.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'coso-cases-'));
const HOOK = 'hook-' + Math.random().toString(36).slice(2);
const KEY = 'coso-demo-open311-2026';
let srv, sms, officer, chair, stranger, env, v;
const q = (sql) => srv.db.sql(sql);
const count = (where) => Number(q(`SELECT COUNT(*) FROM cases WHERE ${where}`));
// a tiny PNG (1×1), checked by its content
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
  '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

function gateway(channel, name, config) {
  const f = join(dir, `${name}.json`);
  writeFileSync(f, JSON.stringify(config));
  const r = cli(['notify', 'gateway', '*', channel, name, f, '--db', srv.db.url], { env: { ...process.env, ...env } });
  assert.equal(r.status, 0, r.stderr);
}

// An anonymous visitor with the pre-session CSRF cookie.
async function visitor() {
  const c = new Client(srv.base);
  await c.get('/units/07582/feedback');
  return c;
}

// A JSON request of an anonymous visitor, with the pre-session CSRF cookie and header.
async function anonJson(c, method, path, body) {
  const r = await c.req(method, path, {
    body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': await c.csrf('/units/07582/feedback') },
  });
  return { status: r.status, body: JSON.parse(r.text_) };
}

// Posts the filing form as multipart (the browser's way), with files.
async function fileForm(c, unit, fields, files = []) {
  const fd = new FormData();
  fd.set('csrf', await c.csrf(`/units/${unit}/feedback`));
  for (const [k, val] of Object.entries(fields)) fd.set(k, val);
  for (const f of files) fd.append('files', new Blob([f.data], { type: f.type }), f.name);
  return c.req('POST', `/units/${unit}/feedback`, { body: fd });
}

// The form of a case's page, posted: /cases/{id}/{action}.
async function act(c, id, action, fields = {}) {
  return c.post(`/cases/${id}/${action}`, fields, { csrfFrom: `/cases/${id}` });
}

// Everything the database holds, as text.
function dump() {
  if (BACKEND === 'pg') return execFileSync('pg_dump', ['--data-only', '--dbname', srv.db.url], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return execFileSync('sqlite3', [srv.db.url, '.dump'], { encoding: 'utf8', maxBuffer: 1 << 30 });
}

async function hook(from, text, id, secret = HOOK) {
  const r = await fetch(`${srv.base}/hooks/sms/test-sms`, {
    method: 'POST', body: JSON.stringify({ from, text, id }), headers: { 'content-type': 'application/json', 'x-coso-secret': secret },
  });
  return { status: r.status, body: await r.json() };
}

before(async () => {
  sms = await smsGateway();
  env = { COSO_NOTIFY_WORKER: '1', COSO_NOTIFY_LEASE: '2', TEST_SMS_SECRET: sms.secret, TEST_HOOK_SECRET: HOOK };
  srv = await startServer(env);
  // the fake gateway is the only SMS gateway (the demo's writes a file, with quiet hours)
  q(`DELETE FROM notify_gateways WHERE name LIKE 'demo-%'`);
  gateway('sms', 'test-sms', {
    type: 'http', url: `${sms.base}/send`, method: 'POST',
    headers: ['Content-Type: application/json', 'Authorization: Bearer {secret}'],
    body: '{"to": "{to84}", "text": "{text}", "sender": "{sender}", "id": "{id}"}',
    ok_contains: '"status":"ok"', ref_field: 'message_id', secret_env: 'TEST_SMS_SECRET', sender: 'UBND XA',
    inbound_secret_env: 'TEST_HOOK_SECRET', inbound_from: ['127.0.0.1'], retry_base_ms: 100, quiet_from: 0, quiet_to: 0,
  });
  // the server has read it once its webhook knows it (gateways are read again at most once a second)
  await until(async () => (await hook('84900000000', 'x', 'probe', 'wrong-secret')).status === 403, 10000, 'the gateway read');
  officer = new Client(srv.base);
  await officer.login('canbo.lucngan');
  chair = new Client(srv.base);
  await chair.login('chutich.lucngan');
  stranger = new Client(srv.base);
  await stranger.login('canbo.kinhbac');
  v = await makeVillage(srv, { code: '09187-71', tag: 'to71', households: 1, phone: '0377' });
});
after(async () => {
  await srv.stop();
  await sms.stop?.();
});

test('a petition with a photo: the code, the public page without personal data, the SMS, the answer, the rating once', async () => {
  const c = await visitor();
  const before = count('1 = 1');
  let r = await fileForm(c, '07582-01', {
    kind: 'petition', category: 'ha-tang', body: 'Đèn đường ở ngõ 7 thôn Trung hỏng đã hai tuần', name: 'Nguyễn Thị Riêng Tư',
    phone: '0912 345 678',
  }, [{ name: 'den.png', type: 'image/png', data: PNG }]);
  assert.equal(r.status, 303, r.text_);
  const code = r.headers.get('location').match(/\/track\/(PAKN-\d{4}-[0-9A-Z]{6})\?new=1$/)[1];
  assert.equal(count('1 = 1'), before + 1);
  const id = q(`SELECT id FROM cases WHERE code = '${code}'`);
  assert.equal(q(`SELECT COUNT(*) FROM case_files WHERE case_id = ${id} AND mime = 'image/png'`), '1');
  // the public page: the code, the status, the deadline; no name, no number
  r = await c.get(`/track/${code}?new=1`);
  assert.equal(r.status, 200);
  tidy(r.text_, 'track');
  assert.ok(r.text_.includes(code) && r.text_.includes('Đã tiếp nhận') && r.text_.includes('Hạn thụ lý, chuyển đơn'));
  assert.ok(!r.text_.includes('Riêng Tư') && !r.text_.includes('345678') && !r.text_.includes('345 678'));
  // forgiving of case and separators
  r = await c.get(`/track?code=${code.toLowerCase().replaceAll('-', ' ')}`);
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/track/${code}`);
  assert.equal((await c.get('/track/PAKN-2612-ZZZZZZ')).status, 404);
  // the filer hears by SMS on the number given
  await until(() => sms.messages.some((m) => m.to === '84912345678' && m.text.includes(code)), 15000, 'the SMS of receipt');
  // another commune's officer may not act; nor may anyone without the CSRF token
  assert.equal((await act(stranger, id, 'accept')).status, 403);
  assert.equal((await officer.post(`/cases/${id}/accept`, {})).status, 403);
  assert.equal(q(`SELECT status FROM cases WHERE id = ${id}`), 'received');
  // the officer accepts and answers from the case's page
  let page = await officer.get(`/cases/${id}`);
  tidy(page.text_, 'case');
  assert.ok(page.text_.includes('Nguyễn Thị Riêng Tư'), 'the handler sees who filed');
  assert.equal((await act(officer, id, 'accept')).status, 303);
  r = await act(officer, id, 'resolve', { answer: '' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /href="#f-answer"/);
  r = await act(officer, id, 'resolve', { answer: 'Đã thay bóng đèn mới ngày hôm nay.', decision_ref: 'Công văn 5/UBND' });
  assert.equal(r.status, 200);
  const link = r.text_.match(/\/rate\/[A-Z0-9-]+\?t=[A-Za-z0-9_-]+/)[0];
  // the acceptance and the answer, each by SMS (sent by the delivery workers in either order)
  await until(() => sms.messages.some((m) => m.to === '84912345678' && m.text.includes('/rate/'))
    && sms.messages.some((m) => m.to === '84912345678' && /Da thu ly|Đã thụ lý/.test(m.text)), 15000, 'the SMS of the acceptance and of the answer');
  // the answer is public; the rating works once
  assert.ok((await c.get(`/track/${code}`)).text_.includes('Đã thay bóng đèn mới'));
  const rc = new Client(srv.base);
  page = await rc.get(link);
  assert.equal(page.status, 200);
  tidy(page.text_, 'rate');
  const t = link.split('t=')[1];
  r = await rc.post(`/rate/${code}`, { t, level: '9' }, { csrfFrom: link });
  assert.equal(r.status, 400);
  r = await rc.post(`/rate/${code}`, { t, level: '5', on_time: '1', attitude: '4', visits: '1', comment: 'Cảm ơn' }, { csrfFrom: link });
  assert.equal(r.status, 200);
  r = await rc.post(`/rate/${code}`, { t, level: '1', csrf: await rc.csrf('/units/07582/feedback') });
  assert.equal(r.status, 403, 'a rating link is used once');
  assert.equal(q(`SELECT level FROM case_ratings WHERE case_id = ${id}`), '5');
  assert.equal(q(`SELECT status FROM cases WHERE id = ${id}`), 'rated');
  // the ledger has the public acts, without the filer
  const led = q(`SELECT COUNT(*) FROM events WHERE kind LIKE 'case.%' AND subject = 'case:${id}' AND public = 1 AND payload LIKE '%${code}%'`);
  assert.equal(led, '4'); // file, accept, resolve, rate
});

test('bad input is refused with its field and writes nothing', async () => {
  const c = await visitor();
  const before = count('1 = 1');
  const files = before;
  let r = await fileForm(c, '07582', {
    kind: 'complaint', category: 'ha-tang', body: '<script>alert(1)</script> đèn hỏng', anonymous: '1', phone: '12ab',
    lat: '95', lon: '200',
  }, [{ name: 'anh.jpg', type: 'image/jpeg', data: Buffer.from('not a picture at all') }]);
  assert.equal(r.status, 400);
  tidy(r.text_, 'refused form');
  for (const f of ['body', 'anonymous', 'name', 'address', 'phone', 'lat', 'act_date', 'files']) assert.match(r.text_, new RegExp(`href="#f-${f}"`), f);
  assert.ok(!r.text_.includes('<script>alert'), 'escaped');
  assert.ok(r.text_.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'what was typed is kept, escaped');
  // a service that needs a place, without one
  r = await fileForm(c, '07582', { kind: 'petition', category: 'ha-tang', body: 'Đường hỏng nhiều chỗ lắm rồi', anonymous: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /href="#f-location"/);
  // a village that is not the commune's
  r = await fileForm(c, '07582', { kind: 'petition', category: 'khac', body: 'Nội dung đủ dài để gửi', anonymous: '1', village: '09187-01' });
  assert.match(r.text_, /href="#f-village"/);
  // the API: every problem at once, in the one refusal shape
  const a = await anonJson(c, 'POST', '/api/v1/cases', { unit: '07582', kind: 'denunciation', description: 'ngắn', email: 'x@' });
  assert.equal(a.status, 400);
  assert.deepEqual(a.body.error.fields.map((f) => f.field).sort(), ['address', 'body', 'email', 'name']);
  assert.equal((await anonJson(c, 'POST', '/api/v1/cases', { unit: 'khong-co', description: 'Nội dung đủ dài' })).status, 400);
  assert.equal((await anonJson(c, 'POST', '/api/v1/cases', { unit: '07582', kind: 'board_rec', description: 'Nội dung đủ dài' })).status, 400,
    'a board recommendation is entered by officers');
  assert.equal(count('1 = 1'), before, 'nothing written');
  assert.equal(Number(q('SELECT COUNT(*) FROM cases')), files);
});

test('the API: filing once per Idempotency-Key, the list shape, a case by its code without personal data', async () => {
  const c = await visitor();
  const csrf = await c.csrf('/units/07582/feedback');
  const post = (key) => c.req('POST', '/api/v1/cases', {
    body: JSON.stringify({ unit: '07582', kind: 'petition', category: 'moi-truong', description: 'Rác ứ đọng ở chợ thôn Trung', village: '07582-01', name: 'Lò Văn Kín', phone: '0987000111', lat: 21.39, long: 106.51 }),
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'idempotency-key': key },
  });
  const r1 = await post('k-1'), r2 = await post('k-1'), r3 = await post('k-2');
  assert.equal(r1.status, 201, r1.text_);
  assert.equal(r2.status, 201, 'the retry gets the first answer again');
  assert.equal(r2.headers.get('idempotent-replayed'), 'true');
  assert.equal(r3.status, 201);
  const b1 = JSON.parse(r1.text_), b2 = JSON.parse(r2.text_), b3 = JSON.parse(r3.text_);
  assert.equal(b1.code, b2.code, 'the same case for the same key');
  assert.notEqual(b1.code, b3.code);
  const one = await apiJson(new Client(srv.base), 'GET', `/api/v1/cases/${b1.code}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.status, 'received');
  assert.ok(!JSON.stringify(one.body).includes('Lò Văn Kín') && !JSON.stringify(one.body).includes('0987000111'));
  assert.equal((await apiJson(new Client(srv.base), 'GET', `/api/v1/cases/${b1.id}`)).status, 401, 'by id: its handlers and filer');
  const full = await apiJson(officer, 'GET', `/api/v1/cases/${b1.id}`);
  assert.equal(full.body.filer.name, 'Lò Văn Kín');
  assert.equal((await apiJson(stranger, 'GET', `/api/v1/cases/${b1.id}`)).status, 403);
  const list = await apiJson(new Client(srv.base), 'GET', '/api/v1/cases?unit=07582&kind=petition&limit=2');
  assert.equal(list.status, 200);
  assert.deepEqual(Object.keys(list.body).sort(), ['items', 'next', 'total']);
  assert.equal(list.body.items.length, 2);
  assert.ok(list.body.next);
  const next = await apiJson(new Client(srv.base), 'GET', `/api/v1/cases?unit=07582&kind=petition&limit=2&cursor=${list.body.next}`);
  assert.ok(!next.body.items.some((i) => list.body.items.some((j) => j.code === i.code)));
  assert.ok(!JSON.stringify(list.body).includes('Lò Văn Kín'));
  assert.equal((await apiJson(new Client(srv.base), 'GET', '/api/v1/cases?status=nope')).status, 400);
});

test('a complaint after the 90 days is recorded and flagged; the complex period is 45 days', async () => {
  const off = await apiJson(officer, 'POST', '/api/v1/cases', {
    unit: '07582', kind: 'complaint', channel: 'paper', category: 'dat-dai', description: 'Khiếu nại quyết định thu hồi đất năm trước',
    name: 'Hà Văn Muộn', address: 'Thôn Trung, xã Lục Ngạn', act_date: '2025-01-15', location: 'Thửa 7',
  });
  assert.equal(off.status, 201, JSON.stringify(off.body));
  const id = off.body.id;
  assert.equal(q(`SELECT late_filing FROM cases WHERE id = ${id}`), '1');
  let page = (await officer.get(`/cases/${id}`)).text_;
  assert.match(page, /Đơn gửi sau thời hiệu khiếu nại/);
  assert.equal((await act(officer, id, 'accept')).status, 303);
  const accepted = Number(q(`SELECT accepted_day FROM cases WHERE id = ${id}`));
  assert.equal(Number(q(`SELECT due_day FROM cases WHERE id = ${id}`)), accepted + 30);
  assert.equal((await act(officer, id, 'extend', { note: '' })).status, 400, 'an extension needs its reason');
  assert.equal((await act(officer, id, 'extend', { note: 'Nhiều người cùng khiếu nại' })).status, 303);
  assert.equal(Number(q(`SELECT due_day FROM cases WHERE id = ${id}`)), accepted + 45);
  assert.equal((await act(officer, id, 'extend', { note: 'Lần nữa' })).status, 400);
  // suspended: the clock stops; resumed: it runs again
  assert.equal((await act(officer, id, 'suspend', { note: 'Chờ kết quả giám định' })).status, 303);
  assert.equal(q(`SELECT due_day || ' ' || status FROM cases WHERE id = ${id}`), '0 suspended');
  assert.equal((await act(officer, id, 'resume', { note: 'Đã có kết quả giám định' })).status, 303);
  assert.equal(Number(q(`SELECT due_day FROM cases WHERE id = ${id}`)), accepted + 45, 'resumed the same day: nothing lost');
});

test('a denouncer\'s identity is sealed: in no list, export, log, notification, ledger or database dump; the head sees it, and that is recorded', async () => {
  const NAME = 'Trịnh Bảo Mật', ID = '038099012345', PHONE = '0966554433';
  const c = await visitor();
  const r = await anonJson(c, 'POST', '/api/v1/cases', {
    unit: '07582', kind: 'denunciation', description: 'Tố cáo cán bộ xã nhận hối lộ khi cấp phép xây dựng', name: NAME,
    address: 'Thôn Trung, xã Lục Ngạn', id_number: ID, phone: PHONE, email: 'bao.mat@example.vn',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id, code = r.body.code;
  assert.match(code, /^TC-/);
  const secrets = [NAME, ID, PHONE, '84966554433', 'bao.mat@example.vn'];
  const absent = (text, where) => { for (const s of secrets) assert.ok(!text.includes(s), `${s} in ${where}`); };
  absent(dump(), 'the database dump');
  absent((await officer.get('/units/07582/cases')).text_, 'the officers\' list');
  absent((await officer.get(`/cases/${id}`)).text_, 'the case page of an officer not assigned');
  absent(JSON.stringify((await apiJson(officer, 'GET', `/api/v1/cases/${id}`)).body), 'the API');
  absent(JSON.stringify((await apiJson(officer, 'GET', '/api/v1/cases?unit=07582&kind=denunciation')).body), 'the API list');
  absent((await new Client(srv.base).get(`/track/${code}`)).text_, 'the tracking page');
  absent((await officer.get('/units/07582/feedback-stats.csv')).text_, 'the statistics');
  absent((await officer.get('/units/07582/reception')).text_, 'the reception register');
  assert.equal((await act(officer, id, 'identity')).status, 403, 'not the officer who is not assigned');
  assert.equal((await act(stranger, id, 'identity')).status, 403);
  // the head sees it; the view is recorded
  const seen = await act(chair, id, 'identity');
  assert.equal(seen.status, 200);
  assert.ok(seen.text_.includes(NAME) && seen.text_.includes(ID));
  assert.equal(q(`SELECT COUNT(*) FROM case_ident_views WHERE case_id = ${id}`), '1');
  // the handler who takes it sees it too
  assert.equal((await act(officer, id, 'take')).status, 303);
  assert.ok((await act(officer, id, 'identity')).text_.includes(NAME));
  assert.equal(q(`SELECT COUNT(*) FROM case_ident_views WHERE case_id = ${id}`), '2');
  // after every act: still in no dump, no log, no message
  assert.equal((await act(officer, id, 'accept')).status, 303);
  absent(dump(), 'the database dump after acceptance');
  absent(srv.stderr(), 'the log');
  absent(JSON.stringify(sms.messages), 'the messages sent');
  // a petition filed openly cannot be reclassified as a denunciation
  const p = await anonJson(c, 'POST', '/api/v1/cases', { unit: '07582', description: 'Phản ánh thử nghiệm đổi loại', name: 'Công Khai' });
  const bad = await act(officer, p.body.id, 'classify', { kind: 'denunciation', category: 'khac' });
  assert.equal(bad.status, 400);
});

test('SMS: PA files a petition from a household\'s number, TRA answers a case\'s status, forgiving of case and diacritics', async () => {
  let r = await hook('84377000001', 'pa  Cống thoát nước tổ 71 bị tắc, nước tràn ra đường', 'in-1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const code = q(`SELECT code FROM cases WHERE channel = 'sms' AND phone = '0377000001'`);
  assert.match(code, /^PAKN-/);
  assert.equal(q(`SELECT u.code FROM cases k JOIN units u ON u.id = k.unit_id WHERE k.code = '${code}'`), '09187');
  assert.equal(q(`SELECT body FROM cases WHERE code = '${code}'`), 'Cống thoát nước tổ 71 bị tắc, nước tràn ra đường');
  await until(() => sms.messages.some((m) => m.to === '84377000001' && m.text.includes(code)), 15000, 'the reply with the code');
  r = await hook('84377000001', `Tra ${code.toLowerCase().replaceAll('-', ' ')}`, 'in-2');
  assert.equal(r.status, 200);
  await until(() => sms.messages.some((m) => m.to === '84377000001' && /Da tiep nhan|Đã tiếp nhận/.test(m.text) && m.text.includes(`/track/${code}`)), 15000, 'the status');
  // an unknown number must name the commune
  r = await hook('84399000999', 'PA Đường vào xóm bị sạt lở sau mưa', 'in-3');
  await until(() => sms.messages.some((m) => m.to === '84399000999' && /PA <ma xa 5 so>|PA <mã xã 5 số>/.test(m.text)), 15000, 'how to');
  r = await hook('84399000999', 'PA 07582 Đường vào xóm bị sạt lở sau mưa', 'in-4');
  assert.equal(q(`SELECT COUNT(*) FROM cases k JOIN units u ON u.id = k.unit_id WHERE k.phone = '0399000999' AND u.code = '07582'`), '1');
  r = await hook('84399000999', 'TRA PAKN-2612-ZZZZZZ', 'in-5');
  await until(() => sms.messages.some((m) => m.to === '84399000999' && /Khong co ho so|Không có hồ sơ/.test(m.text)), 15000, 'not found');
});

// Runs the JSON Schema (python3-jsonschema) or the XSD (xmllint) on a document.
function validJson(def, text) {
  const f = join(dir, `doc-${Math.random()}.json`);
  writeFileSync(f, text);
  const r = spawnSync(join(here, 'open311', 'validate.py'), [def, f], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${def}: ${r.stderr}\n${text.slice(0, 500)}`);
}
function validXml(text) {
  const f = join(dir, `doc-${Math.random()}.xml`);
  writeFileSync(f, text);
  const r = spawnSync('xmllint', ['--noout', '--schema', join(here, 'open311', 'georeport-v2.xsd'), f], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr}\n${text.slice(0, 500)}`);
}
// The values of an XML answer's leaf elements in order, to compare with its JSON.
const xmlLeaves = (x) => [...x.matchAll(/<([a-z_]+)>([^<]*)<\/\1>/g)].map((m) => [m[1], m[2].replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'")]);
const leaf = (x) => (x === null ? '' : typeof x === 'number' && !Number.isInteger(x) ? x.toFixed(6) : String(x));
function jsonLeaves(o, out = [], key = '') {
  if (Array.isArray(o)) o.forEach((x) => (x !== null && typeof x === 'object' ? jsonLeaves(x, out) : out.push([key, leaf(x)])));
  else if (o && typeof o === 'object') for (const [k, x] of Object.entries(o)) {
    if (x !== null && typeof x === 'object') jsonLeaves(x, out, k);
    else out.push([k, leaf(x)]);
  }
  return out;
}

async function both(path, def) {
  const j = await fetch(`${srv.base}/open311/v2/${path}.json`), x = await fetch(`${srv.base}/open311/v2/${path}.xml`);
  const jt = await j.text(), xt = await x.text();
  assert.equal(j.status, 200, jt);
  assert.equal(x.status, 200, xt);
  assert.match(j.headers.get('content-type'), /^application\/json/);
  assert.match(x.headers.get('content-type'), /^text\/xml/);
  validJson(def, jt);
  validXml(xt);
  // the two formats agree, value for value (formats arrays are lists of leaves too)
  const jl = jsonLeaves(JSON.parse(jt)), xl = xmlLeaves(xt);
  assert.deepEqual(xl.map(([k, val]) => [k === 'format' ? 'formats' : k, val]), jl.map(([k, val]) => [k, val]), path);
  return JSON.parse(jt);
}

test('Open311 GeoReport v2: every answer valid against the specification\'s schemas, in JSON and XML, which agree', async () => {
  const d = await both('discovery', 'discovery');
  assert.ok(d.endpoints[0].url.endsWith('/open311/v2'));
  assert.deepEqual(d.endpoints[0].formats.sort(), ['application/json', 'text/xml']);
  const services = await both('services', 'services');
  assert.ok(services.some((s) => s.service_code === 'ha-tang'));
  for (const s of services) await both(`services/${s.service_code}`, 'service_definition');
  // a request through the API key, as an Open311 client posts it (form-encoded)
  const form = (f) => fetch(`${srv.base}/open311/v2/requests.json`, { method: 'POST', body: new URLSearchParams(f) });
  const good = { api_key: KEY, jurisdiction_id: '07582', service_code: 'ha-tang', lat: '21.3901', long: '106.5012', description: 'Ổ gà lớn giữa đường liên thôn', first_name: 'Mai', last_name: 'Lan', phone: '0911222333', 'attribute[village]': '07582-01' };
  let r = await form(good);
  let t = await r.text();
  assert.equal(r.status, 201, t);
  validJson('post_response', t);
  const made = JSON.parse(t)[0];
  assert.match(made.service_request_id, /^PAKN-/);
  const x = await fetch(`${srv.base}/open311/v2/requests.xml`, { method: 'POST', body: new URLSearchParams({ ...good, description: 'Một ổ gà khác ở đầu thôn' }) });
  assert.equal(x.status, 201);
  validXml(await x.text());
  // its token, the request by id, the list with filters
  await both(`tokens/${made.token}`, 'tokens');
  const one = await both(`requests/${made.service_request_id}`, 'requests');
  assert.equal(one[0].status, 'open');
  assert.equal(one[0].status_notes, 'Đã tiếp nhận');
  assert.equal(one[0].lat, 21.3901);
  const list = await both('requests', 'requests');
  assert.ok(list.some((i) => i.service_request_id === made.service_request_id));
  const filtered = await fetch(`${srv.base}/open311/v2/requests.json?service_code=ha-tang&status=open&jurisdiction_id=07582&start_date=2020-01-01T00:00:00Z&end_date=2099-01-01T00:00:00%2B07:00`).then((x) => x.json());
  assert.ok(filtered.every((i) => i.service_code === 'ha-tang' && i.status === 'open'));
  assert.ok(filtered.some((i) => i.service_request_id === made.service_request_id));
  const byIds = await fetch(`${srv.base}/open311/v2/requests.json?service_request_id=${made.service_request_id},PAKN-2612-ZZZZZZ`).then((x) => x.json());
  assert.equal(byIds.length, 1);
  // errors: Open311's format and status codes, and nothing written
  const before = count('1 = 1');
  const errors = [
    [{ ...good, api_key: 'wrong' }, 403], [{ ...good, service_code: 'nope' }, 400], [{ ...good, lat: '', long: '', 'attribute[village]': '' }, 400],
    [{ ...good, 'attribute[village]': '09187-01' }, 400], [{ ...good, 'attribute[colour]': 'red' }, 400],
    [{ ...good, description: '<script>x</script> đường hỏng' }, 400], [{ ...good, media_url: 'javascript:alert(1)' }, 400],
    [{ ...good, media_url: 'https://a.vn/' + 'x'.repeat(3000) }, 400], [{ ...good, jurisdiction_id: '99999' }, 400],
  ];
  for (const [f, status] of errors) {
    r = await form(f);
    t = await r.text();
    assert.equal(r.status, status, `${JSON.stringify(f).slice(0, 120)}: ${t}`);
    validJson('errors', t);
    assert.equal(JSON.parse(t)[0].code, status);
  }
  r = await fetch(`${srv.base}/open311/v2/requests.xml`, { method: 'POST', body: new URLSearchParams({ ...good, api_key: 'wrong' }) });
  assert.equal(r.status, 403);
  validXml(await r.text());
  assert.equal(count('1 = 1'), before);
  for (const p of ['tokens/no-such-token.json', 'requests/PAKN-2612-ZZZZZZ.json', 'services/nope.json', 'requests.html']) {
    r = await fetch(`${srv.base}/open311/v2/${p}`);
    assert.equal(r.status, 404, p);
    validJson('errors', await r.text());
  }
  r = await fetch(`${srv.base}/open311/v2/requests.json?status=pending`);
  assert.equal(r.status, 400);
  r = await fetch(`${srv.base}/open311/v2/requests.json?start_date=yesterday`);
  assert.equal(r.status, 400);
});

test('the /me inbox: the officer sees what is due, the head what is overdue, another commune none of it', async () => {
  const off = (await officer.get('/me')).text_;
  tidy(off, 'me officer');
  assert.match(off, /href="\/cases\/\d+"/);
  const head = (await chair.get('/me')).text_;
  assert.match(head, /quá hạn: thủ trưởng đơn vị chỉ đạo giải quyết/, 'the demo\'s overdue petition, escalated');
  const other = (await stranger.get('/me')).text_;
  const lucngan = q(`SELECT k.id FROM cases k JOIN units u ON u.id = k.unit_id WHERE u.code = '07582'`).split('\n');
  assert.ok(lucngan.length > 10);
  for (const i of lucngan) assert.ok(!other.includes(`href="/cases/${i}"`), `case ${i} of another commune`);
  assert.equal((await stranger.get('/units/07582/cases')).status, 403);
  const list = await officer.get('/units/07582/cases?status=received');
  tidy(list.text_, 'unit cases');
});

test('citizen reception: the schedule is published; a visit becomes a case; the register exports as XLSX and PDF', async () => {
  const pub = await new Client(srv.base).get('/units/07582/reception');
  assert.equal(pub.status, 200);
  assert.match(pub.text_, /sáng thứ Năm hằng tuần/);
  assert.ok(!pub.text_.includes('Trịnh Văn Toàn'), 'the register is not public');
  let r = await officer.post('/units/07582/reception', { what: 'visit', name: 'Đinh Văn Đến', address: 'Thôn Trung', summary: 'Khiếu nại việc cấp giấy phép xây dựng', kind: 'complaint', people: '2', in_competence: '1', make_case: '1' }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 200, r.text_);
  assert.match(r.text_, /Đã ghi sổ và lập hồ sơ <a href="\/track\/KN-/);
  tidy(r.text_, 'reception');
  r = await officer.post('/units/07582/reception', { what: 'visit', name: 'Ẩn Danh Tố', address: 'Thôn Nam, xã Lục Ngạn', summary: 'Tố cáo sai phạm đất đai', kind: 'denunciation' }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 200);
  r = await officer.post('/units/07582/reception', { what: 'visit', name: '', summary: '', kind: 'x', refused: '1' }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 400);
  for (const f of ['name', 'summary', 'kind', 'notes']) assert.match(r.text_, new RegExp(`href="#f-${f}"`), f);
  // a refusal: its written notice is due within 3 working days, on the officer's /me until it is sent
  r = await officer.post('/units/07582/reception', { what: 'visit', name: 'Lê Thị Từ Chối', summary: 'Đề nghị giải quyết việc đã có bản án', kind: 'petition', refused: '1', notes: 'Việc đã có bản án có hiệu lực của tòa án' }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 303, r.text_);
  const rid = q(`SELECT id FROM reception WHERE name = 'Lê Thị Từ Chối'`);
  assert.ok(Number(q(`SELECT notice_due - day FROM reception WHERE id = ${rid}`)) >= 3);
  assert.match((await officer.get('/me')).text_, /href="\/units\/07582\/reception">Từ chối tiếp: Lê Thị Từ Chối<\/a>/);
  r = await officer.post('/units/07582/reception', { what: 'notified', id: rid }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 303);
  assert.ok(!(await officer.get('/me')).text_.includes('Từ chối tiếp: Lê Thị Từ Chối'), 'done: off the inbox');
  r = await officer.post('/units/07582/reception', { what: 'notified', id: rid }, { csrfFrom: '/units/07582/reception' });
  assert.equal(r.status, 404, 'once');
  assert.equal((await stranger.post('/units/07582/reception', { what: 'notified', id: rid }, { csrfFrom: '/me' })).status, 403);
  const x = await officer.get('/units/07582/reception.xlsx');
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  const p = await officer.get('/units/07582/reception.pdf');
  assert.equal(p.status, 200);
  assert.ok(p.text_.startsWith('%PDF'));
  assert.equal((await new Client(srv.base).get('/units/07582/reception.xlsx')).status, 401);
  assert.equal((await stranger.get('/units/07582/reception.xlsx')).status, 403);
  const reg = (await officer.get('/units/07582/reception')).text_;
  assert.ok(reg.includes('Đinh Văn Đến') && !reg.includes('Ẩn Danh Tố'), 'a denouncer\'s name stays out of the register');
});

test('statistics are published: counts, on-time rate, satisfaction, per unit and rolled up; CSV and XLSX; the indicator', async () => {
  const anon = new Client(srv.base);
  const s = await anon.get('/units/07582/feedback-stats');
  assert.equal(s.status, 200);
  tidy(s.text_, 'stats');
  assert.match(s.text_, /Giải quyết đúng hạn<\/dt><dd>\d+% \(/);
  assert.match(s.text_, /Hài lòng<\/dt><dd>\d+% \(/);
  const csv = await anon.get('/units/07582/feedback-stats.csv');
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text_, /Tố cáo/);
  const prov = await anon.get('/units/24/feedback-stats');
  const n = (t) => Number(t.match(/Đã tiếp nhận<\/dt><dd>([\d.]+)/)[1].replaceAll('.', ''));
  assert.ok(n(prov.text_) >= n(s.text_), 'the province rolls its communes up');
  // the counts the triggers keep agree with the cases themselves, after every act of this file
  assert.equal(q(`SELECT COALESCE(SUM(n), 0) || ' ' || COALESCE(SUM(resolved), 0) || ' ' || COALESCE(SUM(on_time), 0) FROM case_counts`),
    q(`SELECT COUNT(*) || ' ' || SUM(CASE WHEN resolved_day > 0 THEN 1 ELSE 0 END) || ' ' || SUM(CASE WHEN on_time = 1 THEN 1 ELSE 0 END) FROM cases`));
  assert.equal(q(`SELECT COUNT(*) FROM (SELECT unit_id, status, SUM(n) AS n FROM case_counts GROUP BY unit_id, status HAVING SUM(n) <> 0) x`),
    q(`SELECT COUNT(*) FROM (SELECT unit_id, status FROM cases GROUP BY unit_id, status) x`));
  const unit = (await anon.get('/units/07582')).text_;
  assert.match(unit, /Giải quyết đúng hạn \d+%/);
  const ind = await apiJson(anon, 'GET', '/api/v1/units/07582/indicators?name=cases.on_time');
  assert.equal(ind.status, 200);
  assert.ok(ind.body.items[0].denominator > 0);
});
