// Matters the people decide, online form (Decree 59 Art. 5): the law's
// restrictions on forms, the two steps (more than half of ALL households agree
// to vote online, then the vote), one ballot per household with receipts,
// changing one's vote, the exact close, secrecy (nothing links a household to
// a secret choice), published receipts, refusals (another village, not a
// representative, after the close), and two ballots of one household at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, Client, cli, tidy } from './lib.mjs';

let srv, anon, head, reps = [], outsider, officer;
const VILLAGE = '09187-77';
const PW = 'mat-khau-rat-dai';

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  // a small residential group with 5 households, its head and 4 representatives with accounts
  let r = await officer.post('/admin/units', { parent: '09187', code: VILLAGE, kind: 'residential_group', name: 'Tổ dân phố số 77' },
    { csrfFrom: '/admin' });
  assert.equal(r.status, 303, r.text_);
  const dir = mkdtempSync(join(tmpdir(), 'coso-mt-'));
  const csv = join(dir, 'hh.csv');
  writeFileSync(csv, 'village_code,household_code,head,address,members,representative,phone\n' +
    [1, 2, 3, 4, 5].map((i) => `${VILLAGE},H${i},Chủ hộ ${i},Số ${i} ngõ 7,3,,091234567${i}`).join('\n') + '\n');
  r = cli(['import', '--db', srv.db.url, 'households', csv]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'add', 'truong.to77', '--db', srv.db.url, '--name', 'Tổ trưởng 77', '--role', 'village_head', '--unit', VILLAGE], { input: PW + '\n' });
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'add', 'mattran.to77', '--db', srv.db.url, '--name', 'Trưởng ban Mặt trận 77', '--role', 'front_committee_head', '--unit', VILLAGE], { input: PW + '\n' });
  assert.equal(r.status, 0, r.stderr);
  for (let i = 1; i <= 4; i++) {
    r = cli(['user', 'add', `ho${i}.to77`, '--db', srv.db.url, '--name', `Đại diện hộ ${i}`, '--role', 'resident', '--unit', VILLAGE], { input: PW + '\n' });
    assert.equal(r.status, 0, r.stderr);
    srv.db.sql(`UPDATE users SET resident_id = (SELECT r.id FROM residents r JOIN households h ON h.id = r.household_id
      JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' AND h.code = 'H${i}' AND r.is_representative = 1)
      WHERE username = 'ho${i}.to77'`);
    const c = new Client(srv.base);
    await c.login(`ho${i}.to77`, PW);
    reps.push(c);
  }
  head = new Client(srv.base);
  await head.login('truong.to77', PW);
  outsider = new Client(srv.base);
  await outsider.login('dan.kinhbac'); // represents a household of another group
});
after(async () => srv.stop());

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
async function json(c, method, path, body) {
  const csrf = await c.csrf(`/units/${VILLAGE}/matters`).catch(() => null);
  const headers = { 'content-type': 'application/json' };
  if (csrf) headers['x-csrf-token'] = csrf;
  const r = await c.req(method, path, { body: JSON.stringify(body), headers });
  return { status: r.status, body: r.text_ ? JSON.parse(r.text_) : null };
}
// a form with the CSRF token exists on every page for a signed-in user (logout)
const vote = (c, id, choice, replaces, change_key) => json(c, 'POST', `/api/v1/matters/${id}/ballots`, replaces ? { choice, replaces, change_key } : { choice });
const create = (c, fields) => json(c, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
  item: 6, form: 'online', title: 'Mở lớp học bơi hè cho trẻ em', front_agreed: true, secret: true, allow_change: true,
  prepoll_closes_at: iso(Date.now() + 60e3), closes_at: iso(Date.now() + 120e3), ...fields,
});
const until = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now()) + 300));

test('the law\'s restrictions on forms, and who may put a matter', async () => {
  let r = await create(head, { item: 3 });
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /chỉ dùng cho nội dung 6/);
  r = await create(head, { form: 'ballot' });
  assert.equal(r.status, 400);
  // every problem at once: no meeting before it, no ballot team, no dates
  const byField = Object.fromEntries(r.body.error.fields.map((f) => [f.field, f.message]));
  assert.match(byField.follows, /cuộc họp không có đủ số hộ/);
  assert.ok(byField.team && byField.opens_at, JSON.stringify(r.body.error.fields));
  r = await create(head, { front_agreed: false });
  assert.equal(r.status, 400);
  assert.equal(r.body.error.field, 'front_agreed');
  r = await create(head, { closes_at: iso(Date.now() + 30e3) });
  assert.equal(r.status, 400, 'the vote closes after the pre-poll');
  r = await create(reps[0], {});
  assert.equal(r.status, 403, 'only the village head');
  r = await create(officer, {});
  assert.equal(r.status, 403);
  const page = await head.get(`/units/${VILLAGE}/matters/new`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'matter form');
});

test('an online vote: pre-poll of all households, the vote, receipts, change, exact close, secrecy', async () => {
  const t0 = Date.now();
  const r = await create(head, { prepoll_closes_at: iso(t0 + 3000), closes_at: iso(t0 + 7000) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  assert.equal(r.body.eligible, 5);
  assert.equal(r.body.status, 'prepoll');
  assert.equal(r.body.threshold.needed, 3, 'more than 50% of 5 households');
  // step 1: three of five households agree to vote online (> 50% of ALL households)
  for (const [i, ch] of [[0, 'for'], [1, 'for'], [2, 'for'], [3, 'against']]) {
    const b = await vote(reps[i], id, ch);
    assert.equal(b.status, 201, JSON.stringify(b.body));
  }
  assert.equal((await vote(reps[0], id, 'for')).status, 409, 'one ballot per household');
  let m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.turnout.prepoll, 4);
  assert.equal(m.result, undefined);
  assert.equal(m.live, undefined, 'a secret vote shows no choices before the close');
  await until(Date.parse(m.prepoll_closes_at));
  // step 2
  const receipts = [], keys = [];
  for (const [i, ch] of [[0, 'for'], [1, 'for'], [2, 'against']]) {
    const b = await vote(reps[i], id, ch);
    assert.equal(b.status, 201, JSON.stringify(b.body));
    assert.match(b.body.receipt, /^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    assert.match(b.body.change_key, /^K-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    receipts.push(b.body.receipt);
    keys.push(b.body.change_key);
  }
  // household 3 changes its mind, giving back its receipt and change key
  let b = await vote(reps[2], id, 'for', 'R-00000-00000', keys[2]);
  assert.equal(b.status, 400, 'a receipt that is not its own');
  b = await vote(reps[2], id, 'for', receipts[2], keys[2].toLowerCase().replace(/-/g, ' - '));
  assert.equal(b.status, 201, 'the key is forgiving of case and spaces');
  receipts[2] = b.body.receipt;
  // refusals change nothing
  assert.equal((await vote(outsider, id, 'for')).status, 403, 'another group');
  assert.equal((await vote(head, id, 'for')).status, 403, 'not a household representative');
  assert.equal((await vote(reps[3], id, 'maybe')).status, 400);
  m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.status, 'open');
  assert.equal(m.turnout.vote, 3);
  await until(Date.parse(m.closes_at));
  assert.equal((await vote(reps[3], id, 'for')).status, 409, 'after the close');
  m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.status, 'closed');
  assert.deepEqual(m.result, { eligible: 5, for: 3, against: 0, abstain: 0, threshold: 3, passed: true });
  // receipts: every household finds its own, nothing names a household
  assert.deepEqual(m.receipts.map((x) => x.receipt).sort(), [...receipts].sort());
  for (const x of m.receipts) assert.deepEqual(Object.keys(x).sort(), ['choice', 'receipt']);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${id} AND household_id IS NOT NULL`), '0',
    'the store itself does not link a secret choice to a household');
  const page = await anon.get(`/matters/${id}?receipt=${receipts[0]}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'matter page');
  assert.ok(page.text_.includes(`Có trong hòm phiếu:</strong> <code>${receipts[0]}</code>`), 'the receipt check finds it');
  assert.match(page.text_, /id="checked"><p><strong>Có trong hòm phiếu:<\/strong>[^\n]*Lựa chọn được ghi: <strong>Đồng ý<\/strong>/);
  assert.ok(page.text_.includes(`<tr><td><code>${receipts[0]}</code></td><td>Đồng ý</td></tr>`), 'and in the published list');
  assert.match(page.text_, /Được thông qua/);
  assert.ok(!/Đại diện hộ|Chủ hộ/.test(page.text_), 'no names on the page');
  const full = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.deepEqual(full.standing, { recogniser: null, in_force: true }, 'item 6 takes effect when adopted');
});

