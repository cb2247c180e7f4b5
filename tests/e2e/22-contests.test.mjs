// Issue #12, measure 2: online law-knowledge contests. The demo's provincial
// contest has a closed round with published results (ranking, figures per
// commune, CSV and XLSX read back) and a round open now. An organiser builds
// a contest at a commune: a bad question bank is refused whole with its lines;
// rounds do not overlap. An entrant takes part on a phone without JavaScript;
// one entrant per phone number and per citizen ID; attempts are limited; the
// time limit is the server's (an attempt past it is stored late, not scored);
// an attempt is handed in once; only the best attempt counts and the ranking
// breaks ties by the prediction, then time. Results are published once, as a
// public event; other communes' officers cannot manage the contest.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy, unzipEntry } from './lib.mjs';

let srv, anon, admin, officer, other;

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  other = new Client(srv.base);
  await other.login('canbo.lucngan');
});
after(async () => {
  await srv.stop();
});

const json = async (c, path) => {
  const r = await c.get(path);
  return { status: r.status, body: JSON.parse(r.text_) };
};
async function upload(c, path, from, data) {
  const fd = new FormData();
  fd.set('csrf', await c.csrf(from));
  fd.append('file', new Blob([data], { type: 'text/csv' }), 'cau-hoi.csv');
  return c.req('POST', path, { body: fd });
}
// A JSON request of an anonymous entrant: the pre-session CSRF cookie and header.
async function entrantApi(c, method, path, body) {
  const token = await c.csrf('/login');
  const r = await c.req(method, path, { body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-csrf-token': token } });
  return { status: r.status, body: JSON.parse(r.text_) };
}
// datetime-local, UTC+7, minutes from now
const local = (min) => new Date(Date.now() + 7 * 3600e3 + min * 60e3).toISOString().slice(0, 16);

test('the demo contest: a published round with its ranking, figures per commune, CSV and XLSX; a round open now', async () => {
  const list = await anon.get('/units/24/contests');
  assert.equal(list.status, 200);
  tidy(list.text_, 'contests');
  const id = list.text_.match(/href="\/contests\/(\d+)"/)[1];
  const ct = (await json(anon, `/api/v1/contests/${id}`)).body;
  assert.equal(ct.unit, '24');
  assert.deepEqual(ct.questions, [4, 4, 2]);
  assert.equal(ct.minutes, 45);
  assert.deepEqual(ct.rounds.map((r) => r.state), ['published', 'open']);
  const page = await anon.get(`/contests/${id}`);
  tidy(page.text_, 'contest');
  assert.match(page.text_, /Vào thi/);
  assert.match(page.text_, /name="phone"/);
  const res = await anon.get(`/contests/${id}/rounds/1`);
  assert.equal(res.status, 200);
  tidy(res.text_, 'results');
  assert.match(res.text_, /công bố chính thức/);
  assert.match(res.text_, /Kết quả theo đơn vị/);
  const st = (await json(anon, `/api/v1/contests/${id}/rounds/1/standings?limit=1000`)).body;
  assert.ok(st.published);
  assert.ok(st.items.length > 100, `${st.items.length} entrants`);
  // ranked by correct answers, then closeness of the prediction, then time
  for (let i = 1; i < st.items.length; i++) {
    const a = st.items[i - 1], b = st.items[i];
    const key = (x) => [-x.correct, x.off, x.elapsed_ms];
    const ka = key(a), kb = key(b);
    const cmp = ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
    assert.ok(cmp <= 0, `rank ${a.rank} before ${b.rank}`);
    assert.equal(b.off, Math.abs(b.prediction - st.all_correct));
    assert.match(b.phone, /^0\d\dxxxx\d{3}$/, 'phone numbers are masked');
  }
  assert.equal(st.all_correct, st.items.filter((x) => x.correct === x.total).length);
  // the files: the same ranking, read back
  const csv = await anon.get(`/contests/${id}/rounds/1/results.csv`);
  const lines = csv.text_.replace(/^\uFEFF/, '').trim().split('\n');
  assert.equal(lines.length, st.items.length + 1);
  assert.ok(lines[1].startsWith(`1,${st.items[0].name},`));
  const zip = Buffer.from(await (await fetch(`${srv.base}/contests/${id}/rounds/1/results.xlsx`)).arrayBuffer());
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  const strings = unzipEntry(zip, 'xl/sharedStrings.xml') || sheet;
  assert.ok(strings.includes(st.items[0].name));
  assert.equal((sheet.match(/<row /g) || []).length, st.items.length + 1);
  // the open round has no results yet
  assert.equal((await anon.get(`/contests/${id}/rounds/2`)).status, 409);
  // the published result is a public event with the counts
  const ev = srv.db.sql("SELECT payload FROM events WHERE kind = 'contest.result' AND public = 1");
  assert.match(ev, new RegExp(`"all_correct":${st.all_correct}`));
});

const BANK = `cau_hoi,phuong_an_1,phuong_an_2,phuong_an_3,dap_an,muc_do
Câu dễ một?,Đúng một,Sai,Sai nữa,A,de
Câu dễ hai?,Sai,Đúng hai,Sai nữa,B,Dễ
Câu dễ ba?,Sai,Sai nữa,Đúng ba,3,de
Câu khó một?,Đúng khó,Sai,,1,kho
`;

async function makeContest(c = officer, unit = '09187', extra = {}) {
  const r = await c.post(`/units/${unit}/contests`, {
    title: 'Hội thi tìm hiểu pháp luật phường Kinh Bắc', rules: 'Mỗi người dự thi tối đa 2 lượt.', n_easy: '2', n_medium: '0', n_hard: '1',
    minutes: '45', max_attempts: '2', prediction: 'Bao nhiêu người đúng hết?', ...extra,
  }, { csrfFrom: `/units/${unit}/contests` });
  assert.equal(r.status, 303, r.text_.slice(0, 400));
  return r.headers.get('location').split('/').pop();
}

test('an organiser builds a contest: a bad bank is refused whole with its lines; rounds do not overlap; others cannot manage it', async () => {
  // bad input to the contest itself
  let r = await officer.post('/units/09187/contests', { title: '', n_easy: '0', n_medium: '0', n_hard: '0', minutes: '0', max_attempts: '1', prediction: 'x' }, { csrfFrom: '/units/09187/contests' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'contest form');
  assert.match(r.text_, /Hãy nhập tên cuộc thi/);
  assert.match(r.text_, /Thời gian làm bài là số phút/);
  assert.match(r.text_, /từ 1 đến 60 câu/);
  r = await anon.post('/units/09187/contests', { title: 'x' }, { csrfFrom: '/login' });
  assert.notEqual(r.status, 303);
  const id = await makeContest();
  const bad = `cau_hoi,phuong_an_1,phuong_an_2,dap_an,muc_do
Câu tốt?,A,B,A,de
,A,B,A,de
Câu thiếu phương án?,A,,A,de
Câu đáp án sai?,A,B,C,de
Câu mức độ lạ?,A,B,B,rất khó
`;
  r = await upload(officer, `/contests/${id}/questions`, `/contests/${id}`, bad);
  assert.equal(r.status, 400);
  tidy(r.text_, 'bank refused');
  assert.match(r.text_, /Dòng 3: thiếu nội dung câu hỏi/);
  assert.match(r.text_, /Dòng 4: cần ít nhất hai phương án/);
  assert.match(r.text_, /Dòng 5: đáp án phải là/);
  assert.match(r.text_, /Dòng 6: mức độ phải là/);
  assert.equal(srv.db.sql(`SELECT count(*) FROM contest_questions WHERE contest_id = ${id}`), '0', 'nothing stored');
  r = await upload(other, `/contests/${id}/questions`, `/contests/${id}`, BANK);
  assert.equal(r.status, 403, 'an officer of another commune');
  r = await upload(officer, `/contests/${id}/questions`, `/contests/${id}`, BANK);
  assert.equal(r.status, 200);
  assert.match(r.text_, /Đã nhập số câu hỏi: 4/);
  assert.match(r.text_, /3 câu dễ, 0 câu trung bình, 1 câu khó/);
  // rounds
  r = await officer.post(`/contests/${id}/rounds`, { opens: local(10), closes: local(5) }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /phải đóng sau khi mở/);
  r = await other.post(`/contests/${id}/rounds`, { opens: local(-5), closes: local(600) }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 403);
  r = await officer.post(`/contests/${id}/rounds`, { opens: local(-5), closes: local(600) }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 200, r.text_.slice(0, 300));
  r = await officer.post(`/contests/${id}/rounds`, { opens: local(300), closes: local(900) }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /vòng mới phải mở sau khi vòng trước đóng/);
  const ct = (await json(anon, `/api/v1/contests/${id}`)).body;
  assert.deepEqual(ct.rounds.map((x) => x.state), ['open']);
  // results are not out before the round closes, and cannot be published yet
  r = await officer.post(`/contests/${id}/rounds/1/publish`, {}, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /chưa kết thúc/);
});

const right = { 'Câu dễ một?': 0, 'Câu dễ hai?': 1, 'Câu dễ ba?': 2, 'Câu khó một?': 0 };

test('an entrant on a phone: the form without JavaScript, one entrant per phone and ID, attempts limited, handed in once', async () => {
  const id = await makeContest();
  await upload(officer, `/contests/${id}/questions`, `/contests/${id}`, BANK);
  await officer.post(`/contests/${id}/rounds`, { opens: local(-5), closes: local(600) }, { csrfFrom: `/contests/${id}` });
  const phone = new Client(srv.base);
  const page = await phone.get(`/contests/${id}`);
  assert.doesNotMatch(page.text_, /<script/);
  assert.match(page.text_, /<option value="09187-01">/, 'the villages of the commune');
  // bad entries: every field named, nothing stored
  let r = await phone.post(`/contests/${id}/start`, { name: '', phone: '12345', citizen_id: '0271', unit: '07582' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 400);
  tidy(r.text_, 'entry refused');
  assert.match(r.text_, /Hãy nhập họ và tên/);
  assert.match(r.text_, /Số điện thoại di động gồm 10 chữ số/);
  assert.match(r.text_, /Số định danh cá nhân gồm đúng 12 chữ số/);
  assert.match(r.text_, /Hãy chọn nơi cư trú trong địa bàn/);
  assert.equal(srv.db.sql(`SELECT count(*) FROM contest_entrants WHERE contest_id = ${id}`), '0');
  r = await phone.post(`/contests/${id}/start`, { name: 'Nguyễn Văn Dự', phone: '+84 912.000.111', citizen_id: '027 123 456 789', unit: '09187-01' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 303, r.text_.slice(0, 300));
  const url = r.headers.get('location');
  assert.match(url, /^\/attempts\/[A-Za-z0-9_-]{43}$/);
  const form = await phone.get(url);
  assert.equal(form.status, 200);
  assert.match(form.headers.get('cache-control'), /no-store/);
  tidy(form.text_, 'attempt');
  assert.doesNotMatch(form.text_, /<script/);
  assert.match(form.text_, /Hạn nộp bài:/);
  const qs = [...form.text_.matchAll(/<legend>Câu (\d+)\. ([^<]+)<\/legend>/g)].map((m) => m[2]);
  assert.equal(qs.length, 3);
  assert.equal(qs.filter((q) => q === 'Câu khó một?').length, 1, 'one hard question drawn, two easy ones');
  // two right, one wrong; no prediction first
  const fields = {};
  qs.forEach((q, k) => (fields[`q${k + 1}`] = String(k === 0 ? (right[q] + 1) % 2 : right[q])));
  r = await phone.post(url, fields, { csrfFrom: url });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Hãy trả lời câu hỏi dự đoán/);
  r = await phone.post(url, { ...fields, prediction: '3' }, { csrfFrom: url });
  assert.equal(r.status, 200);
  tidy(r.text_, 'handed in');
  assert.match(r.text_, /<strong>2\/3<\/strong>/);
  r = await phone.post(url, { ...fields, prediction: '3' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409, 'handed in once');
  // one entrant per phone number and per citizen ID
  r = await phone.post(`/contests/${id}/start`, { name: 'Người khác', phone: '0912000111', citizen_id: '027000000001', unit: '09187-01' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /Số điện thoại này đã dự thi với số định danh khác/);
  r = await phone.post(`/contests/${id}/start`, { name: 'Người khác', phone: '0987000222', citizen_id: '027123456789', unit: '09187-01' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /Số định danh này đã dự thi với số điện thoại khác/);
  // the same person again: a second attempt, then no more (2 a round)
  r = await phone.post(`/contests/${id}/start`, { name: 'Nguyễn Văn Dự', phone: '0912000111', citizen_id: '027123456789', unit: '09187-01' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 303);
  r = await phone.post(`/contests/${id}/start`, { name: 'Nguyễn Văn Dự', phone: '0912000111', citizen_id: '027123456789', unit: '09187-01' }, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /hết số lượt thi của vòng này \(2\)/);
  assert.equal(srv.db.sql(`SELECT count(*) FROM contest_entrants WHERE contest_id = ${id}`), '1');
});

// Starts an attempt through the API and hands it in with k right answers.
async function take(id, who, k, prediction, opts = {}) {
  const c = new Client(srv.base);
  const s = await entrantApi(c, 'POST', `/api/v1/contests/${id}/attempts`, who);
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const answers = s.body.questions.map((q, i) => (i < k ? right[q.body] : (right[q.body] + 1) % q.choices.length));
  if (opts.before) opts.before(s.body.token);
  const r = await entrantApi(c, 'POST', `/api/v1/attempts/${s.body.token}`, { answers, prediction });
  return { token: s.body.token, status: r.status, body: r.body };
}

test('the time limit is kept on the server, the best attempt counts, ties go to the closer prediction, then the faster', async () => {
  const id = await makeContest();
  await upload(officer, `/contests/${id}/questions`, `/contests/${id}`, BANK);
  await officer.post(`/contests/${id}/rounds`, { opens: local(-5), closes: local(600) }, { csrfFrom: `/contests/${id}` });
  const person = (n, unit = '09187-01') => ({ name: `Người dự thi ${n}`, phone: `09120000${String(n).padStart(2, '0')}`, citizen_id: `0270000000${String(n).padStart(2, '0')}`, unit });
  // time taken is moved back in the database as if the entrant had thought longer
  const slower = (ms) => (token) => srv.db.sql(`UPDATE contest_attempts SET started_ms = started_ms - ${ms}, deadline_ms = deadline_ms - ${ms} WHERE token = '${token}'`);
  // A: 1 right, then 3 right (the best counts); prediction 2
  let a = await take(id, person(1), 1, 2);
  assert.equal(a.status, 200);
  assert.deepEqual(a.body, { correct: 1, total: 3, prediction: 2 });
  a = await take(id, person(1), 3, 2, { before: slower(300000) });
  assert.equal(a.body.correct, 3);
  // B: 3 right, prediction 3 (exact: A and B answer everything right)
  await take(id, person(2), 3, 2 + 1);
  // C and D: 3 right, prediction 2 like A; C took 10 minutes, A 5, D a moment
  await take(id, person(3), 3, 2, { before: slower(600000) });
  await take(id, person(4, '09187-02'), 3, 2);
  // E: past the time limit (the server's clock, not the page's): stored late, not scored
  const late = await take(id, person(5), 3, 5, { before: (t) => srv.db.sql(`UPDATE contest_attempts SET deadline_ms = started_ms - 1 WHERE token = '${t}'`) });
  assert.equal(late.status, 409);
  assert.match(late.body.error.message, /nộp sau thời hạn/);
  const lateView = (await json(anon, `/api/v1/attempts/${late.token}`)).body;
  assert.equal(lateView.late, true);
  assert.equal(lateView.correct, undefined);
  // the page of a late attempt says so
  const lp = await anon.get(`/attempts/${late.token}`);
  assert.match(lp.text_, /không được chấm/);
  // F: 2 right
  await take(id, person(6), 2, 4);
  // the round closes (time moves on)
  srv.db.sql(`UPDATE contest_rounds SET closes_at = opens_at + 1 WHERE contest_id = ${id}`);
  const st = (await json(anon, `/api/v1/contests/${id}/rounds/1/standings`)).body;
  assert.equal(st.all_correct, 4, 'A, B, C and D answered everything right');
  assert.equal(st.published, false);
  const order = st.items.map((x) => x.name.replace('Người dự thi ', ''));
  // all four have 3/3: B is 1 off (3 vs 4), A, C and D are 2 off; among those D was fastest, C slowest
  assert.deepEqual(order, ['2', '4', '1', '3', '6']);
  assert.equal(st.items.find((x) => x.name.endsWith(' 1')).correct, 3, 'the best attempt counts');
  // publish once, as a public event
  let r = await other.post(`/contests/${id}/rounds/1/publish`, {}, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 403);
  r = await officer.post(`/contests/${id}/rounds/1/publish`, {}, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 303);
  r = await officer.post(`/contests/${id}/rounds/1/publish`, {}, { csrfFrom: `/contests/${id}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /đã được công bố/);
  const page = await anon.get(`/contests/${id}/rounds/1`);
  tidy(page.text_, 'results');
  assert.match(page.text_, /Phường Kinh Bắc|Thôn|Tổ dân phố/);
  const unitRows = page.text_.split('Kết quả theo đơn vị')[1];
  assert.match(unitRows, /09187-01/);
  const ev = srv.db.sql(`SELECT count(*) FROM events WHERE kind = 'contest.result' AND subject = 'contest:${id}'`);
  assert.equal(ev, '1');
  // no new attempt after the round closed
  const c = new Client(srv.base);
  const s = await entrantApi(c, 'POST', `/api/v1/contests/${id}/attempts`, person(7));
  assert.equal(s.status, 409);
  assert.match(s.body.error.message, /không có vòng thi nào đang mở/);
});
