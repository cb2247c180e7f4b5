// Disclosure postings end to end: the lifecycle (draft, publish, correct,
// withdraw) with versions kept, files checked by content, visibility of
// agency postings, roles across units, computed compliance (on time, late
// across a holiday, too short, permanent missing, loudspeaker days, overdue),
// the quarterly register in four formats, search without diacritics, the Atom
// feed through a feed parser, the printable notice (pdftotext, zbarimg),
// information requests, and the bad inputs of the issue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { startServer, Client, tidy, unzipEntry } from './lib.mjs';

let srv, anon, officer, chair, agency, resident, admin, other;
// a commune without demo postings, for exact compliance figures
let fresh;

const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // UTC+7
const addDays = (iso, n) => new Date(Date.parse(iso + 'T00:00:00Z') + n * 86400e3).toISOString().slice(0, 10);
const weekday = (iso) => new Date(Date.parse(iso + 'T00:00:00Z')).getUTCDay();

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  agency = new Client(srv.base);
  await agency.login('thutruong.kinhbac');
  resident = new Client(srv.base);
  await resident.login('dan.kinhbac');
  admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  other = new Client(srv.base);
  await other.login('canbo.lucngan');
  const units = JSON.parse((await anon.get('/api/v1/units?parent=24&limit=30')).text_).items;
  for (const u of units.filter((x) => ['commune', 'ward'].includes(x.kind))) {
    const posted = JSON.parse((await admin.get(`/api/v1/disclosures?unit=${u.code}`)).text_).items;
    if (!posted.length) {
      fresh = u.code;
      break;
    }
  }
  assert.ok(fresh, 'a commune without demo postings');
});
after(async () => srv.stop());

// Posts a multipart form with the CSRF token of formPath; files: [{name, type, data}].
async function postForm(c, path, fields, files = [], formPath = null) {
  const fd = new FormData();
  const csrf = await c.csrf(formPath || path + '/new');
  fd.set('csrf', csrf);
  for (const [k, v] of Object.entries(fields)) {
    if (Array.isArray(v)) for (const x of v) fd.append(k, x);
    else fd.set(k, String(v));
  }
  for (const f of files) fd.append('files', new Blob([f.data], { type: f.type || 'application/pdf' }), f.name);
  return c.req('POST', path, { body: fd });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function draft(extra = {}) {
  return {
    item: 5,
    decision_ref: 'Quyết định số 12/QĐ-UBND',
    decision_date: today,
    title: 'Hỗ trợ học phí cho học sinh năm học 2026-2027',
    summary: 'Danh sách hộ được hỗ trợ học phí',
    body: '**Danh sách** các hộ:\n\n- Hộ ông A\n- Hộ bà B\n',
    forms: ['posting', 'portal'],
    location: 'Nhà văn hóa tổ dân phố số 1',
    ...extra,
  };
}

const idOf = (r) => {
  assert.equal(r.status, 303, r.text_.slice(0, 2000));
  return Number(r.headers.get('location').match(/\/disclosures\/(\d+)(?:\?done=published)?$/)[1]);
};
const api = async (c, path) => {
  const r = await c.get(path);
  assert.equal(r.status, 200, `${path}: ${r.text_}`);
  return JSON.parse(r.text_);
};
const compliance = async (unit) => (await api(anon, `/api/v1/units/${unit}/disclosure-compliance?from=${addDays(today, -120)}&to=${today}`)).units.find((u) => u.unit === unit);

test('lifecycle: a draft is private, publishing makes it public and records it in the ledger', async () => {
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft(), action: 'draft' }, [{ name: 'danh sách.pdf', data: PDF }]));
  assert.equal((await anon.get(`/disclosures/${id}`)).status, 404, 'a draft does not exist for the public');
  assert.equal((await other.get(`/disclosures/${id}`)).status, 404, 'nor for officers of another commune');
  let page = await officer.get(`/disclosures/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text_, /Bản nháp/);
  // a draft can be edited; its file is kept when no new one comes
  const r = await postForm(officer, `/disclosures/${id}/edit`, { ...draft({ title: 'Hỗ trợ học phí cho học sinh nghèo năm học 2026-2027' }) }, [],
    `/disclosures/${id}/edit`);
  assert.equal(idOf(r), id);
  const pub = await officer.post(`/disclosures/${id}/publish`, { confirm: '1' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(pub.status, 303);
  page = await anon.get(`/disclosures/${id}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'posting page');
  assert.match(page.text_, /Hỗ trợ học phí cho học sinh nghèo/);
  assert.match(page.text_, /<strong>Danh sách<\/strong>/, 'Markdown rendered');
  assert.match(page.text_, /danh sách\.pdf<\/a> <span class="meta">\(tệp PDF, 1 KB\)<\/span>/, 'type and size in Vietnamese');
  assert.match(page.text_, /Đang công khai/);
  const ledger = page.text_.match(/href="\/ledger\/(\d+)"/);
  assert.ok(ledger, 'publication is in the ledger');
  const entry = await anon.get(`/ledger/${ledger[1]}`);
  assert.match(entry.text_, /Công khai thông tin/);
  const j = await api(anon, `/api/v1/disclosures/${id}`);
  assert.equal(j.status, 'published');
  assert.equal(j.state, 'current');
  assert.equal(j.start_date, today);
  assert.equal(j.end_date, addDays(today, 29), '30 consecutive days by default (Art. 13(2))');
  assert.equal(j.versions.length, 1);
  assert.equal(j.versions[0].files.length, 1);
  assert.equal(j.versions[0].files[0].mime, 'application/pdf');
  assert.match(j.content_sha256, /^[0-9a-f]{64}$/);
  // the file: by content address, right type, safe name
  const f = await anon.get(j.versions[0].files[0].url);
  assert.equal(f.status, 200);
  assert.equal(f.headers.get('content-type'), 'application/pdf');
  assert.match(f.headers.get('content-disposition'), /^inline; filename="danh-sach\.pdf"; filename\*=UTF-8''danh%20s%C3%A1ch\.pdf$/);
  // a published posting cannot be edited or published again
  assert.equal((await officer.get(`/disclosures/${id}/edit`)).status, 409);
  const again = await officer.post(`/disclosures/${id}/publish`, { confirm: '1' }, { csrfFrom: `/disclosures/${id}/correct` });
  assert.equal(again.status, 409);
});

