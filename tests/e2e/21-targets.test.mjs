// Issue #12: the resolution's targets computed from records. The shipped
// resolutions (Bắc Ninh 2025 draft, Na Rì 2024) are loaded; a file with an
// unknown indicator, unit kind or malformed formula is refused with its line
// and reason and stores nothing; a commune's own resolution takes over at
// that commune, versions by effective date; each target's figure moves from
// 0 % to 100 % with the records behind it (hand-built, known answers; a unit
// with nothing to count), rolls up to the province (share at 100 % and the
// weighted mean), and the drill-down lists exactly the missing records; a
// quarter's snapshot is stored once and not changed by later edits; the
// measures (courses and attendance lists, outreach, regulations) refuse bad
// input whole and across units; CSV and XLSX are read back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, tidy, cli, unzipEntry, xlsxOf } from './lib.mjs';

let srv, anon, admin, officer, dir;
const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // UTC+7
const year = Number(today.slice(0, 4));

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  dir = mkdtempSync(join(tmpdir(), 'coso-targets-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await srv.stop();
});

const json = async (c, path) => {
  const r = await c.get(path);
  return { status: r.status, body: JSON.parse(r.text_) };
};
const targets = async (unit, period = year) => (await json(anon, `/api/v1/targets?unit=${unit}&period=${period}`)).body;
const fig = (t, id) => t.items.find((i) => i.id === id);

async function postForm(c, path, fields, from) {
  return c.post(path, fields, { csrfFrom: from });
}
async function upload(c, path, from, field, name, data, type = 'text/plain') {
  const fd = new FormData();
  fd.set('csrf', await c.csrf(from));
  fd.append(field, new Blob([data], { type }), name);
  return c.req('POST', path, { body: fd });
}

// A Bắc Ninh commune the demo left without any measure on record.
async function bareCommune() {
  const units = (await json(anon, '/api/v1/units?parent=24&limit=1000')).body.items.filter((u) => ['commune', 'ward'].includes(u.kind));
  for (const u of units) {
    if (['09187', '07582'].includes(u.code)) continue;
    const t = await targets(u.code);
    const t4 = (await json(anon, `/api/v1/targets/T4/records?unit=${u.code}`)).body.items;
    if (fig(t, 'T3').numerator === 0 && !t4.some((r) => r.counted && r.indicator.startsWith('regulations.'))) return u.code;
  }
  throw new Error('no bare commune in the demo');
}