test('the online vote does not go ahead without more than half of all households', async () => {
  const t0 = Date.now();
  const { body } = await create(head, { title: 'Đổi giờ thu gom rác', prepoll_closes_at: iso(t0 + 2000), closes_at: iso(t0 + 60000) });
  for (const i of [0, 1]) assert.equal((await vote(reps[i], body.id, 'for')).status, 201); // 2 of 5: not more than half
  await until(Date.parse(body.prepoll_closes_at));
  const b = await vote(reps[0], body.id, 'for');
  assert.equal(b.status, 409);
  assert.match(b.body.error.message, /trên 50% tổng số hộ/);
  const m = (await json(anon, 'GET', `/api/v1/matters/${body.id}`)).body;
  assert.equal(m.status, 'rejected_online');
  assert.deepEqual(m.prepoll, { yes: 2, passed: false });
});

test('two ballots from one household at the same moment: exactly one counts', async () => {
  const { body } = await create(head, { title: 'Trồng cây xanh ven kênh', secret: false, allow_change: false,
    prepoll_closes_at: iso(Date.now() + 60000), closes_at: iso(Date.now() + 120000) });
  const results = await Promise.all(Array.from({ length: 8 }, () => vote(reps[1], body.id, 'for')));
  assert.equal(results.filter((x) => x.status === 201).length, 1, JSON.stringify(results.map((x) => x.status)));
  assert.ok(results.filter((x) => x.status !== 201).every((x) => x.status === 409));
  const m = (await json(anon, 'GET', `/api/v1/matters/${body.id}`)).body;
  assert.equal(m.turnout.prepoll, 1);
  assert.deepEqual(m.live, { for: 1, against: 0, abstain: 0 }, 'an open vote shows its choices live');
  // the list page and the API list
  const list = await anon.get(`/units/${VILLAGE}/matters`);
  tidy(list.text_, 'matters list');
  assert.match(list.text_, /Trồng cây xanh ven kênh/);
  assert.ok((await json(anon, 'GET', '/api/v1/matters?unit=09187')).body.items.some((x) => x.id === body.id));
});

test('the demo has matters in every state, and a representative votes from the page', async () => {
  const items = (await json(anon, 'GET', '/api/v1/matters?unit=24')).body.items;
  const st = new Set(items.map((x) => x.status));
  for (const s of ['prepoll', 'open', 'closed', 'scheduled']) assert.ok(st.has(s), s);
  // a meeting held, counted, its minutes signed and sent, recognised by the ward
  const held = items.find((x) => x.form === 'meeting' && x.status === 'closed');
  const hm = (await json(anon, 'GET', `/api/v1/matters/${held.id}`)).body;
  assert.equal(hm.meeting.minutes_sent, true);
  assert.deepEqual([hm.standing.act, hm.standing.in_force], ['recognised', true]);
  assert.equal(hm.meeting.procedures.filter((p) => p.passed).length, 2, 'secretary and count board');
  // a village head election being prepared
  const el = items.find((x) => x.item === 4);
  assert.ok(el, 'an election');
  assert.match((await anon.get(`/matters/${el.id}`)).text_, /Tổ bầu cử/);
  const open = items.find((x) => x.status === 'open' && x.unit === '07582-01');
  const dan = new Client(srv.base);
  await dan.login('dan.lucngan');
  const r = await dan.post(`/matters/${open.id}/vote`, { choice: 'for' }, { csrfFrom: `/matters/${open.id}` });
  assert.equal(r.status, 200);
  assert.match(r.text_, /Mã biên nhận:<\/p><p><input class="receipt-code" readonly value="R-[0-9A-Z]{5}-[0-9A-Z]{5}"/);
  const again = await dan.post(`/matters/${open.id}/vote`, { choice: 'for' }, { csrfFrom: `/matters/${open.id}` });
  assert.equal(again.status, 409);
  assert.match(again.text_, /đã biểu quyết/);
});