test('a correction is a new version; every version stays readable; withdrawal needs a reason', async () => {
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Dự toán ngân sách phường năm 2027' }), action: 'publish', confirm: '1' }));
  const before = await api(anon, `/api/v1/disclosures/${id}`);
  let r = await postForm(officer, `/disclosures/${id}/correct`, { title: 'Dự toán ngân sách phường năm 2027 (đã sửa)', summary: '', body: 'Số liệu mới', change_note: 'ngắn' }, [], `/disclosures/${id}/correct`);
  assert.equal(r.status, 400, 'a correction says what changed and why');
  assert.equal((await api(anon, `/api/v1/disclosures/${id}`)).version, 1, 'nothing changed');
  r = await postForm(officer, `/disclosures/${id}/correct`, { title: 'Dự toán ngân sách phường năm 2027 (đã sửa)', summary: '', body: 'Số liệu mới', change_note: 'Sửa số liệu chi thường xuyên theo nghị quyết' }, [], `/disclosures/${id}/correct`);
  assert.equal(r.status, 303);
  const after = await api(anon, `/api/v1/disclosures/${id}`);
  assert.equal(after.version, 2);
  assert.equal(after.versions.length, 2);
  assert.equal(after.versions[0].title, 'Dự toán ngân sách phường năm 2027');
  assert.equal(after.versions[1].change_note, 'Sửa số liệu chi thường xuyên theo nghị quyết');
  assert.notEqual(after.content_sha256, before.content_sha256);
  assert.equal(after.versions[0].content_sha256, before.content_sha256, 'version 1 is untouched');
  const v1 = await anon.get(`/disclosures/${id}?v=1`);
  assert.match(v1.text_, /phiên bản cũ số<\/p>|phiên bản cũ số 1/);
  assert.match((await anon.get(`/disclosures/${id}`)).text_, /Sửa số liệu chi thường xuyên/);
  // withdrawal: a reason, then it stays visible as withdrawn
  r = await officer.post(`/disclosures/${id}/withdraw`, { reason: 'sai' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.status, 400);
  assert.equal((await api(anon, `/api/v1/disclosures/${id}`)).status, 'published');
  r = await officer.post(`/disclosures/${id}/withdraw`, { reason: 'Công khai nhầm dự toán chưa được HĐND thông qua', confirm: '1' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.status, 303);
  const w = await api(anon, `/api/v1/disclosures/${id}`);
  assert.equal(w.status, 'withdrawn');
  assert.equal(w.withdraw_reason, 'Công khai nhầm dự toán chưa được HĐND thông qua');
  const page = await anon.get(`/disclosures/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text_, /Đã gỡ bỏ/);
  const again = await postForm(officer, `/disclosures/${id}/correct`, { title: 'x', change_note: 'Sửa lại lần nữa sau khi gỡ' }, [], `/disclosures/${id}`);
  assert.equal(again.status, 409, 'a withdrawn posting is not corrected');
});

test('agency postings are for the unit\'s staff unless marked public', async () => {
  const id = idOf(await postForm(agency, '/units/09187-UB/disclosures', { ...draft({ item: 1, title: 'Kế hoạch công tác nội bộ năm 2027', forms: ['intranet'] }), action: 'publish', confirm: '1' }));
  assert.equal((await anon.get(`/disclosures/${id}`)).status, 401);
  assert.equal((await resident.get(`/disclosures/${id}`)).status, 403, 'a resident of the commune is not staff of the agency');
  assert.equal((await other.get(`/disclosures/${id}`)).status, 403);
  assert.equal((await agency.get(`/disclosures/${id}`)).status, 200);
  assert.equal((await chair.get(`/disclosures/${id}`)).status, 200, 'the commune above it sees it');
  const pub = (await api(anon, '/api/v1/disclosures?unit=09187-UB')).items.map((p) => p.id);
  assert.ok(!pub.includes(id), 'not in the public list');
  assert.ok((await api(agency, '/api/v1/disclosures?unit=09187-UB')).items.some((p) => p.id === id));
  assert.doesNotMatch((await anon.get('/units/09187-UB/disclosures.atom')).text_, /Kế hoạch công tác nội bộ/);
  const open = idOf(await postForm(agency, '/units/09187-UB/disclosures', { ...draft({ item: 1, title: 'Kế hoạch tiếp công dân năm 2027', forms: ['intranet'], public: '1' }), action: 'publish', confirm: '1' }));
  assert.equal((await anon.get(`/disclosures/${open}`)).status, 200);
});

test('a posting for a unit the officer does not belong to is refused and changes nothing', async () => {
  const count = async () => (await api(admin, '/api/v1/disclosures?unit=07582&limit=200')).items.length;
  const n = await count();
  let r = await postForm(officer, '/units/07582/disclosures', { ...draft(), action: 'publish', confirm: '1' }, [], '/units/09187/disclosures/new');
  assert.equal(r.status, 403);
  r = await postForm(agency, '/units/09187/disclosures', { ...draft(), action: 'publish', confirm: '1' }, [], '/units/09187-UB/disclosures/new');
  assert.equal(r.status, 403, 'the agency head does not publish for the commune');
  assert.equal((await resident.get('/units/09187/disclosures/new')).status, 403);
  assert.equal(await count(), n);
  // no CSRF token: refused
  const fd = new FormData();
  for (const [k, v] of Object.entries(draft())) fd.set(k, String(v));
  r = await officer.req('POST', '/units/09187/disclosures', { body: fd });
  assert.equal(r.status, 403);
});

test('bad input: executable renamed .pdf, oversize upload, malformed multipart, script as text, short period', async () => {
  const drafts = async () => (await officer.get('/units/09187/disclosures?state=draft')).text_.split('href="/disclosures/').length;
  const n0 = await drafts();
  const elf = readFileSync('/bin/true');
  let r = await postForm(officer, '/units/09187/disclosures', { ...draft(), action: 'draft' }, [{ name: 'quyet-dinh.pdf', data: elf }]);
  assert.equal(r.status, 400);
  assert.match(r.text_, /loại tệp được kiểm tra theo nội dung/);
  assert.equal(await drafts(), n0, 'nothing stored');
  r = await postForm(officer, '/units/09187/disclosures', { ...draft(), action: 'draft' }, [{ name: 'lon.pdf', data: Buffer.concat([PDF, Buffer.alloc(9 * 1024 * 1024, 32)]) }]);
  assert.equal(r.status, 413);
  assert.equal(await drafts(), n0);
  const csrf = await officer.csrf('/units/09187/disclosures/new');
  r = await officer.req('POST', '/units/09187/disclosures', {
    body: `--XX\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated`,
    headers: { 'content-type': 'multipart/form-data; boundary=XX' },
  });
  assert.equal(r.status, 400);
  // script is text
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Thông báo <script>alert(1)</script>', body: '<script>alert(2)</script> [x](javascript:alert(3))' }), action: 'publish', confirm: '1' }));
  const page = (await anon.get(`/disclosures/${id}`)).text_;
  assert.ok(!page.includes('<script>'), 'no script element');
  assert.match(page, /Thông báo &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.ok(!page.includes('javascript:'), 'no javascript: link');
  // shorter than the minimum: a reason is required, and it is flagged
  r = await postForm(officer, '/units/09187/disclosures', { ...draft({ period_days: 10 }), action: 'publish', confirm: '1' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /phải ghi rõ lý do/);
  assert.equal(await drafts(), n0);
  // forms the item does not allow
  r = await postForm(officer, '/units/09187/disclosures', { ...draft({ forms: ['intranet'] }), action: 'publish', confirm: '1' });
  assert.equal(r.status, 400);
  r = await postForm(officer, '/units/09187/disclosures', { ...draft({ decision_date: addDays(today, 3) }), action: 'publish', confirm: '1' });
  assert.equal(r.status, 400, 'a decision in the future');
});

test('compliance: on time, late across a holiday, too short, permanent missing, loudspeaker days, overdue', async () => {
  const post = (fields) => postForm(admin, `/units/${fresh}/disclosures`, { ...draft(), ...fields, action: 'publish', confirm: '1' }, [], `/units/${fresh}/disclosures/new`);
  let c0 = await compliance(fresh);
  assert.equal(c0.due, 0);
  assert.equal(c0.counts.missing, 2, 'items 4 and 13 must be posted permanently');
  idOf(await post({ item: 4, title: 'Quy chế dân chủ ở xã' }));
  // on time: decided today
  idOf(await post({ title: 'Đúng hạn' }));
  // late: decided long enough ago that 5 working days ended before today
  let d = addDays(today, -1);
  for (;;) {
    const due = (await api(anon, `/api/v1/deadline?from=${d}&working_days=5`)).due;
    if (due < today) break;
    d = addDays(d, -1);
  }
  const lateId = idOf(await post({ title: 'Công khai muộn', decision_date: d }));
  const before = await compliance(fresh);
  const late = before.issues.find((i) => i.kind === 'late' && i.posting === lateId);
  assert.ok(late, JSON.stringify(before.issues));
  assert.ok(late.days >= 1);
  // a holiday on a working day before the deadline moves it: one working day less late
  let h = addDays(d, 1);
  while (weekday(h) === 0 || weekday(h) === 6) h = addDays(h, 1);
  const hr = await admin.post('/admin/holidays', { op: 'save', day: h, name: 'Ngày nghỉ bù (thử)', kind: 'holiday' }, { csrfFrom: '/admin/holidays' });
  assert.equal(hr.status, 303);
  const afterHoliday = await compliance(fresh);
  const late2 = afterHoliday.issues.find((i) => i.kind === 'late' && i.posting === lateId);
  // the holiday is a working day before the deadline: the deadline moves to the next working day
  if (late2) {
    assert.ok(late2.days < late.days, `${late2.days} < ${late.days}`);
    assert.ok(late2.working_days <= late.working_days);
  }
  // too short, with its reason
  const shortId = idOf(await post({ title: 'Niêm yết ngắn', period_days: 10, short_reason: 'Quỹ đã quyết toán xong trong tháng' }));
  // loudspeaker items need 3 consecutive days (Art. 13(3))
  const radio2 = idOf(await post({ item: 7, title: 'Phát thanh hai ngày', forms: ['posting', 'radio'], radio_dates: `${today}; ${addDays(today, 1)}` }));
  const radio3 = idOf(await post({ item: 7, title: 'Phát thanh ba ngày', forms: ['posting', 'radio'], radio_dates: `${today},${addDays(today, 1)},${addDays(today, 2)}` }));
  // overdue: a decision recorded 30 days ago, still a draft
  const overdueId = idOf(await postForm(admin, `/units/${fresh}/disclosures`, { ...draft({ title: 'Chưa công khai', decision_date: addDays(today, -30) }), action: 'draft' }, [], `/units/${fresh}/disclosures/new`));
  const c = await compliance(fresh);
  const kinds = (id) => c.issues.filter((i) => i.posting === id).map((i) => i.kind);
  assert.deepEqual(kinds(shortId), ['short']);
  assert.equal(c.issues.find((i) => i.posting === shortId).reason, 'Quỹ đã quyết toán xong trong tháng');
  assert.deepEqual(kinds(radio2), ['radio']);
  assert.deepEqual(kinds(radio3), []);
  assert.deepEqual(kinds(overdueId), ['overdue']);
  assert.equal(c.counts.missing, 1, 'item 13 still missing');
  assert.equal(c.issues.find((i) => i.kind === 'missing').item, 13);
  assert.equal(c.due, 7);
  // the page and the province roll-up
  const page = await anon.get(`/units/${fresh}/disclosure-compliance?from=${addDays(today, -120)}&to=${today}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'compliance');
  assert.match(page.text_, /Niêm yết chưa đủ thời gian/);
  const prov = await api(anon, `/api/v1/units/24/disclosure-compliance?from=${addDays(today, -120)}&to=${today}`);
  assert.ok(prov.units.length > 99, 'every commune and agency of the province');
  assert.equal(prov.units.find((u) => u.unit === fresh).counts.short, 1);
  assert.equal((await anon.get('/units/24/disclosure-compliance?quarter=2026-Q5')).status, 400);
});

test('the quarterly register: page, CSV, XLSX, PDF and API', async () => {
  const q = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Sổ công khai thử nghiệm quý này' }), action: 'publish', confirm: '1' }));
  const page = await anon.get(`/units/09187/disclosure-register?quarter=${q}`);
  assert.equal(page.status, 200);
  tidy(page.text_, 'register');
  assert.match(page.text_, /Sổ công khai thử nghiệm quý này/);
  const csv = await anon.get(`/units/09187/disclosure-register.csv?quarter=${q}`);
  assert.equal(csv.status, 200, `${csv.status} ${[...csv.headers].join(" ")}`);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assert.match(csv.text_, /Sổ công khai thử nghiệm quý này/, [...csv.headers].join(" "));
  assert.match(csv.text_, /Niêm yết, Cổng\/trang thông tin điện tử/);
  const x = await fetch(`${srv.base}/units/09187/disclosure-register.xlsx?quarter=${q}`);
  const buf = Buffer.from(await x.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
  const sheet = unzipEntry(buf, 'xl/worksheets/sheet1.xml') + (unzipEntry(buf, 'xl/sharedStrings.xml') || '');
  assert.match(sheet, /Sổ công khai thử nghiệm quý này/);
  const dir = mkdtempSync(join(tmpdir(), 'coso-reg-'));
  const p = await fetch(`${srv.base}/units/09187/disclosure-register.pdf?quarter=${q}`);
  writeFileSync(join(dir, 'r.pdf'), Buffer.from(await p.arrayBuffer()));
  const txt = spawnSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).stdout;
  rmSync(dir, { recursive: true, force: true });
  assert.match(txt, /SỔ THEO DÕI VIỆC CÔNG KHAI THÔNG TIN/);
  assert.match(txt, /thử nghiệm quý/);
  const j = await api(anon, `/api/v1/units/09187/disclosure-register?quarter=${q}`);
  assert.ok(j.items.some((r) => r.posting === id));
  assert.equal((await anon.get('/api/v1/units/09187/disclosure-register?quarter=nope')).status, 400);
  const provCsv = await anon.get(`/units/24/disclosure-register.csv?quarter=${q}`);
  assert.match(provCsv.text_, /Phường Kinh Bắc/);
  // the province in print: a line per unit
  const pp = await fetch(`${srv.base}/units/24/disclosure-register.pdf?quarter=${q}`);
  const dir2 = mkdtempSync(join(tmpdir(), 'coso-reg-'));
  writeFileSync(join(dir2, 'p.pdf'), Buffer.from(await pp.arrayBuffer()));
  const ptxt = spawnSync('pdftotext', ['-layout', join(dir2, 'p.pdf'), '-'], { encoding: 'utf8' }).stdout;
  rmSync(dir2, { recursive: true, force: true });
  assert.match(ptxt, /TỈNH BẮC NINH/);
  assert.match(ptxt, /Phường Kinh Bắc\s+\d+/);
});

test('search folds case and diacritics', async () => {
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Kết quả xét hỗ trợ học phí đợt 2' }), action: 'publish', confirm: '1' }));
  for (const q of ['ho tro hoc phi', 'HỖ TRỢ HỌC PHÍ', 'hoc ph', 'Hỗ trợ học phí đợt']) {
    const j = await api(anon, `/api/v1/disclosures?unit=09187&q=${encodeURIComponent(q)}`);
    assert.ok(j.items.some((p) => p.id === id), q);
  }
  assert.equal((await api(anon, '/api/v1/disclosures?unit=09187&q=xyzzy')).items.length, 0);
  const page = await anon.get('/units/09187/disclosures?q=ket+qua+xet+ho+tro');
  assert.match(page.text_, /Kết quả xét hỗ trợ học phí đợt 2/);
  tidy(page.text_, 'list');
  // across the province
  assert.ok((await api(anon, `/api/v1/disclosures?unit=24&q=${encodeURIComponent('xet ho tro hoc phi dot 2')}`)).items.some((p) => p.id === id));
  assert.equal((await anon.get('/api/v1/disclosures?unit=09187&item=abc')).status, 400);
  assert.equal((await anon.get('/api/v1/disclosures?unit=nowhere')).status, 404);
});

test('the Atom feed parses, is announced in the page head, revalidates and changes on publish', async () => {
  const page = await anon.get('/units/09187/disclosures');
  assert.match(page.text_, /<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/units\/09187\/disclosures\.atom">/);
  const r = await anon.get('/units/09187/disclosures.atom');
  assert.match(r.headers.get('content-type'), /^application\/atom\+xml/);
  const feed = parseFeed(r.text_);
  assert.equal(feed.meta.type, 'atom');
  assert.match(feed.title, /Thông tin công khai — Phường Kinh Bắc/);
  assert.ok(feed.items.length > 0);
  for (const it of feed.items) {
    assert.ok(it.id.startsWith('urn:coso:disclosure:'));
    assert.ok(it.url.startsWith(srv.base + '/disclosures/'));
    assert.ok(it.title && it.updated instanceof Date && !isNaN(it.updated));
  }
  // RFC 4287 requirements the parser does not enforce
  assert.match(r.text_, /^<\?xml version="1\.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/);
  assert.match(r.text_, /<author><name>[^<]+<\/name><\/author>/);
  assert.match(r.text_, /<link rel="self" type="application\/atom\+xml" href="http:\/\/127\.0\.0\.1:\d+\/units\/09187\/disclosures\.atom"\/>/);
  const xmllint = spawnSync('xmllint', ['--noout', '-'], { input: r.text_, encoding: 'utf8' });
  if (!xmllint.error) assert.equal(xmllint.status, 0, xmllint.stderr);
  // per item
  const f7 = parseFeed((await anon.get('/units/09187/disclosures.atom?item=7')).text_);
  assert.ok(f7.items.every((i) => i.categories.some((c) => c.term === 'commune/7')));
  // ETag and 304; a publication changes the feed
  const etag = r.headers.get('etag');
  assert.ok(etag);
  assert.equal((await anon.get('/units/09187/disclosures.atom', { 'if-none-match': etag })).status, 304);
  idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Tin mới cho bảng tin Atom' }), action: 'publish', confirm: '1' }));
  const r2 = await anon.get('/units/09187/disclosures.atom', { 'if-none-match': etag });
  assert.equal(r2.status, 200, 'a publication invalidates the cached feed');
  assert.match(r2.text_, /Tin mới cho bảng tin Atom/);
});

test('the printable notice: Vietnamese text, the content hash and a QR code of the page', async () => {
  const id = idOf(await postForm(officer, '/units/09187/disclosures', { ...draft({ title: 'Thông báo thu hồi đất xây dựng trường mầm non' }), action: 'publish', confirm: '1' }));
  const j = await api(anon, `/api/v1/disclosures/${id}`);
  const r = await fetch(`${srv.base}/disclosures/${id}.pdf`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const dir = mkdtempSync(join(tmpdir(), 'coso-pdf-'));
  const f = join(dir, 'n.pdf');
  writeFileSync(f, Buffer.from(await r.arrayBuffer()));
  const txt = spawnSync('pdftotext', [f, '-'], { encoding: 'utf8' }).stdout;
  assert.match(txt, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(txt, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(txt, /PHƯỜNG KINH BẮC/);
  assert.match(txt, /Thông báo thu hồi đất xây dựng trường mầm non/);
  assert.match(txt, /từ ngày \d\d\/\d\d\/\d{4} đến hết ngày/);
  assert.ok(txt.replace(/\s+/g, '').includes(j.content_sha256), 'the SHA-256 of the published content');
  spawnSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', f, join(dir, 'p')]);
  const z = spawnSync('zbarimg', ['-q', '--raw', join(dir, 'p-1.png')], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  // the QR code leads to the page and carries the ledger leaf hash of the act
  const [url, leaf] = z.stdout.trim().split('#leaf-');
  assert.equal(url, `${srv.base}/disclosures/${id}`);
  assert.match(leaf, /^[0-9a-f]{64}$/);
  assert.ok(txt.replace(/\s+/g, '').includes(leaf), 'the leaf hash is printed beside the code');
});

test('information requests: tracking code, a deadline in working days, an answer; contact never public', async () => {
  const form = await anon.get('/units/09187/information-requests/new?item=2');
  assert.equal(form.status, 200);
  tidy(form.text_, 'request form');
  let r = await anon.post('/units/09187/information-requests', { item: '2', reason: 'expired', question: 'ngắn', name: 'Vũ Thị Mai', contact: '0912345678' }, { csrfFrom: '/units/09187/information-requests/new' });
  assert.equal(r.status, 400);
  // every problem at once, beside its field, what was typed kept
  const bad = await anon.post('/units/09187/information-requests', { item: '2', reason: 'nope', question: 'ngắn', name: 'V', contact: '0912345678' }, { csrfFrom: '/units/09187/information-requests/new' });
  assert.equal(bad.status, 400);
  tidy(bad.text_, 'information request with problems');
  for (const f of ['question', 'name', 'reason']) assert.match(bad.text_, new RegExp(`href="#f-${f}"`), f);
  assert.match(bad.text_, /id="f-contact"[^>]*value="0912345678"/);
  r = await anon.post('/units/09187/information-requests', { item: '2', reason: 'expired', question: 'Xin cung cấp dự toán ngân sách năm 2026 đã hết thời hạn niêm yết', name: 'Vũ Thị Mai', contact: '0912345678' }, { csrfFrom: '/units/09187/information-requests/new' });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  const code = loc.match(/\/information-requests\/(YC-[0-9A-Z]{4}-[0-9A-Z]{4})$/)[1];
  const due = (await api(anon, `/api/v1/deadline?from=${today}&working_days=10`)).due;
  let page = await anon.get(loc);
  assert.equal(page.status, 200);
  tidy(page.text_, 'request');
  assert.ok(page.text_.includes(due.split('-').reverse().join('/')), 'due in 10 working days');
  assert.ok(!page.text_.includes('0912345678'), 'the contact is not public');
  const list = await officer.get('/units/09187/information-requests');
  assert.match(list.text_, new RegExp(code));
  assert.equal((await resident.get('/units/09187/information-requests')).status, 403);
  r = await other.post(`/information-requests/${code}/answer`, { answer: 'Trả lời từ xã khác không được' }, { csrfFrom: '/units/07582/information-requests/new' });
  assert.equal(r.status, 403);
  r = await other.post(`/information-requests/${code}/take`, {}, { csrfFrom: '/units/07582/information-requests/new' });
  assert.equal(r.status, 403);
  r = await chair.post(`/information-requests/${code}/take`, {}, { csrfFrom: loc });
  assert.equal(r.status, 303);
  assert.match((await anon.get(loc)).text_, /Người xử lý<\/dt><dd>Trần Văn Hùng/);
  r = await officer.post(`/information-requests/${code}/answer`, { answer: 'Đã gửi bản dự toán qua thư điện tử của bà.' }, { csrfFrom: loc });
  assert.equal(r.status, 303);
  page = await anon.get(loc);
  assert.match(page.text_, /Đã gửi bản dự toán qua thư điện tử/);
  assert.match(page.text_, /Đã trả lời/);
  r = await officer.post(`/information-requests/${code}/answer`, { answer: 'Trả lời lần hai không được' }, { csrfFrom: '/units/09187/information-requests/new' });
  assert.equal(r.status, 409);
  // the administrator changes the deadline for new requests
  r = await admin.post('/admin/settings', { info_request_days: '0' }, { csrfFrom: '/units/09187/information-requests' });
  assert.equal(r.status, 400);
  r = await admin.post('/admin/settings', { info_request_days: '15', back: '/units/09187/information-requests' }, { csrfFrom: '/units/09187/information-requests' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/units/09187/information-requests');
  r = await anon.post('/units/09187/information-requests', { item: '0', reason: 'other', question: 'Xin thông tin về kế hoạch làm đường', name: 'Lê Văn C', contact: 'c@example.vn' }, { csrfFrom: '/units/09187/information-requests/new' });
  const due15 = (await api(anon, `/api/v1/deadline?from=${today}&working_days=15`)).due;
  assert.ok((await anon.get(r.headers.get('location'))).text_.includes(due15.split('-').reverse().join('/')));
  assert.equal((await anon.get('/information-requests/YC-0000-0000')).status, 404);
});

test('unit pages lead to the disclosure pages', async () => {
  const ward = (await anon.get('/units/09187')).text_;
  for (const h of ['/units/09187/disclosures', '/units/09187/disclosure-compliance', '/units/09187/disclosure-register',
    '/units/09187/information-requests/new']) assert.ok(ward.includes(`href="${h}"`), h);
  const prov = (await anon.get('/units/24')).text_;
  assert.ok(prov.includes('href="/units/24/disclosure-compliance"'), 'the province roll-up');
  assert.ok(!prov.includes('href="/units/24/disclosures"'), 'a province itself has no postings');
  assert.equal((await anon.get('/units/24/disclosures')).status, 404);
  assert.equal((await anon.get('/units/09187-01/disclosures')).status, 404, 'a village discloses through its commune');
});

test('the demo shows the module working: corrected, withdrawn, late and overdue postings', async () => {
  const list = await api(anon, '/api/v1/disclosures?unit=24&limit=200');
  assert.ok(new Set(list.items.map((p) => p.unit)).size >= 4, 'in several communes');
  assert.ok(list.items.some((p) => p.version > 1), 'a correction');
  assert.ok(list.items.some((p) => p.status === 'withdrawn'), 'a withdrawal');
  const c = await api(anon, `/api/v1/units/09187/disclosure-compliance?from=${addDays(today, -120)}&to=${today}`);
  for (const k of ['late', 'overdue', 'short', 'radio']) assert.ok(c.counts[k] >= 1, k);
  const page = await anon.get('/units/09187/disclosures');
  tidy(page.text_, 'demo list');
  assert.match(page.text_, /Dự toán ngân sách phường Kinh Bắc năm 2027/);
});