test('the shipped resolutions are loaded; each unit follows the nearest issuer\'s version in force', async () => {
  const list = (await json(anon, '/api/v1/resolutions')).body.items;
  const bn = list.find((r) => r.code === 'bac-ninh-2025'), nr = list.find((r) => r.code === 'na-ri-2024');
  assert.ok(bn && nr, JSON.stringify(list).slice(0, 300));
  assert.equal(bn.unit, '24');
  assert.deepEqual(bn.targets.map((t) => t.id), ['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
  assert.equal(bn.measures.length, 5);
  assert.equal(nr.unit, '02155');
  assert.equal(nr.targets.length, 5);
  assert.equal(nr.measures.length, 8);
  const page = await anon.get(`/resolutions/${bn.id}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'resolution');
  assert.match(page.text_, /Bồi dưỡng, tập huấn/);
  tidy((await anon.get('/resolutions')).text_, 'resolutions');
  assert.equal((await targets('09187')).resolution.code, 'bac-ninh-2025');
  assert.equal((await targets('02155')).resolution.code, 'na-ri-2024');
  // a unit without any resolution: 404 with the reason; a bad year: 400 naming the field
  const none = await json(anon, `/api/v1/targets?unit=01&period=${year}`);
  assert.equal(none.status, 404);
  assert.match(none.body.error.message, /Chưa có nghị quyết/);
  const bad = await json(anon, '/api/v1/targets?unit=24&period=abc');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.fields[0].field, 'period');
  assert.equal((await json(anon, '/api/v1/targets?period=2026')).status, 400);
  assert.equal((await json(anon, `/api/v1/targets?unit=24&period=${year - 3}`)).status, 404, 'before the resolution\'s period');
});

test('a resolution file with an unknown indicator, unit kind or malformed formula is refused with its line and reason, nothing stored', async () => {
  const before = (await json(anon, '/api/v1/resolutions')).body.total;
  const bad = [
    'resolution: thu-nghiem', 'title: Thử', 'issuer: 09187', 'effective: 2026-01-01', 'period: 2026-2030', '',
    'target: T1', 'name: Một', 'formula: training.trained + khong.co', 'units: commune', '',
    'target: T2', 'name: Hai', 'formula: outreach.units +', 'units: commune hamlet', '',
    'target: T3', 'name: Ba', 'formula: boards.complete', 'units: village', 'threshold: 150',
  ].join('\n');
  const r = await upload(admin, '/resolutions', '/resolutions', 'file', 'nq.txt', bad);
  assert.equal(r.status, 400, r.text_.slice(0, 500));
  tidy(r.text_, 'refused resolution');
  for (const m of [/Dòng 9: không có chỉ số nào tên như vậy: «khong\.co»/, /Dòng 14: công thức sai dạng/, /Dòng 15: không có loại đơn vị nào như vậy: «hamlet»/,
    /Dòng 21: ngưỡng phải là số phần trăm/, /Dòng 17: không chỉ số nào của công thức tính được cho loại đơn vị: «village»/])
    assert.match(r.text_.replace(/&#3[49];|&quot;/g, ''), m);
  assert.equal((await json(anon, '/api/v1/resolutions')).body.total, before, 'nothing stored');
  // the command line says the same, exit 1
  const f = join(dir, 'bad.txt');
  writeFileSync(f, bad);
  const c = cli(['targets', 'load', '--db', srv.db.url, f]);
  assert.equal(c.status, 1);
  assert.match(c.stderr, /Dòng 9: .*khong\.co/);
  // who loads: the issuer's officers, not another unit's
  const good = bad.replace('khong.co', 'outreach.units').replace('outreach.units +', 'outreach.units').replace(' hamlet', '')
    .replace('units: village\nthreshold: 150', 'units: commune ward\nthreshold: 90').replace('training.trained + outreach.units', 'training.trained')
    .replace('issuer: 09187', 'issuer: 07582');
  const forbidden = await upload(officer, '/resolutions', '/resolutions', 'text', '', '');
  assert.equal(forbidden.status, 400, 'empty: asked for a file');
  const fd = new FormData();
  fd.set('csrf', await officer.csrf('/resolutions'));
  fd.set('text', good);
  const r2 = await officer.req('POST', '/resolutions', { body: fd });
  assert.equal(r2.status, 403, r2.text_.slice(0, 300));
  assert.match(r2.text_, /Chỉ cán bộ, quản trị viên của đơn vị ban hành/);
});

test('figures from records with known answers: 0 % then 100 %, a unit with nothing to count, the roll-up and the missing records', async () => {
  const x = await bareCommune();
  // T4 at the commune: its regulation, its council's resolution and its villages' conventions
  let rec = (await json(anon, `/api/v1/targets/T4/records?unit=${x}`)).body;
  const reg = rec.items.filter((i) => i.indicator === 'regulations.in_force');
  assert.equal(reg.length, 1, 'the commune itself (no agency under it)');
  assert.equal(reg[0].counted, false);
  let t4 = fig(await targets(x), 'T4');
  const villages = (await json(anon, `/api/v1/units?parent=${x}&limit=1000`)).body.items.length;
  assert.equal(t4.denominator, villages + 2);
  assert.equal(t4.numerator, 0);
  assert.equal(t4.value, 0);
  // the missing records are exactly those not counted
  const missing = (await json(anon, `/api/v1/targets/T4/records?unit=${x}&missing=1&limit=1000`)).body;
  assert.equal(missing.total, t4.denominator - t4.numerator);
  assert.ok(missing.items.every((i) => !i.counted));
  // the regulation and the council's resolution are recorded: + 2 exactly
  let r = await postForm(admin, `/units/${x}/regulations`, { kind: 'regulation', number: '01/QĐ-UBND', title: 'Quy chế dân chủ', issued_on: today }, `/units/${x}/regulations`);
  assert.equal(r.status, 303, r.text_.slice(0, 400));
  r = await postForm(admin, `/units/${x}/regulations`, { kind: 'measures_resolution', number: '02/NQ-HĐND', title: 'Nghị quyết về biện pháp', issued_on: today }, `/units/${x}/regulations`);
  assert.equal(r.status, 303);
  t4 = fig(await targets(x), 'T4');
  assert.equal(t4.numerator, 2);
  // T3 at the commune: no outreach (0 of 1), then one activity in a village: 1 of 1
  let t3 = fig(await targets(x), 'T3');
  const outreach = (await json(anon, `/api/v1/targets/T3/records?unit=${x}`)).body.items.filter((i) => i.indicator === 'outreach.units');
  assert.deepEqual(outreach.map((i) => i.counted), [false]);
  r = await postForm(admin, `/units/${x}-01/outreach`, { kind: 'meeting', title: 'Họp thôn phổ biến Luật', held_on: today, audience: 'Hộ gia đình', reach: '60' }, `/units/${x}-01/outreach`);
  assert.equal(r.status, 303, r.text_.slice(0, 400));
  const t3b = fig(await targets(x), 'T3');
  assert.equal(t3b.numerator, t3.numerator + 1);
  const o2 = (await json(anon, `/api/v1/targets/T3/records?unit=${x}`)).body.items.filter((i) => i.indicator === 'outreach.units');
  assert.deepEqual(o2.map((i) => i.counted), [true], 'an activity in one of its villages counts for the commune');
  // T1 at a commune where nobody holds a duty: nothing to count (null, met)
  const t1 = fig(await targets(x), 'T1');
  assert.equal(t1.denominator, 0);
  assert.equal(t1.value, null);
  assert.equal(t1.met, true);
  // the roll-up to the province: the weighted mean is the pooled figure; the share counts communes at 100 %
  const prov = await targets('24');
  const p3 = fig(prov, 'T3');
  let sum = 0, den = 0, at = 0, measured = 0;
  const communes = (await json(anon, '/api/v1/units?parent=24&limit=1000')).body.items.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.kind));
  for (const u of communes) {
    const f = fig(await targets(u.code), 'T3');
    sum += f.numerator; den += f.denominator;
    if (f.denominator) { measured++; at += f.numerator === f.denominator ? 1 : 0; }
  }
  assert.equal(p3.numerator, sum);
  assert.equal(p3.denominator, den);
  assert.deepEqual([p3.units_below.measured, p3.units_below.at_threshold], [measured, at]);
  assert.ok(at > 0 && at < measured, 'the demo spreads: some communes behind, some at 100 %');
  // the pages: the dashboard, a target's records, tidy
  const page = await anon.get('/units/24/targets');
  assert.equal(page.status, 200);
  tidy(page.text_, 'province dashboard');
  assert.match(page.text_, /Xếp từ đơn vị thấp nhất/);
  const dd = await anon.get(`/units/${x}/targets/T4?missing=1`);
  tidy(dd.text_, 'drill-down');
  assert.equal((dd.text_.match(/badge withdrawn/g) || []).length, t4.denominator - t4.numerator, 'exactly the missing records');
  assert.equal((await anon.get('/units/24/targets/T9')).status, 404);
});

test('a quarter\'s snapshot is stored once, public, and later edits do not change it', async () => {
  const q = (() => { const d = new Date(Date.now() + 7 * 3600e3); let m = d.getUTCMonth(), y = d.getUTCFullYear(); let qn = Math.floor(m / 3); if (qn === 0) { y--; qn = 4; } return { y, name: `${y}-Q${qn}` }; })();
  const open = await postForm(admin, '/units/24/targets/snapshot', { quarter: `${year}-Q${Math.floor(new Date(Date.now() + 7 * 3600e3).getUTCMonth() / 3) + 1}` }, '/units/24/targets');
  assert.equal(open.status, 409, 'the quarter is not over');
  assert.match(open.text_, /chưa kết thúc/);
  const no = await postForm(officer, '/units/24/targets/snapshot', { quarter: q.name }, '/units/09187/targets');
  assert.equal(no.status, 403, 'an officer of a commune cannot snapshot the province');
  const r = await postForm(admin, '/units/24/targets/snapshot', { quarter: q.name }, '/units/24/targets');
  assert.equal(r.status, 303, r.text_.slice(0, 400));
  const ev = srv.db.sql("SELECT count(*) FROM events WHERE kind = 'targets.snapshot' AND public = 1");
  assert.equal(ev, '1');
  const csv0 = (await anon.get(`/units/24/targets.csv?period=${q.y}`)).text_;
  // a regulation backdated into that quarter, in a commune without one: the live figure moves, the snapshot does not
  const rows = csv0.split('\n').filter((l) => /,T4,/.test(l));
  const behind = rows.map((l) => l.split(',')).find((c) => c[0] !== '24' && c[0] !== '07582');
  const x = behind[0];
  const before = fig(await targets(x, q.y), 'T4').numerator;
  const quarterDay = `${q.y}-${String((Number(q.name.slice(-1)) - 1) * 3 + 1).padStart(2, '0')}-15`;
  const rr = await postForm(admin, `/units/${x}/regulations`, { kind: 'measures_resolution', number: '09/NQ-HĐND', title: 'Nghị quyết bổ sung', issued_on: quarterDay }, `/units/${x}/regulations`);
  assert.equal(rr.status, 303, rr.text_.slice(0, 300));
  const hasRes = (await json(anon, `/api/v1/targets/T4/records?unit=${x}&period=${q.y}`)).body.items.filter((i) => i.indicator === 'regulations.measures_resolution');
  assert.equal(hasRes[0].counted, true);
  const after = fig(await targets(x, q.y), 'T4').numerator;
  assert.ok(after >= before, `${before} -> ${after}`);
  const csv1 = (await anon.get(`/units/24/targets.csv?period=${q.y}`)).text_;
  const line = (csv, code) => csv.split('\n').find((l) => l.startsWith(`${code},`) && /,T4,/.test(l));
  assert.equal(line(csv1, x), line(csv0, x), 'the snapshot is what the province table shows');
  const live = (await anon.get(`/units/24/targets.csv?period=${q.y}&source=live`)).text_;
  if (after !== before) assert.notEqual(line(live, x), line(csv0, x), 'the live table moved');
  // a second snapshot of the same quarter stores nothing
  await postForm(admin, '/units/24/targets/snapshot', { quarter: q.name }, '/units/24/targets');
  assert.equal(srv.db.sql("SELECT count(*) FROM events WHERE kind = 'targets.snapshot'"), '1');
  const page = await anon.get(`/units/24/targets?period=${q.y}`);
  tidy(page.text_, 'dashboard with a snapshot');
  const roman = ['I', 'II', 'III', 'IV'][Number(q.name.slice(-1)) - 1];
  assert.match(page.text_, new RegExp(`Số liệu chốt Quý ${roman}/${q.name.slice(0, 4)}`));
  assert.match(page.text_, /Diễn biến theo quý/);
});

test('training: who must be trained comes from what people hold; an attendance list with unknown people is refused whole', async () => {
  const tr = (await json(anon, '/api/v1/units/07582/training')).body.items;
  const names = tr.map((p) => p.name);
  for (const n of ['Dương Thị Hương', 'Ngô Văn Dũng', 'Lý Văn Quân', 'Trịnh Văn Thắng']) assert.ok(names.includes(n), n);
  assert.ok(tr.find((p) => p.name === 'Dương Thị Hương').trained_on, 'completed the demo course');
  assert.equal(tr.find((p) => p.name === 'Ngô Văn Dũng').trained_on, null, 'attended, not completed');
  const t1 = fig(await targets('07582-01'), 'T1');
  assert.deepEqual([t1.numerator, t1.denominator], [0, 4], 'the village head of 07582-01, the head of its Front work committee and the two other members of its conventions\' drafting teams, not yet trained');
  const team = (await json(anon, '/api/v1/units/07582-01/training')).body.items;
  assert.deepEqual(team.map((p) => [p.name, p.holds]).sort(), [['Chu Văn Hải', 'Trưởng ban công tác Mặt trận ở thôn, tổ dân phố'],
    ['Hà Văn Lâm', 'Tổ soạn thảo hương ước, quy ước'], ['Lý Văn Quân', 'Tổ soạn thảo hương ước, quy ước'],
    ['Trịnh Văn Thắng', 'Trưởng thôn, tổ trưởng tổ dân phố']]);
  // a course at the commune, then its list
  let r = await postForm(admin, '/units/07582/courses', { title: 'Tập huấn Trưởng thôn', form: 'in_person', starts: today, ends: today }, '/units/07582/training');
  assert.equal(r.status, 303, r.text_.slice(0, 400));
  const course = r.headers.get('location');
  const bad = 'ma_don_vi,ho_ten,hoan_thanh,so_chung_chi\n07582-01,Trịnh Văn Thắng,có,TH-1\n07582-01,Người Lạ,có,\n09187,Nguyễn Thị Lan,có,\n07582,Lý Văn Quân,có lẽ,\n';
  r = await upload(admin, `${course}/attendance`, course, 'file', 'ds.csv', bad, 'text/csv');
  assert.equal(r.status, 400, r.text_.slice(0, 400));
  tidy(r.text_, 'refused list');
  assert.match(r.text_, /Dòng 3: không tìm thấy người này/);
  assert.match(r.text_, /Dòng 4: không có đơn vị này trong địa bàn của lớp/);
  assert.match(r.text_, /Dòng 5: cột hoan_thanh/);
  const id = course.split('/').pop();
  assert.equal((await json(anon, `/api/v1/courses/${id}`)).body.participants.length, 0, 'nothing imported');
  r = await upload(admin, `${course}/attendance`, course, 'file', 'ds.csv', 'ma_don_vi,ho_ten,hoan_thanh,so_chung_chi\n07582-01,trinh van thang,1,TH-1\n');
  assert.equal(r.status, 200, r.text_.slice(0, 300));
  assert.match(r.text_, /Đã ghi số học viên: 1/);
  const t1b = fig(await targets('07582-01'), 'T1');
  assert.deepEqual([t1b.numerator, t1b.denominator], [1, 4], 'the village head trained now, the Front committee head and the drafting teams\' other members not yet');
  // a newly appointed village head appears as not yet trained
  const u = cli(['user', 'add', 'truongthon2.lucngan', '--db', srv.db.url, '--name', 'Mạc Văn Tài', '--role', 'village_head', '--unit', '07582-02'], { input: 'mat-khau-rat-dai\n' });
  assert.equal(u.status, 0, u.stderr);
  const v2 = (await json(anon, '/api/v1/units/07582-02/training')).body.items;
  assert.deepEqual(v2.map((p) => [p.name, p.trained_on]), [['Mạc Văn Tài', null]]);
  // so does a newly appointed head of a village's Front work committee, granted by the commune's Front
  const f = cli(['user', 'add', 'mattran2.lucngan', '--db', srv.db.url, '--name', 'Lò Thị Én', '--role', 'front_committee_head', '--unit', '07582-02'], { input: 'mat-khau-rat-dai\n' });
  assert.equal(f.status, 0, f.stderr);
  const v2f = (await json(admin, '/api/v1/units/07582-02/training')).body.items; // signed in: past the anonymous micro-cache
  assert.deepEqual(v2f.map((p) => [p.name, p.holds, p.trained_on]).sort(), [['Lò Thị Én', 'Trưởng ban công tác Mặt trận ở thôn, tổ dân phố', null],
    ['Mạc Văn Tài', 'Trưởng thôn, tổ trưởng tổ dân phố', null]]);
  const page = await anon.get('/units/07582/training');
  tidy(page.text_, 'training');
  assert.match(page.text_, /Mạc Văn Tài/);
  assert.match(page.text_, /Lò Thị Én/);
});

test('measures refuse bad input with every problem and across units', async () => {
  let r = await postForm(admin, '/units/09187/outreach', { kind: 'fireworks', title: '', held_on: '2999-01-01', reach: '-3' }, '/units/09187/outreach');
  assert.equal(r.status, 400);
  tidy(r.text_, 'refused outreach');
  for (const f of ['kind', 'title', 'held_on', 'reach']) assert.match(r.text_, new RegExp(`href="#f-${f}"`), f);
  r = await postForm(admin, '/units/09187-01/regulations', { kind: 'measures_resolution', number: '1', title: 'x', issued_on: today }, '/units/09187-01/regulations');
  assert.equal(r.status, 400);
  assert.match(r.text_, /Điều 86/);
  // an officer of Kinh Bắc records nothing in Lục Ngạn
  r = await postForm(officer, '/units/07582/outreach', { kind: 'poster', title: 'Áp phích', held_on: today }, '/units/09187/outreach');
  assert.equal(r.status, 403);
  r = await postForm(officer, '/units/07582/courses', { title: 'Lớp', form: 'online', starts: today, ends: today }, '/units/09187/training');
  assert.equal(r.status, 403);
  // without a CSRF token: refused
  r = await officer.post('/units/09187/outreach', { kind: 'poster', title: 'Áp phích', held_on: today });
  assert.equal(r.status, 403);
  // a course that ends before it starts
  r = await postForm(officer, '/units/09187/courses', { title: 'Lớp', form: 'online', starts: today, ends: '2020-01-01' }, '/units/09187/training');
  assert.equal(r.status, 400);
  assert.match(r.text_, /không được trước ngày bắt đầu/);
  for (const p of ['/units/09187/outreach', '/units/09187/regulations', '/units/09187/training']) tidy((await anon.get(p)).text_, p);
});

test('the tables as CSV and XLSX, read back', async () => {
  const csv = await anon.get(`/units/24/targets.csv?period=${year}&source=live`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text_.replace(/^\uFEFF/, '').trim().split('\n');
  assert.match(lines[0], /^Mã đơn vị,Đơn vị,Mục tiêu,/);
  const t = await targets('24');
  const provT2 = lines.find((l) => l.startsWith('24,') && /,T2,/.test(l)).split(',');
  assert.deepEqual(provT2.slice(-5, -3).map(Number), [fig(t, 'T2').numerator, fig(t, 'T2').denominator]);
  const x = await fetch(`${srv.base}/units/24/targets.xlsx?period=${year}&source=live`);
  assert.equal(x.status, 200);
  const buf = Buffer.from(await x.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK');
  const sheet = unzipEntry(buf, 'xl/worksheets/sheet1.xml'), strings = unzipEntry(buf, 'xl/sharedStrings.xml') || '';
  assert.match(strings + sheet, /Tỉnh Bắc Ninh/);
  assert.match(strings + sheet, /Phường Kinh Bắc/);
  const rowsX = (sheet.match(/<row /g) || []).length;
  assert.equal(rowsX, lines.length, 'as many rows as the CSV');
  assert.match(sheet, new RegExp(`<v>${fig(t, 'T2').denominator}</v>`), 'numbers are numbers');
});

test('a commune\'s own resolution takes over at that commune; a later version replaces it from its effective date', async () => {
  const file = (eff, th) => ['resolution: luc-ngan', 'title: Nghị quyết của HĐND xã Lục Ngạn', 'issuer: 07582', `effective: ${eff}`, `period: ${year}-${year + 4}`, '',
    'target: A', 'name: Đơn vị tuyên truyền', 'formula: outreach.units', 'units: commune', `threshold: ${th}`].join('\n');
  const r = await upload(admin, '/resolutions', '/resolutions', 'file', 'ln.txt', file(`${year}-01-01`, 100));
  assert.equal(r.status, 303, r.text_.slice(0, 500));
  let t = await targets('07582');
  assert.equal(t.resolution.code, 'luc-ngan');
  assert.deepEqual(t.items.map((i) => i.id), ['A']);
  assert.equal(t.items[0].threshold, 100);
  assert.equal((await targets('09187')).resolution.code, 'bac-ninh-2025', 'other communes keep the province\'s');
  assert.equal((await targets('07582-01')).resolution.code, 'luc-ngan', 'its villages follow it');
  // the same version twice: refused
  const again = await upload(admin, '/resolutions', '/resolutions', 'file', 'ln.txt', file(`${year}-01-01`, 100));
  assert.equal(again.status, 409);
  assert.match(again.text_, /đã được nạp/);
  const r2 = await upload(admin, '/resolutions', '/resolutions', 'file', 'ln.txt', file(`${year}-02-01`, 80));
  assert.equal(r2.status, 303);
  t = await targets('07582');
  assert.equal(t.items[0].threshold, 80, 'the newer version');
  // the event of each load is public
  const ev = srv.db.sql("SELECT count(*) FROM events WHERE kind = 'targets.resolution' AND public = 1");
  assert.ok(Number(ev) >= 4);
});

test('the budget: estimates by activity and source, spending against them, the execution rate; never across units', async () => {
  const y = String(year);
  let r = await postForm(officer, '/units/09187/budget', { year: y, activity: 'training', source: 'state', estimate: '20000000' }, '/units/09187/budget');
  assert.equal(r.status, 303, r.text_.slice(0, 300));
  // the same line again replaces its estimate
  r = await postForm(officer, '/units/09187/budget', { year: y, activity: 'training', source: 'state', estimate: '40000000' }, '/units/09187/budget');
  assert.equal(r.status, 303);
  // a budget line in a unit the officer does not belong to
  const lucngan = new Client(srv.base);
  await lucngan.login('canbo.lucngan');
  r = await postForm(lucngan, '/units/09187/budget', { year: y, activity: 'it', source: 'state', estimate: '1000' }, '/units/07582/budget');
  assert.equal(r.status, 403);
  assert.match(r.text_, /chính đơn vị/);
  r = await postForm(officer, '/units/09187/budget', { year: '1990', activity: 'bogus', source: 'x', estimate: '-5' }, '/units/09187/budget');
  assert.equal(r.status, 400);
  tidy(r.text_, 'budget refused');
  for (const m of [/Năm dự toán/, /Hãy chọn hoạt động/, /Hãy chọn nguồn/, /Số tiền là số đồng/]) assert.match(r.text_, m);
  const b = (await json(anon, `/api/v1/units/09187/budget?year=${y}`)).body;
  const line = b.items.find((l) => l.unit === '09187' && l.activity === 'training' && l.source === 'state');
  assert.equal(line.estimate, 40000000);
  const spentBefore = line.spent;
  r = await postForm(officer, `/budget-lines/${line.id}/spending`, { amount: '10000000', spent_on: today, note: 'Lớp tập huấn quý IV' }, '/units/09187/budget');
  assert.equal(r.status, 303);
  r = await postForm(lucngan, `/budget-lines/${line.id}/spending`, { amount: '1', spent_on: today }, '/units/07582/budget');
  assert.equal(r.status, 403, 'spending against another unit\'s line');
  r = await postForm(officer, `/budget-lines/${line.id}/spending`, { amount: '0', spent_on: `${year - 1}-12-31` }, '/units/09187/budget');
  assert.equal(r.status, 400);
  const after = (await json(anon, `/api/v1/units/09187/budget?year=${y}`)).body;
  const l2 = after.items.find((l) => l.id === line.id);
  assert.equal(l2.spent, spentBefore + 10000000);
  assert.ok(Math.abs(after.execution - after.spent / after.estimate) < 1e-9);
  const page = await officer.get(`/units/09187/budget?year=${y}`);
  tidy(page.text_, 'budget');
  assert.match(page.text_, /Tỷ lệ thực hiện/);
  assert.match(page.text_, /40\.000\.000 đ/);
  tidy((await anon.get('/units/24/budget')).text_, 'province budget');
});

test('awards and violations: a commendation needs its decision, a violation how it was handled', async () => {
  const base = { recipient: 'Tổ hòa giải thôn 1', reason: 'Hòa giải thành 12 vụ việc', decided_on: today };
  let r = await postForm(officer, '/units/09187-01/awards', { ...base, kind: 'commendation', level: 'commune' }, '/units/09187-01/awards');
  assert.equal(r.status, 400);
  tidy(r.text_, 'award refused');
  assert.match(r.text_, /phải có số quyết định/);
  r = await postForm(officer, '/units/09187-01/awards', { ...base, kind: 'violation', handling: 'bogus', reason: 'Cản trở người dân tiếp cận thông tin' }, '/units/09187-01/awards');
  assert.equal(r.status, 400);
  assert.match(r.text_, /Điều 10/);
  r = await postForm(officer, '/units/09187-01/awards', { ...base, kind: 'commendation', level: 'commune', decision: '101/QĐ-UBND', collective: '1' }, '/units/09187-01/awards');
  assert.equal(r.status, 303);
  r = await postForm(officer, '/units/09187-01/awards', { ...base, kind: 'violation', handling: 'disciplinary', reason: 'Cản trở người dân tiếp cận thông tin', decision: '7/QĐ-KL' }, '/units/09187-01/awards');
  assert.equal(r.status, 303);
  const lucngan = new Client(srv.base);
  await lucngan.login('canbo.lucngan');
  r = await postForm(lucngan, '/units/09187-01/awards', { ...base, kind: 'model' }, '/units/07582/awards');
  assert.equal(r.status, 403);
  const list = (await json(anon, '/api/v1/units/09187/awards')).body.items.filter((a) => a.unit === '09187-01' && a.recipient === base.recipient);
  assert.deepEqual(list.map((a) => a.kind).sort(), ['commendation', 'violation']);
  assert.equal(list.find((a) => a.kind === 'violation').handling, 'disciplinary');
  assert.equal(list.find((a) => a.kind === 'commendation').collective, true);
  tidy((await anon.get('/units/09187/awards')).text_, 'awards');
  assert.ok(Number(srv.db.sql("SELECT count(*) FROM events WHERE kind = 'measures.violation' AND public = 1")) > 0);
});

test('the annual report: PDF through the document writer (read by pdftotext) and XLSX (read back), figures equal to the API', async () => {
  for (const unit of ['09187', '24']) {
    const api = (await json(anon, `/api/v1/targets?unit=${unit}&period=${year}`)).body;
    const r = await fetch(`${srv.base}/units/${unit}/report/${year}.pdf`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    const file = join(dir, `r-${unit}.pdf`);
    writeFileSync(file, Buffer.from(await r.arrayBuffer()));
    const txt = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    for (const m of [/BÁO CÁO/, new RegExp(`Kết quả thực hiện dân chủ ở cơ sở năm ${year}`), /Kết quả thực hiện các mục tiêu/,
      /Hương ước, quy ước/, /Bồi dưỡng, tập huấn/, /Tuyên truyền/, /Khen thưởng và xử lý vi phạm/, /Kinh phí/,
      /Cuộc thi tìm hiểu pháp luật/, /Nơi nhận:/, /Thường trực HĐND/, /để báo cáo tại/, /Số: \/BC-UBND/]) assert.match(txt, m, `${unit}: ${m}`);
    for (const t of api.items) {
      // each target's line carries the API's numerator and denominator
      assert.match(txt, new RegExp(`${t.id} .*? ${t.numerator} ${t.denominator} `), `${unit} ${t.id}`);
    }
    const x = await fetch(`${srv.base}/units/${unit}/report/${year}.xlsx`);
    assert.equal(x.status, 200);
    const zip = Buffer.from(await x.arrayBuffer());
    const wb = unzipEntry(zip, 'xl/workbook.xml');
    for (const name of ['Tổng hợp', 'Mục tiêu', 'Hương ước, quy ước', 'Kinh phí', 'Tuyên truyền']) assert.ok(wb.includes(`name="${name}"`), `${unit}: sheet ${name}`);
    const targets = unzipEntry(zip, 'xl/worksheets/sheet2.xml'); // strings inline (constant memory)
    const t1 = api.items.find((t) => t.id === 'T1');
    assert.ok(targets.includes(t1.name.slice(0, 20)));
    assert.match(targets, new RegExp(`<v>${t1.numerator}</v>`));
  }
  // only provinces and communes have one, only for years that have begun
  assert.equal((await anon.get(`/units/09187-01/report/${year}.pdf`)).status, 404);
  assert.equal((await anon.get(`/units/09187/report/${year + 1}.pdf`)).status, 404);
  assert.equal((await anon.get('/units/09187/report/abc.xlsx')).status, 404);
});

test('the scorecards: weights set by the province move the score and the ranking; the legal-access criterion with unmeasured items said so', async () => {
  const sc = async (unit) => (await json(anon, `/api/v1/units/${unit}/scorecard?period=${year}`)).body;
  const t = await targets('09187');
  const expect = (weights) => t.items.reduce((s, i) => s + (weights[i.id] ?? 1) * Math.min(i.denominator ? i.numerator / i.denominator / (i.threshold / 100) : 1, 1), 0);
  let card = (await sc('09187')).cards.find((c) => c.card === 'democracy');
  assert.equal(card.max, t.items.length);
  assert.ok(Math.abs(card.score - expect({})) < 0.01, `${card.score} vs ${expect({})}`);
  // only the province sets the weights; bad points are refused
  let r = await postForm(officer, '/units/24/scorecard', { card: 'democracy', p_T1: '3' }, '/units/24/scorecard');
  assert.equal(r.status, 403);
  const w = { card: 'democracy', p_T1: '3', p_T2: '1', p_T3: '1', p_T4: '1', p_T5: '1', p_T6: '1' };
  r = await postForm(admin, '/units/24/scorecard', { ...w, p_T2: '-1', p_T3: 'x' }, '/units/24/scorecard');
  assert.equal(r.status, 400);
  tidy(r.text_, 'scorecard refused');
  assert.match(r.text_, /Điểm là số từ 0 đến 100, ở mục T2/);
  r = await postForm(admin, '/units/24/scorecard', { card: 'democracy', p_T1: '0', p_T2: '0', p_T3: '0', p_T4: '0', p_T5: '0', p_T6: '0' }, '/units/24/scorecard');
  assert.equal(r.status, 400);
  r = await postForm(admin, '/units/24/scorecard', w, '/units/24/scorecard');
  assert.equal(r.status, 303);
  card = (await sc('09187')).cards.find((c) => c.card === 'democracy');
  assert.equal(card.max, t.items.length + 2);
  assert.ok(Math.abs(card.score - expect({ T1: 3 })) < 0.01);
  // the province's ranking lists every commune with its score
  const prov = (await sc('24')).cards.find((c) => c.card === 'democracy');
  assert.ok(prov.units.find((u) => u.unit === '09187' && Math.abs(u.score - card.score) < 1e-9));
  const page = await admin.get('/units/24/scorecard');
  tidy(page.text_, 'province scorecard');
  assert.match(page.text_, /Xếp hạng các xã, phường/);
  // the legal-access criterion: its split is data marked unconfirmed; unmeasured items earn nothing
  const la = (await sc('09187')).cards.find((c) => c.card === 'legal_access');
  assert.deepEqual(la.items.map((i) => i.id), ['4.1', '4.2', '4.3', '4.4', '4.5']);
  // every item is measured now: 4.1 by the commune's dialogue (oversight), 4.4 by the consultations answered
  assert.deepEqual(la.items.filter((i) => !i.measured).map((i) => i.id), []);
  assert.ok(la.items.every((i) => !i.confirmed));
  const from = Date.UTC(year, 0, 1) / 1000 - 7 * 3600, to = Date.UTC(year + 1, 0, 1) / 1000 - 7 * 3600;
  const held = Number(srv.db.sql(`SELECT count(*) FROM conferences f JOIN units u ON u.id = f.unit_id WHERE u.code = '09187' AND f.status = 'held' AND f.starts_at >= ${from} AND f.starts_at < ${to}`));
  assert.equal(la.items.find((i) => i.id === '4.1').value, held ? 100 : 0, 'the dialogue held (or not) in the year');
  const cp = await anon.get('/units/09187/scorecard');
  tidy(cp.text_, 'commune scorecard');
  assert.match(cp.text_, /CHƯA được đối chiếu/);
  assert.doesNotMatch(cp.text_, /Chưa có dữ liệu trên hệ thống/);
  assert.equal(Number(srv.db.sql("SELECT count(*) FROM events WHERE kind = 'targets.scorecard' AND public = 1")), 1);
});

test('the information network: who relays information and through what; contacts for officers only', async () => {
  const before = (await json(anon, '/api/v1/units/09187/network')).body;
  assert.ok(before.items.length >= 3, 'the demo network');
  let r = await postForm(officer, '/units/09187-02/network', { kind: 'respected_person', name: 'Bà Lê Thị Năm', reach: '150' }, '/units/09187/network');
  assert.equal(r.status, 400);
  tidy(r.text_, 'network refused');
  assert.match(r.text_, /ít nhất một kênh/);
  r = await postForm(officer, '/units/09187-02/network', { kind: 'respected_person', name: 'Bà Lê Thị Năm', reach: '150', ch_door_to_door: '1', ch_zalo: '1', contact: '0912000999' }, '/units/09187/network');
  assert.equal(r.status, 303);
  const lucngan = new Client(srv.base);
  await lucngan.login('canbo.lucngan');
  r = await postForm(lucngan, '/units/09187-02/network', { kind: 'other', name: 'x', ch_phone: '1' }, '/units/07582/network');
  assert.equal(r.status, 403);
  const after = (await json(anon, '/api/v1/units/09187/network')).body;
  const added = after.items.find((x) => x.name === 'Bà Lê Thị Năm');
  assert.equal(added.channels, 'door_to_door zalo');
  assert.equal(added.unit, '09187-02');
  assert.equal(added.contact, undefined, 'no contact in the API');
  const pub = await anon.get('/units/09187/network');
  tidy(pub.text_, 'network');
  assert.doesNotMatch(pub.text_, /0912000999/);
  assert.match((await officer.get('/units/09187/network')).text_, /0912000999/);
});

test('an attendance list as an Excel file (XLSX): read from its first sheet, all or nothing, lines as the sheet numbers them', async () => {
  let r = await postForm(admin, '/units/07582/courses', { title: 'Tập huấn Mặt trận', form: 'in_person', starts: today, ends: today }, '/units/07582/training');
  assert.equal(r.status, 303);
  const course = r.headers.get('location');
  const id = course.split('/').pop();
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  // row 3 is empty, row 4 an unknown person: refused whole, the sheet's row named
  const bad = xlsxOf([['ma_don_vi', 'ho_ten', 'hoan_thanh', 'so_chung_chi'], ['07582-01', 'Lý Văn Quân', 'có', 1001], null,
    ['07582-01', 'Người Không Có', 'có', 1002]]);
  r = await upload(admin, `${course}/attendance`, course, 'file', 'ds.xlsx', bad, xlsx);
  assert.equal(r.status, 400);
  tidy(r.text_, 'xlsx refused');
  assert.match(r.text_, /Dòng 4: /);
  assert.match(r.text_, /Người Không Có/);
  assert.equal((await json(anon, `/api/v1/courses/${id}`)).body.participants.length, 0, 'nothing imported');
  r = await upload(admin, `${course}/attendance`, course, 'file', 'ds.xlsx', Buffer.from('PK\x03\x04 not a spreadsheet'), xlsx);
  assert.equal(r.status, 400);
  assert.match(r.text_, /Tệp XLSX không đọc được/);
  const good = xlsxOf([['ma_don_vi', 'ho_ten', 'hoan_thanh', 'so_chung_chi'], ['07582-01', 'Lý Văn Quân', 'có', 1001]]);
  r = await upload(admin, `${course}/attendance`, course, 'file', 'ds.xlsx', good, xlsx);
  assert.equal(r.status, 200, r.text_.slice(0, 300));
  assert.match(r.text_, /Đã ghi số học viên: 1/);
  const p = (await json(anon, `/api/v1/courses/${id}`)).body.participants;
  assert.deepEqual(p.map((x) => [x.unit, x.name, x.completed, x.certificate]), [['07582-01', 'Lý Văn Quân', true, '1001']]);
});

test('outreach and regulations as JSON, in the one list shape', async () => {
  const o = (await json(anon, '/api/v1/units/24/outreach?limit=5')).body;
  assert.equal(o.items.length, 5);
  assert.ok(o.total >= 100 && typeof o.next === 'string');
  assert.ok(o.items.every((x) => /^\d{4}-\d{2}-\d{2}$/.test(x.held_on) && x.unit && x.kind));
  const g = (await json(anon, '/api/v1/units/24/regulations?limit=1000')).body;
  assert.ok(g.items.some((x) => x.kind === 'regulation') && g.items.some((x) => x.kind === 'measures_resolution'));
  assert.equal((await anon.get('/api/v1/units/nope/outreach')).status, 404);
});

test('the budget and the awards as CSV and XLSX, read back', async () => {
  const b = (await json(anon, `/api/v1/units/24/budget?year=${year}&limit=1000`)).body;
  const csv = await anon.get(`/units/24/budget.csv?year=${year}`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-disposition'), /kinh-phi-24-\d{4}\.csv/);
  const lines = csv.text_.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, b.items.length + 1);
  const total = lines.slice(1).reduce((s, l) => s + Number(l.split(',').slice(-4)[0]), 0);
  assert.equal(total, b.estimate, 'the estimates add up to the API\'s');
  const zip = Buffer.from(await (await fetch(`${srv.base}/units/24/awards.xlsx?year=${year}`)).arrayBuffer());
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  const aw = (await json(anon, `/api/v1/units/24/awards?year=${year}&limit=1000`)).body;
  assert.equal((sheet.match(/<row /g) || []).length, aw.items.length + 1);
  assert.ok(sheet.includes(aw.items[0].recipient.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')));
  assert.match((await anon.get('/units/24/budget')).text_, /budget\.xlsx\?year=/);
});