test('kill -9 during a burst of ballots: every acknowledged ballot is there after restart, none twice', async () => {
  // 1,500 households with representatives' tokens, and a matter open to them (make bench's seeding)
  const dir = mkdtempSync(join(tmpdir(), 'coso-k9-'));
  const tokensFile = join(dir, 'tokens');
  const seed = cli(['decisions', '--db', srv.db.url, 'bench-seed', '1500', tokensFile]);
  assert.equal(seed.status, 0, seed.stderr);
  const matter = Number(seed.stdout.trim());
  const tokens = readFileSync(tokensFile, 'utf8').trim().split('\n');
  assert.equal(tokens.length, 1500);
  const victim = await startServer({}, { db: srv.db });
  const acked = new Map(); // token index -> receipt
  let next = 0, killed = false;
  const worker = async () => {
    while (next < tokens.length && !killed) {
      const i = next++;
      try {
        const r = await fetch(`${victim.base}/api/v1/matters/${matter}/ballots`, {
          method: 'POST', body: '{"choice":"for"}',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
        });
        if (r.status === 201) acked.set(i, (await r.json()).receipt);
        else await r.text();
      } catch {
        /* the server died under us: not acknowledged */
      }
    }
  };
  const burst = Promise.all(Array.from({ length: 32 }, worker));
  while (acked.size < 200) await new Promise((r) => setTimeout(r, 5));
  await victim.kill9();
  killed = true;
  await burst;
  assert.ok(acked.size >= 200 && acked.size < 1500, `${acked.size} acknowledged before the kill`);
  // restart on the same database
  const again = await startServer({}, { db: srv.db });
  try {
    // the receipts as the server's key opens them (coso ballots receipts)
    const opened = cli(['ballots', '--db', srv.db.url, 'receipts', String(matter), 'prepoll']);
    assert.equal(opened.status, 0, opened.stderr);
    const stored = new Set(opened.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]));
    for (const [, receipt] of acked) assert.ok(stored.has(receipt), `acknowledged ${receipt} is stored`);
    const turnout = Number(srv.db.sql(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${matter}`));
    assert.equal(turnout, stored.size, 'one choice per household that took part');
    assert.ok(turnout >= acked.size);
    // an acknowledged household cannot vote again after the restart
    const [i] = acked.keys();
    const r = await fetch(`${again.base}/api/v1/matters/${matter}/ballots`, {
      method: 'POST', body: '{"choice":"against"}',
      headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
    });
    assert.equal(r.status, 409);
  } finally {
    await again.stop();
  }
});

test('a community meeting: notice of 2 days, attendance per household, the count, the minutes and their four signatures', async () => {
  const base = { item: 3, form: 'meeting', title: 'Sửa đổi hương ước tổ dân phố', front_agreed: true, location: 'Nhà văn hóa tổ 77', method: 'hands' };
  let r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { ...base, meeting_at: iso(Date.now() + 36 * 3600e3) });
  assert.equal(r.status, 400, 'notice at least 2 days before');
  assert.equal(r.body.error.field, 'meeting_at');
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { ...base, clusters: 2, meeting_at: iso(Date.now() + 50 * 3600e3) });
  assert.equal(r.status, 400, 'clusters only for villages of 200 households or more');
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { ...base, meeting_at: iso(Date.now() + 50 * 3600e3) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  assert.equal(r.body.status, 'scheduled');
  // the documents of the matter (items 1-3 reach every household 2 days before)
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const upload = async (c, name, data) => {
    const fd = new FormData();
    fd.set('csrf', await c.csrf(`/matters/${id}`));
    fd.append('files', new Blob([data], { type: 'application/pdf' }), name);
    return c.req('POST', `/matters/${id}/documents`, { body: fd });
  };
  let up = await upload(head, 'du-thao-huong-uoc.pdf', readFileSync('/bin/true'));
  assert.equal(up.status, 400, 'an executable named .pdf');
  assert.equal((await upload(reps[0], 'x.pdf', PDF)).status, 403, 'a household representative does not add documents');
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_files WHERE matter_id = ${id}`), '0', 'nothing stored');
  up = await upload(head, 'Dự thảo hương ước.pdf', PDF);
  assert.equal(up.status, 303, up.text_);
  const docs = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.documents;
  assert.equal(docs.length, 1);
  assert.equal(docs[0].filename, 'Dự thảo hương ước.pdf');
  assert.equal(docs[0].mime, 'application/pdf');
  const file = await anon.get(docs[0].url);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'application/pdf');
  assert.match(file.headers.get('content-disposition'), /filename\*=UTF-8''D%E1%BB%B1/);
  assert.equal((await anon.get(`/matters/${id}/files/${'0'.repeat(64)}`)).status, 404);
  assert.match((await anon.get(`/matters/${id}`)).text_, /Tài liệu liên quan được gửi đến từng hộ gia đình chậm nhất ngày/);
  // the notice (Decree 59 Art. 3(3)-(4)): on the page to copy, and as a PDF for the notice board
  const mpage = await anon.get(`/matters/${id}`);
  assert.match(mpage.text_, /Kính mời đại diện các hộ gia đình của Tổ dân phố số 77/);
  tidy(mpage.text_, 'matter with its notice');
  const npdf = await fetch(`${srv.base}/matters/${id}/notice.pdf`);
  assert.equal(npdf.headers.get('content-type'), 'application/pdf');
  const ndir = mkdtempSync(join(tmpdir(), 'coso-notice-'));
  writeFileSync(join(ndir, 'n.pdf'), Buffer.from(await npdf.arrayBuffer()));
  const ntext = spawnSync('pdftotext', [join(ndir, 'n.pdf'), '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  assert.match(ntext, /THÔNG BÁO TRIỆU TẬP HỌP CỘNG ĐỒNG DÂN CƯ/);
  assert.match(ntext, /Địa điểm: Nhà văn hóa tổ 77/);
  assert.match(ntext, /Tài liệu liên quan được gửi đến từng hộ gia đình chậm nhất ngày \d\d\/\d\d\/\d{4}/, 'item 3: documents 2 days before');
  assert.equal((await anon.get('/matters/999999/notice.pdf')).status, 404);
  assert.match((await anon.get(`/units/${VILLAGE}/meetings.ics`)).text_, new RegExp(`BEGIN:VEVENT\\r\\nUID:matter-${id}@coso[\\s\\S]*SUMMARY:Sửa đổi hương ước tổ dân phố\\r\\nLOCATION:Nhà văn hóa tổ 77\\\\, Tổ dân phố số 77`));
  // before the meeting nothing can be recorded
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  const tap = (c, hid, present = '1') => c.post(`/matters/${id}/attendance`, { household: hid, present, cluster: '1' }, { csrfFrom: `/matters/${id}` });
  assert.equal((await tap(head, hh[0])).status, 409);
  // two days later (the test moves the clock of the meeting, not of the server)
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) - 60} WHERE matter_id = ${id}`);
  const list = await head.get(`/matters/${id}/attendance`);
  assert.equal(list.status, 200);
  tidy(list.text_, 'attendance');
  assert.equal((await reps[0].get(`/matters/${id}/attendance`)).status, 403, 'the village head takes attendance');
  for (const hid of hh.slice(0, 4)) assert.equal((await tap(head, hid)).status, 303);
  assert.equal((await tap(head, hh[3], '0')).status, 303, 'a tap again marks absent');
  assert.equal((await tap(head, hh[3])).status, 303);
  const other = srv.db.sql("SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '09187-01' LIMIT 1");
  assert.equal((await tap(head, other)).status, 400, 'a household of another group');
  assert.match((await head.get(`/matters/${id}/attendance?q=chu+ho+2`)).text_, /Chủ hộ 2/);
  // procedural votes (Decree 59 Art. 3(5)): more than half of those PRESENT (4 here), by show of hands
  const proc = (c, f) => c.post(`/matters/${id}/procedure`, { cluster: '1', ...f }, { csrfFrom: `/matters/${id}` });
  assert.equal((await proc(head, { kind: 'secretary', subject: 'Nguyễn Thị Thư', for: '2' })).status, 303, 'recorded, not adopted: 2 of 4');
  assert.equal((await proc(head, { kind: 'secretary', subject: 'Nguyễn Thị Thư', for: '3' })).status, 303);
  let pr = await proc(head, { kind: 'secretary', subject: 'Lê Văn Ký', for: '4' });
  assert.equal(pr.status, 409, 'a secretary is adopted once');
  assert.match(pr.text_, /đã được hội nghị thông qua/);
  assert.equal((await proc(head, { kind: 'secretary', subject: 'Lê Văn Ký', for: '5' })).status, 400, 'more hands than households present');
  assert.equal((await proc(head, { kind: 'count_board', subject: 'An; Bình', for: '4' })).status, 400, 'a board of 3 to 5');
  assert.equal((await proc(head, { kind: 'method', subject: 'shout', for: '4' })).status, 400);
  assert.equal((await proc(head, { kind: 'chair', subject: 'X', for: '4' })).status, 400);
  assert.equal((await proc(reps[0], { kind: 'option', subject: 'Phương án 1', for: '4' })).status, 403, 'the person running the meeting records');
  assert.equal((await proc(head, { kind: 'count_board', subject: 'Trần An\nLê Bình\nPhạm Chi', for: '4' })).status, 303);
  let mp = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.meeting.procedures;
  assert.deepEqual(mp.map((p) => [p.kind, p.for, p.present, p.passed]),
    [['secretary', 2, 4, false], ['secretary', 3, 4, true], ['count_board', 4, 4, true]]);
  assert.match((await anon.get(`/matters/${id}`)).text_, /Biểu quyết thủ tục tại hội nghị/);
  const count = (f, a, b) => head.post(`/matters/${id}/count`, { cluster: '1', for: String(f), against: String(a), abstain: String(b), confirm: '1' }, { csrfFrom: `/matters/${id}` });
  assert.equal((await count(4, 1, 0)).status, 400, 'more votes than households present');
  assert.equal((await count(3, 1, 0)).status, 303);
  const m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.status, 'closed');
  assert.equal(m.turnout.vote, 4);
  assert.deepEqual(m.result, { eligible: 5, for: 3, against: 1, abstain: 0, threshold: 3, passed: true });
  assert.equal(m.meeting.minutes_sent, false);
  assert.equal((await count(2, 2, 0)).status, 409, 'the count stands once recorded');
  assert.equal((await upload(head, 'muon.pdf', PDF)).status, 409, 'no documents after the decision');
  // the minutes: village head, the head of the group's Front work committee, two household representatives
  const front = new Client(srv.base);
  await front.login('mattran.to77', PW);
  const sign = (c) => c.post(`/matters/${id}/sign`, {}, { csrfFrom: `/matters/${id}` });
  assert.equal((await sign(officer)).status, 403, 'a commune officer does not sign village minutes');
  assert.match((await front.get('/me')).text_, new RegExp(`href="/matters/${id}"[^\\n]*biên bản chờ chữ ký của đại diện Ban Công tác Mặt trận`), 'the minutes wait on the Front committee head');
  const otherFront = new Client(srv.base);
  await otherFront.login('mattran.to1.kinhbac');
  assert.equal((await sign(otherFront)).status, 403, 'the Front committee head of another group does not sign');
  // the village head's reminder (Art. 20): the minutes, with their deadline
  let me = (await head.get('/me')).text_;
  assert.match(me, new RegExp(`href="/matters/${id}">Sửa đổi hương ước tổ dân phố</a><br><span class="what">biên bản cần đủ chữ ký[^<]*</span><br><span class="meta">[^<]*· hạn \\d\\d/\\d\\d/\\d{4} · còn \\d ngày làm việc`));
  tidy(me, 'my page with reminders');
  assert.doesNotMatch((await officer.get('/me')).text_, new RegExp(`href="/matters/${id}"`), 'nothing to recognise before the minutes arrive');
  for (const c of [head, front, reps[0], reps[1]]) assert.equal((await sign(c)).status, 303);
  me = (await head.get('/me')).text_;
  assert.doesNotMatch(me, /biên bản cần đủ chữ ký/, 'signed and sent: no more reminder');
  assert.match(me, new RegExp(`href="/matters/${id}"[\\s\\S]*chưa công khai`), 'the result is still to publish');
  // the commune's reminder (Art. 21(2)): the convention waits for its recognition
  assert.match((await officer.get('/me')).text_, new RegExp(`href="/matters/${id}"[^\\n]*chờ công nhận[^\\n]*hạn \\d\\d/\\d\\d/\\d{4}`));
  assert.equal((await sign(reps[2])).status, 403, 'two household representatives only');
  const page = await anon.get(`/matters/${id}`);
  tidy(page.text_, 'minutes');
  assert.match(page.text_, /Số hộ không có đại diện<\/dt><dd>1</);
  assert.match(page.text_, /Đã gửi lúc/);
  assert.equal((await json(anon, 'GET', `/api/v1/matters/${id}`)).body.meeting.minutes_sent, true);
  // the minutes in print
  const pdf = await fetch(`${srv.base}/matters/${id}/minutes.pdf`);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const pdir = mkdtempSync(join(tmpdir(), 'coso-min-'));
  writeFileSync(join(pdir, 'm.pdf'), Buffer.from(await pdf.arrayBuffer()));
  const text = spawnSync('pdftotext', [join(pdir, 'm.pdf'), '-'], { encoding: 'utf8' }).stdout;
  assert.match(text, /BIÊN BẢN HỌP CỘNG ĐỒNG DÂN CƯ/);
  assert.match(text, /Số hộ có đại diện dự họp: 4\. Số hộ không có đại diện: 1\./);
  assert.match(text, /Trưởng thôn, Tổ trưởng tổ dân phố: Tổ trưởng 77/);
  assert.match(text, /Thư ký hội nghị: Nguyễn Thị Thư \(3\/4\)/, 'what the meeting adopted on its procedure');
  assert.match(text, /Ban kiểm phiếu: Trần An; Lê Bình; Phạm Chi \(4\/4\)/);
  // Art. 21(2): the village convention takes effect when the commune People's Committee recognises it
  let st = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.standing;
  assert.equal(st.recogniser, 'commune');
  assert.equal(st.in_force, false);
  assert.match(st.due, /^\d{4}-\d{2}-\d{2}$/);
  // both 5-working-day deadlines across the National Day holidays: a meeting on Friday
  // 28/08/2026 (10:00 in Hà Nội) whose minutes arrive the same day is due on 08/09/2026,
  // not 04/09 as counting weekdays alone would give (1/9 and 2/9 are days off)
  const fri = Date.UTC(2026, 7, 28, 3) / 1000;
  srv.db.sql(`UPDATE meetings SET ended_at = ${fri}, sent_at = ${fri} WHERE matter_id = ${id}`);
  const cal = (await json(anon, 'GET', '/api/v1/deadline?from=2026-08-28&working_days=5')).body;
  assert.equal(cal.due, '2026-09-08');
  const across = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(across.meeting.minutes_due, '2026-09-08', 'minutes (Art. 20)');
  assert.equal(across.standing.due, '2026-09-08', 'recognition (Art. 21(2))');
  const act = (c, a, reason = '') => c.post(`/matters/${id}/act`, { act: a, reason, confirm: '1' }, { csrfFrom: `/matters/${id}` });
  const luc = new Client(srv.base);
  await luc.login('chutich.lucngan');
  assert.equal((await act(luc, 'recognised')).status, 403, 'another commune');
  assert.equal((await act(front, 'recognised')).status, 403, 'the Front recognises item 5, not item 3');
  const chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  assert.equal((await act(chair, 'refused', 'ngắn')).status, 400, 'a refusal gives its reasons');
  assert.equal((await act(chair, 'recognised')).status, 303);
  st = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.standing;
  assert.deepEqual([st.act, st.in_force], ['recognised', true]);
  assert.equal((await act(chair, 'refused', 'Đã công nhận rồi thì không từ chối được')).status, 409, 'already decided: a conflict with the state, said by the write itself');
  // Art. 22: annulled for breaking the law, with reasons
  assert.equal((await act(officer, 'annulled', 'Nội dung trái quy định về bảo vệ môi trường')).status, 303);
  st = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.standing;
  assert.deepEqual([st.act, st.in_force], ['annulled', false]);
  assert.match((await anon.get(`/matters/${id}`)).text_, /Đã bị hủy bỏ/);
});

test('ballots to every household only after a meeting that could not gather enough households; one paper ballot per household', async () => {
  const now = () => Math.floor(Date.now() / 1000);
  // a meeting on contributions (item 1: at least 2/3 of 5 households = 4) that only 2 households attend
  let r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { item: 1, form: 'meeting', title: 'Đóng góp làm đường ngõ 7',
    location: 'Nhà văn hóa tổ 77', method: 'hands', meeting_at: iso(Date.now() + 50 * 3600e3) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const meeting = r.body.id;
  const ballot = { item: 1, form: 'ballot', title: 'Đóng góp làm đường ngõ 7 (lấy ý kiến bằng phiếu)', follows: meeting,
    team: 'Nguyễn Văn A\nTrần Thị B\nLê Văn C', opens_at: iso(Date.now() + 50 * 3600e3), closes_at: iso(Date.now() + 60 * 3600e3) };
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, ballot);
  assert.equal(r.status, 400, 'not before the meeting has failed');
  assert.equal(r.body.error.field, 'follows');
  srv.db.sql(`UPDATE meetings SET starts_at = ${now() - 60} WHERE matter_id = ${meeting}`);
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  for (const hid of hh.slice(0, 2))
    assert.equal((await head.post(`/matters/${meeting}/attendance`, { household: hid, present: '1', cluster: '1' }, { csrfFrom: `/matters/${meeting}` })).status, 303);
  assert.equal((await head.post(`/matters/${meeting}/count`, { cluster: '1', for: '2', against: '0', abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${meeting}` })).status, 303);
  const failed = (await json(anon, 'GET', `/api/v1/matters/${meeting}`)).body;
  assert.equal(failed.result.passed, false);
  assert.equal(failed.result.threshold, 4);
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { ...ballot, team: 'Nguyễn Văn A\nTrần Thị B' });
  assert.equal(r.status, 400, 'a ballot team of 3 to 5');
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { ...ballot, opens_at: iso(Date.now() + 24 * 3600e3) });
  assert.equal(r.status, 400, '2 days of notice before the ballots go out');
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, ballot);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  assert.equal(r.body.ballot.follows, meeting);
  srv.db.sql(`UPDATE matters SET opens_at = ${now() - 60}, prepoll_closes_at = ${now() - 60} WHERE id = ${id}`);
  const list = await head.get(`/matters/${id}/paper`);
  assert.equal(list.status, 200);
  tidy(list.text_, 'paper ballots');
  const enter = (hid, choice) => head.post(`/matters/${id}/paper`, { household: hid, choice }, { csrfFrom: `/matters/${id}` });
  const give = (c, hid) => c.post(`/matters/${id}/distribute`, { household: hid }, { csrfFrom: `/matters/${id}` });
  // Decree 59 Art. 4: a ballot comes back only from a household that was given one
  let er = await enter(hh[0], 'for');
  assert.equal(er.status, 409, 'not given a ballot yet');
  assert.match(er.text_, /chưa được ghi nhận phát phiếu/);
  assert.equal((await give(reps[0], hh[0])).status, 403, 'the ballot team records');
  assert.equal((await give(head, hh[0])).status, 303);
  assert.equal((await give(head, hh[0])).status, 409, 'given once');
  assert.equal((await give(head, 'all')).status, 303, 'the others in one go');
  assert.equal((await give(head, 'all')).status, 303, 'again: nobody left, nothing changes');
  assert.equal((await json(anon, 'GET', `/api/v1/matters/${id}`)).body.ballot.distributed, 5);
  for (const [i, ch] of [[0, 'for'], [1, 'for'], [2, 'for'], [3, 'for'], [4, 'against']]) assert.equal((await enter(hh[i], ch)).status, 303);
  assert.equal((await enter(hh[0], 'against')).status, 409, 'one ballot per household');
  assert.equal((await reps[0].post(`/matters/${id}/paper`, { household: hh[0], choice: 'for' }, { csrfFrom: `/matters/${id}` })).status, 403);
  assert.equal((await vote(reps[0], id, 'for')).status, 409, 'not an online vote');
  srv.db.sql(`UPDATE matters SET closes_at = ${now() - 1} WHERE id = ${id}`);
  const done = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.deepEqual(done.result, { eligible: 5, for: 4, against: 1, abstain: 0, threshold: 4, passed: true });
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${id} AND household_id IS NOT NULL`), '0');
  assert.deepEqual(done.standing, { recogniser: null, in_force: true });
});

test('a commune-wide item: every village meets, each by its own 2/3, and the commune needs 2/3 of its villages', async () => {
  const chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  const base = { item: 1, form: 'meeting', title: 'Đóng góp xây dựng nhà văn hóa phường', front_agreed: true,
    location: 'Nhà văn hóa của mỗi tổ dân phố', meeting_at: iso(Date.now() + 50 * 3600e3) };
  const post = (c, body) => json(c, 'POST', '/api/v1/units/09187/matters', body);
  assert.equal((await post(chair, { ...base, item: 6 })).status, 400, 'commune-wide: items 1 and 2');
  assert.equal((await post(chair, { ...base, front_agreed: false })).status, 400, 'after agreeing with the Front');
  assert.equal((await post(officer, base)).status, 403, 'the commune chair puts it');
  const r = await post(chair, base);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const villages = Number(srv.db.sql("SELECT COUNT(*) FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '09187') AND kind IN ('village','residential_group')"));
  assert.equal(r.body.eligible, villages);
  assert.equal(r.body.threshold.of, 'villages');
  const kids = srv.db.sql(`SELECT m.id || ':' || u.code FROM matters m JOIN units u ON u.id = m.unit_id WHERE m.parent_id = ${id} ORDER BY u.code`).split('\n')
    .map((x) => x.split(':'));
  assert.equal(kids.length, villages, 'one meeting per village');
  // our group meets: 4 of 5 households, 4 for (at least 2/3 of 5 = 4)
  const mine = Number(kids.find(([, code]) => code === VILLAGE)[0]);
  const now = Math.floor(Date.now() / 1000);
  srv.db.sql(`UPDATE meetings SET starts_at = ${now - 60} WHERE matter_id IN (SELECT id FROM matters WHERE parent_id = ${id})`);
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  for (const hid of hh.slice(0, 4))
    assert.equal((await head.post(`/matters/${mine}/attendance`, { household: hid, present: '1', cluster: '1' }, { csrfFrom: `/matters/${mine}` })).status, 303);
  assert.equal((await head.post(`/matters/${mine}/count`, { cluster: '1', for: '4', against: '0', abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${mine}` })).status, 303);
  let m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.status, 'meeting', 'the other villages have not met');
  assert.equal(m.turnout.vote, 1);
  // the other villages' meetings (recorded here directly): all but one approve by their own 2/3
  const others = kids.filter(([k]) => Number(k) !== mine).map(([k]) => Number(k));
  others.forEach((k, i) => {
    const hh2 = Number(srv.db.sql(`SELECT eligible FROM matters WHERE id = ${k}`));
    const yes = i === 0 ? Math.floor(hh2 / 2) : hh2; // the first falls short of 2/3
    srv.db.sql(`INSERT INTO meeting_attendance(matter_id, household_id, cluster, recorded_by, at)
      SELECT ${k}, h.id, 1, 1, ${now} FROM households h JOIN matters m ON m.unit_id = h.village_id WHERE m.id = ${k}`);
    srv.db.sql(`INSERT INTO meeting_results(matter_id, cluster, votes_for, votes_against, votes_abstain, recorded_by, at) VALUES (${k}, 1, ${yes}, ${hh2 - yes}, 0, 1, ${now})`);
    srv.db.sql(`UPDATE meetings SET ended_at = ${now} WHERE matter_id = ${k}`);
  });
  m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.status, 'closed');
  const need = Math.ceil((2 * villages) / 3);
  assert.equal(m.result.for, villages - 1);
  assert.equal(m.result.threshold, need);
  assert.equal(m.result.passed, villages - 1 >= need);
  assert.equal(m.standing?.recogniser, m.result.passed ? 'commune' : undefined);
  const page = await anon.get(`/matters/${id}`);
  tidy(page.text_, 'commune matter');
  assert.match(page.text_, /Kết quả từng thôn, tổ dân phố/);
});

test('a citizens\' initiative goes forward with 10% of the households, counting only consents of the last 3 months', async () => {
  // 09187-77 has 5 households: 10% is 1 household, the initiator's own; use the demo group 09187-01 instead
  const hhs = Number(srv.db.sql("SELECT households FROM units WHERE code = '09187-01'"));
  const need = Math.ceil(hhs / 10);
  const dan = new Client(srv.base);
  await dan.login('dan.kinhbac');
  assert.equal((await officer.post('/units/09187-01/initiatives', { item: '6', title: 'X' }, { csrfFrom: '/units/09187-01/initiatives' })).status, 403,
    'a household representative proposes');
  let r = await dan.post('/units/09187-01/initiatives', { item: '6', title: 'Trồng hoa dọc đường tổ dân phố', description: 'Mỗi hộ trồng 5 chậu hoa.' },
    { csrfFrom: '/units/09187-01/initiatives' });
  assert.equal(r.status, 303);
  const path = r.headers.get('location');
  const id = path.split('/').pop();
  let page = await anon.get(path);
  tidy(page.text_, 'initiative');
  assert.match(page.text_, new RegExp(`<strong>1</strong> / ${hhs} \\(cần ít nhất ${need}\\)`));
  // paper consents recorded by the village head; an old one has lapsed
  const heads = new Client(srv.base);
  await heads.login('totruong.kinhbac');
  const codes = srv.db.sql("SELECT h.code FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '09187-01' ORDER BY h.code").split('\n');
  assert.equal((await reps[0].post(`/initiatives/${id}/consent`, { paper: '1', household: codes[1] }, { csrfFrom: path })).status, 403);
  for (const code of codes.slice(1, need - 1))
    assert.equal((await heads.post(`/initiatives/${id}/consent`, { paper: '1', household: code }, { csrfFrom: path })).status, 303);
  srv.db.sql(`UPDATE initiative_consents SET at = at - 100 * 86400 WHERE initiative_id = ${id} AND household_id =
    (SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '09187-01' AND h.code = '${codes[1]}')`);
  page = await anon.get(path);
  assert.match(page.text_, new RegExp(`<strong>${need - 2}</strong>`), 'a consent older than 3 months does not count');
  assert.match(page.text_, /Đang lấy ý kiến đồng ý/);
  for (const code of codes.slice(need - 1, need + 1))
    assert.equal((await heads.post(`/initiatives/${id}/consent`, { paper: '1', household: code }, { csrfFrom: path })).status, 303);
  page = await anon.get(path);
  assert.match(page.text_, /chuyển Trưởng thôn đưa ra bàn và quyết định/);
  // below 10%, the Front may forward an initiative
  r = await reps[0].post(`/units/${VILLAGE}/initiatives`, { item: '6', title: 'Lắp gương cầu lồi ở ngã ba' }, { csrfFrom: `/units/${VILLAGE}/initiatives` });
  const small = r.headers.get('location');
  const front = new Client(srv.base);
  await front.login('mattran.kinhbac');
  assert.equal((await reps[1].post(`${small}/approve`, {}, { csrfFrom: small })).status, 403);
  // (5 households: the initiator alone is 10% already)
  assert.match((await anon.get(small)).text_, /chuyển Trưởng thôn/);
  assert.equal((await front.post(`${small}/approve`, {}, { csrfFrom: small })).status, 409);
  r = await dan.post('/units/09187-01/initiatives', { item: '6', title: 'Sinh hoạt văn nghệ cuối tháng' }, { csrfFrom: '/units/09187-01/initiatives' });
  const below = r.headers.get('location');
  assert.match((await anon.get(below)).text_, /Đang lấy ý kiến đồng ý/);
  assert.equal((await front.post(`${below}/approve`, {}, { csrfFrom: below })).status, 303);
  assert.match((await anon.get(below)).text_, /Ban công tác Mặt trận đồng ý, chuyển Trưởng thôn/);
});

test('electing a village head: the timeline of Decree 59 enforced, nominations at the meeting, more than half of ALL households', async () => {
  const chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  const front = new Client(srv.base);
  await front.login('mattran.kinhbac');
  const create = (c, days) => json(c, 'POST', `/api/v1/units/${VILLAGE}/elections`, { meeting_at: iso(Date.now() + days * 86400e3), location: 'Nhà văn hóa tổ 77', method: 'secret' });
  let r = await create(chair, 19);
  assert.equal(r.status, 400, 'the plan at least 20 days before');
  assert.equal((await create(head, 30)).status, 403, 'the commune chair decides');
  r = await create(chair, 30);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const step = (c, fields) => c.post(`/matters/${id}/election`, fields, { csrfFrom: `/matters/${id}` });
  assert.equal((await step(front, { step: 'team', text: 'Lý Văn Quân' })).status, 403, 'the commune sets up the election team');
  assert.equal((await step(chair, { step: 'team', text: 'Lê Văn Minh (Mặt trận)\nPhạm Thị Hoa\nĐỗ Văn Sơn' })).status, 303);
  assert.equal((await step(front, { step: 'candidate', text: 'Phạm Thị Hoa' })).status, 400, 'a candidate may not sit on the team');
  assert.equal((await step(front, { step: 'candidate', text: 'Nguyễn Văn An' })).status, 303);
  assert.equal((await step(chair, { step: 'notice' })).status, 303);
  // a second election whose meeting is 12 days away: too late for the Front's list (15 days)
  const late = (await create(chair, 25)).body.id;
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) + 12 * 86400} WHERE matter_id = ${late}`);
  r = await front.post(`/matters/${late}/election`, { step: 'candidate', text: 'Trần Văn Bình' }, { csrfFrom: `/matters/${late}` });
  assert.equal(r.status, 409);
  assert.match(r.text_, /ít nhất 15 ngày trước/);
  // the meeting day
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) - 60} WHERE matter_id = ${id}`);
  assert.equal((await step(chair, { step: 'candidate', text: 'Trần Thị Cúc', at_meeting: '1' })).status, 303, 'nominated at the meeting');
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  for (const hid of hh.slice(0, 4))
    assert.equal((await chair.post(`/matters/${id}/attendance`, { household: hid, present: '1', cluster: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  const count = (a, b) => chair.post(`/matters/${id}/elect`, { v1: String(a), v2: String(b) }, { csrfFrom: `/matters/${id}` });
  let cr = await count(3, 1);
  assert.equal(cr.status, 409, 'a secret ballot is counted by the board the meeting elected');
  assert.match(cr.text_, /Ban kiểm phiếu/);
  const board = (f) => chair.post(`/matters/${id}/procedure`, { cluster: '1', kind: 'count_board', subject: 'Trần An; Lê Bình; Phạm Chi', for: f }, { csrfFrom: `/matters/${id}` });
  assert.equal((await board('2')).status, 303, 'recorded: 2 of 4 present is not more than half');
  assert.equal((await count(3, 1)).status, 409);
  assert.equal((await board('3')).status, 303);
  assert.equal((await count(3, 2)).status, 400, 'more votes than households present');
  assert.equal((await count(3, 1)).status, 303);
  const page = await anon.get(`/matters/${id}`);
  tidy(page.text_, 'election');
  assert.match(page.text_, /Trúng cử \(trên 50% tổng số hộ\): <strong>Nguyễn Văn An<\/strong>/, '3 of 5 households');
  const m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.result.passed, true);
  assert.equal(m.result.for, 3);
});

test('relieving a village head: own request, or a petition of half the households; run by the Front; 60 days to a new election', async () => {
  const chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  const front = new Client(srv.base);
  await front.login('mattran.kinhbac');
  const body = (trigger, extra = {}) => ({ trigger, meeting_at: iso(Date.now() + 50 * 3600e3), location: 'Nhà văn hóa tổ 77', method: 'hands', ...extra });
  const post = (c, b) => json(c, 'POST', `/api/v1/units/${VILLAGE}/dismissals`, b);
  assert.equal((await post(front, body('own_request'))).status, 403, 'the head\'s own request comes from the head');
  // a petition: an initiative on item 4 with 2 of 5 households is short of 50%
  let r = await reps[0].post(`/units/${VILLAGE}/initiatives`, { item: '4', title: 'Đề nghị cho thôi làm Tổ trưởng' }, { csrfFrom: `/units/${VILLAGE}/initiatives` });
  const ini = Number(r.headers.get('location').split('/').pop());
  await reps[1].post(`/initiatives/${ini}/consent`, {}, { csrfFrom: `/initiatives/${ini}` });
  r = await post(front, body('petition', { initiative: ini }));
  assert.equal(r.status, 400);
  assert.match(r.body.error.message, /ít nhất 50% số hộ/);
  await reps[2].post(`/initiatives/${ini}/consent`, {}, { csrfFrom: `/initiatives/${ini}` });
  r = await post(front, body('petition', { initiative: ini }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  // the head's own request; the meeting is run by the Front, not by the head
  r = await post(head, body('own_request'));
  assert.equal(r.status, 201);
  const id = r.body.id;
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) - 60} WHERE matter_id = ${id}`);
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  assert.equal((await head.post(`/matters/${id}/attendance`, { household: hh[0], present: '1', cluster: '1' }, { csrfFrom: `/matters/${id}` })).status, 403);
  for (const hid of hh.slice(0, 4))
    assert.equal((await front.post(`/matters/${id}/attendance`, { household: hid, present: '1', cluster: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.equal((await front.post(`/matters/${id}/count`, { cluster: '1', for: '3', against: '1', abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  for (const c of [head, front, reps[0], reps[1]]) assert.equal((await c.post(`/matters/${id}/sign`, {}, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.equal((await chair.post(`/matters/${id}/act`, { act: 'recognised', confirm: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.equal((await front.post(`/matters/${id}/acting`, { name: 'Lê Văn Minh' }, { csrfFrom: `/matters/${id}` })).status, 403);
  assert.equal((await chair.post(`/matters/${id}/acting`, { name: 'Lê Văn Minh' }, { csrfFrom: `/matters/${id}` })).status, 303);
  const page = await anon.get(`/matters/${id}`);
  tidy(page.text_, 'dismissal');
  assert.match(page.text_, /Đơn xin thôi làm của Trưởng thôn/);
  assert.match(page.text_, /Người được giao tạm thời phụ trách<\/dt><dd>Lê Văn Minh/);
  const due = new Date(Date.now() + 7 * 3600e3 + 60 * 86400e3).toISOString().slice(0, 10).split('-').reverse().join('/');
  assert.ok(page.text_.includes(`Phải quyết định bầu Trưởng thôn mới trước ngày</dt><dd>${due}`), 'within 60 days');
});

test('electing a member of the People\'s Inspection Board: put by the Front, recognised by the Front', async () => {
  const front = new Client(srv.base);
  await front.login('mattran.kinhbac');
  const chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  const create = (c, extra) => json(c, 'POST', `/api/v1/units/${VILLAGE}/elections`,
    { kind: 'inspection_board', meeting_at: iso(Date.now() + 50 * 3600e3), location: 'Nhà văn hóa tổ 77', method: 'hands', ...extra });
  assert.equal((await create(head, {})).status, 403);
  assert.equal((await create(front, { kind: 'castle' })).status, 400);
  const r = await create(front, {});
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const step = (c, fields) => c.post(`/matters/${id}/election`, fields, { csrfFrom: `/matters/${id}` });
  assert.equal((await step(chair, { step: 'team', text: 'A\nB\nC' })).status, 400, 'no election team for board members');
  assert.equal((await step(front, { step: 'candidate', text: 'Đào Thị Nga' })).status, 303);
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) - 60} WHERE matter_id = ${id}`);
  const hh = srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${VILLAGE}' ORDER BY h.code`).split('\n');
  for (const hid of hh.slice(0, 3))
    assert.equal((await front.post(`/matters/${id}/attendance`, { household: hid, present: '1', cluster: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.equal((await front.post(`/matters/${id}/elect`, { v1: '3' }, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.match((await anon.get(`/matters/${id}`)).text_, /Trúng cử \(trên 50% tổng số hộ\): <strong>Đào Thị Nga<\/strong>/);
  for (const c of [head, front, reps[0], reps[1]]) assert.equal((await c.post(`/matters/${id}/sign`, {}, { csrfFrom: `/matters/${id}` })).status, 303);
  const act = (c) => c.post(`/matters/${id}/act`, { act: 'recognised', confirm: '1' }, { csrfFrom: `/matters/${id}` });
  assert.equal((await act(chair)).status, 403, 'item 5: the Front recognises, not the People\'s Committee');
  assert.equal((await act(front)).status, 303);
  const st = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.standing;
  assert.deepEqual([st.recogniser, st.act, st.in_force], ['front', 'recognised', true]);
  // the commune's board as a whole (Law Art. 36(1)): one member per village, at least 5
  const villages = Number(srv.db.sql("SELECT COUNT(*) FROM units WHERE parent_id = (SELECT id FROM units WHERE code = '09187') AND kind IN ('village','residential_group')"));
  const bd = (await json(anon, 'GET', '/api/v1/units/09187/inspection-board')).body;
  assert.equal(bd.villages, villages);
  assert.equal(bd.target, Math.max(villages, 5));
  assert.equal(bd.members, 1);
  assert.equal(bd.unrepresented, villages - 1);
  assert.equal(bd.complete, false);
  assert.deepEqual(bd.by_village.find((v) => v.code === VILLAGE).members, [{ name: 'Đào Thị Nga', matter: id }]);
  assert.equal((await json(anon, 'GET', `/api/v1/units/${VILLAGE}/inspection-board`)).status, 404, 'a commune only');
  const bp = await anon.get('/units/09187/inspection-board');
  assert.equal(bp.status, 200);
  tidy(bp.text_, 'inspection board');
  assert.match(bp.text_, /Còn thiếu thành viên/);
  assert.match(bp.text_, /Đào Thị Nga/);
  // annulled, the member is no longer in office
  assert.equal((await chair.post(`/matters/${id}/act`, { act: 'annulled', reason: 'Bầu sai thủ tục', confirm: '1' }, { csrfFrom: `/matters/${id}` })).status, 303);
  assert.equal((await json(anon, 'GET', '/api/v1/units/09187/inspection-board')).body.members, 0);
});

test('the result of a closed matter goes on the commune portal (Art. 23; Art. 11 item 14): by the head, once, linked both ways', async () => {
  const now = Date.now();
  const r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, { item: 6, form: 'online', title: 'Mua loa truyền thanh cho tổ',
    front_agreed: true, prepoll_closes_at: iso(now + 3600e3), closes_at: iso(now + 7200e3) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  const publish = (c) => c.post(`/matters/${id}/publish`, { confirm: '1' }, { csrfFrom: `/matters/${id}` });
  let p = await publish(head);
  assert.equal(p.status, 409, 'not before the close');
  assert.match(p.text_, /kết thúc/);
  const t = Math.floor(now / 1000);
  srv.db.sql(`UPDATE matters SET opens_at = ${t - 300}, prepoll_closes_at = ${t - 200}, closes_at = ${t - 100} WHERE id = ${id}`);
  const before = srv.db.sql('SELECT COUNT(*) FROM postings');
  assert.equal((await publish(reps[0])).status, 403, 'a household representative does not publish');
  assert.equal((await publish(outsider)).status, 403);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM postings'), before, 'a refusal stores nothing');
  assert.match((await head.get(`/matters/${id}`)).text_, /Công khai kết quả trên trang công khai của xã/);
  p = await publish(head);
  assert.equal(p.status, 303, p.text_);
  const pid = Number(p.headers.get('location').match(/\/disclosures\/(\d+)\?done=result_published$/)[1]);
  const m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.disclosure, pid);
  const d = (await json(anon, 'GET', `/api/v1/disclosures/${pid}`)).body;
  assert.equal(d.unit, '09187', 'on the commune the group belongs to');
  assert.equal(d.item.number, 14);
  assert.equal(d.status, 'published');
  assert.equal(d.public, true);
  assert.match(d.title, /Mua loa truyền thanh cho tổ/);
  assert.match(d.summary, /Không được thông qua/, 'the pre-poll had no votes: no online vote, not adopted');
  const page = await anon.get(`/disclosures/${pid}`);
  assert.match(page.text_, new RegExp(`/matters/${id}`), 'the posting links the matter');
  tidy(page.text_, 'result posting');
  assert.match((await anon.get(`/matters/${id}`)).text_, new RegExp(`href="/disclosures/${pid}"`));
  const list = (await json(anon, 'GET', '/api/v1/disclosures?unit=09187&item=14')).body;
  assert.ok(JSON.stringify(list).includes(`"id":${pid}`), 'listed on the portal');
  p = await publish(head);
  assert.equal(p.status, 409, 'once');
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM postings')), Number(before) + 1);
});

test('make bench\'s commune tally: 50 villages that all met and counted, each by its own 2/3', async () => {
  const r = cli(['tally', '--db', srv.db.url, 'bench-seed', '12']);
  assert.equal(r.status, 0, r.stderr);
  const id = Number(r.stdout.trim());
  const m = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body;
  assert.equal(m.scope, 'commune');
  assert.equal(m.status, 'closed');
  // 9 of 12 approve in 4 villages of 5, 6 of 12 in the fifth: 40 of 50 villages, 34 needed
  assert.deepEqual(m.result, { eligible: 50, for: 40, against: 10, abstain: 0, threshold: 34, passed: true });
  assert.equal(m.turnout.vote, 50);
});

test('the thresholds at their boundaries, through the binary: 100 households need 67 for 2/3 and 51 for more than half', async () => {
  const V = '09187-99';
  let r = await officer.post('/admin/units', { parent: '09187', code: V, kind: 'residential_group', name: 'Tổ dân phố số 99' },
    { csrfFrom: '/admin' });
  assert.equal(r.status, 303, r.text_);
  const dir = mkdtempSync(join(tmpdir(), 'coso-th-'));
  const csv = join(dir, 'hh.csv');
  writeFileSync(csv, 'village_code,household_code,head,address,members,representative,phone\n' +
    Array.from({ length: 100 }, (_, i) => `${V},T${i + 1},Chủ hộ ${i + 1},Số ${i + 1},2,,`).join('\n') + '\n');
  r = cli(['import', '--db', srv.db.url, 'households', csv]);
  assert.equal(r.status, 0, r.stderr);
  r = cli(['user', 'add', 'truong.to99', '--db', srv.db.url, '--name', 'Tổ trưởng 99', '--role', 'village_head', '--unit', V], { input: PW + '\n' });
  assert.equal(r.status, 0, r.stderr);
  const h99 = new Client(srv.base);
  await h99.login('truong.to99', PW);
  const now = Math.floor(Date.now() / 1000);
  // [item, votes for, needed, passed]
  for (const [item, yes, needed, passed] of [[1, 66, 67, false], [1, 67, 67, true], [2, 67, 67, true], [6, 50, 51, false], [6, 51, 51, true], [3, 51, 51, true]]) {
    const m = await json(h99, 'POST', `/api/v1/units/${V}/matters`, { item, form: 'meeting', title: `Ngưỡng mục ${item}, ${yes} hộ đồng ý`,
      front_agreed: true, location: 'Nhà văn hóa tổ 99', method: 'hands', meeting_at: iso(Date.now() + 50 * 3600e3) });
    assert.equal(m.status, 201, JSON.stringify(m.body));
    assert.equal(m.body.threshold.needed, needed, `item ${item}`);
    const id = m.body.id;
    srv.db.sql(`UPDATE meetings SET starts_at = ${now - 60} WHERE matter_id = ${id}`);
    srv.db.sql(`INSERT INTO meeting_attendance(matter_id, household_id, cluster, recorded_by, at)
      SELECT ${id}, h.id, 1, 1, ${now} FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${V}'`);
    const c = await h99.post(`/matters/${id}/count`, { cluster: '1', for: String(yes), against: String(100 - yes), abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${id}` });
    assert.equal(c.status, 303, c.text_);
    const res = (await json(anon, 'GET', `/api/v1/matters/${id}`)).body.result;
    assert.deepEqual(res, { eligible: 100, for: yes, against: 100 - yes, abstain: 0, threshold: needed, passed }, `item ${item} with ${yes}`);
  }
});

test('the matters API answers the one list shape: items, total, next, with limit and a cursor', async () => {
  const all = [];
  let next = null, total = -1, pages = 0;
  do {
    const r = await json(anon, 'GET', `/api/v1/matters?unit=24&limit=2${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(Object.keys(r.body).sort(), ['items', 'next', 'total']);
    assert.ok(r.body.items.length <= 2);
    if (total < 0) total = r.body.total;
    assert.equal(r.body.total, total);
    all.push(...r.body.items.map((x) => x.id));
    next = r.body.next;
    pages++;
  } while (next && pages < 100);
  assert.equal(all.length, total, 'every matter once');
  assert.equal(new Set(all).size, all.length, 'none twice');
  assert.ok(total >= 5);
  for (const bad of ['limit=0', 'limit=1001', 'limit=x', 'cursor=abc', 'cursor=1.0', 'cursor=5.5x']) {
    const r = await json(anon, 'GET', `/api/v1/matters?unit=24&${bad}`);
    assert.equal(r.status, 400, bad);
    assert.ok(r.body.error.code);
  }
});
