// Issue #13: every person finds their next task. /me is a work inbox built
// from what every module contributes — overdue first, deadlines counted in
// working days — and each role sees its own unit's tasks, never another's;
// residents find the vote (open votes first on the unit page, a visitor asked
// to log in and brought back), know it counted (their household has voted, a
// receipt to print, one field that checks it forgivingly), and statuses and
// search read right.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy } from './lib.mjs';

let srv, anon;
const logins = {};
const as = async (u) => {
  if (!logins[u]) {
    logins[u] = new Client(srv.base);
    const r = await logins[u].login(u);
    assert.equal(r.status, 303, u);
  }
  return logins[u];
};
// the inbox of /me as [{href, title, what, meta, late}]
const inbox = async (u) => {
  const page = (await (await as(u)).get('/me')).text_;
  const list = page.match(/<ul class="tasks">\n([\s\S]*?)<\/ul>/)[1];
  return [...list.matchAll(/<li( class="late")?><a href="([^"]+)">([^<]*)<\/a><br><span class="what">([^<]*)<\/span><br><span class="meta">([^<]*)<\/span>(?: <strong[^>]*>([^<]*)<\/strong>)?<\/li>/g)]
    .map((m) => ({ late: !!m[1], href: m[2], title: m[3], what: m[4], meta: m[5], badge: m[6] || '' }));
};
const matterId = (title) => srv.db.sql(`SELECT id FROM matters WHERE title = '${title}'`);

// a draft posting of item 5 decided today, made through the form
async function draftPosting(c, unit, title, ref) {
  const fd = new FormData();
  fd.set('csrf', await c.csrf(`/units/${unit}/disclosures/new`));
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  for (const [k, v] of Object.entries({ item: 5, decision_ref: ref, decision_date: today, title, summary: 'Bản nháp', body: 'Nội dung', location: 'Nhà văn hóa', action: 'draft' })) fd.set(k, String(v));
  fd.append('forms', 'posting');
  const r = await c.req('POST', `/units/${unit}/disclosures`, { body: fd });
  assert.equal(r.status, 303, r.text_.slice(0, 500));
  return r.headers.get('location').split('/').pop();
}

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
});
after(async () => {
  await srv.stop();
});

test("an officer's inbox: requests due, postings overdue and drafts, overdue first, in working days; only their commune", async () => {
  // a resident asks Kinh Bắc for information: 10 working days to answer
  let r = await anon.post('/units/09187/information-requests', { item: '2', reason: 'expired', question: 'Xin cung cấp dự toán ngân sách năm 2026 đã hết thời hạn niêm yết', name: 'Vũ Thị Mai', contact: '0912345678' }, { csrfFrom: '/units/09187/information-requests/new' });
  assert.equal(r.status, 303);
  const code = r.headers.get('location').split('/').pop();
  let t = await inbox('canbo.kinhbac');
  const req = t.find((k) => k.href === `/information-requests/${code}`);
  assert.ok(req, 'the request is a task');
  assert.match(req.what, /chờ trả lời/);
  assert.match(req.meta, /Phường Kinh Bắc · hạn \d\d\/\d\d\/\d{4} · còn 10 ngày làm việc/);
  assert.ok(!req.late);
  // overdue first: the demo's posting past its deadline and the permanent item never published
  const lateIdx = t.map((k) => k.late);
  assert.ok(lateIdx[0], 'an overdue task heads the list');
  assert.ok(lateIdx.indexOf(false) > lateIdx.lastIndexOf(true), 'every overdue task before every other');
  assert.ok(t.some((k) => k.late && /quá hạn công khai — mục 1:/.test(k.what) && /^Quá hạn \d+ ngày làm việc$/.test(k.badge)));
  assert.ok(t.some((k) => k.late && /chưa công khai \(phải công khai thường xuyên\) — mục 13/.test(k.what) && k.href === '/units/09187/disclosures/new?item=13'));
  assert.ok(t.every((k) => !/Lục Ngạn/.test(k.meta + k.title)), 'nothing of another commune');
  const page = (await (await as('canbo.kinhbac')).get('/me')).text_;
  tidy(page, 'inbox');
  assert.match(page, /\d+ việc đã quá hạn, ở đầu danh sách/);
  // the other commune's officer does not see it
  t = await inbox('canbo.lucngan');
  assert.ok(!t.some((k) => k.href.includes(code)));
  assert.ok(t.every((k) => !/Kinh Bắc/.test(k.meta + k.title)));
  // a supervisor of the commune sees the request only once it is overdue, and the overdue postings
  let g = await inbox('giamsat.kinhbac');
  assert.ok(!g.some((k) => k.href.includes(code)), 'not overdue yet');
  assert.ok(g.some((k) => k.late && /mục 1:/.test(k.what)));
  srv.db.sql(`UPDATE info_requests SET due_date = '2026-01-05' WHERE code = '${code}'`);
  g = await inbox('giamsat.kinhbac');
  const late = g.find((k) => k.href.includes(code));
  assert.ok(late && late.late && /quá hạn trả lời/.test(late.what));
  assert.equal((await inbox('giamsat.lucngan')).filter((k) => k.href.includes(code)).length, 0);
  // the officer's request is now overdue too, and answering it clears it
  t = await inbox('canbo.kinhbac');
  assert.ok(t.find((k) => k.href.includes(code)).late);
  const loc = `/information-requests/${code}`;
  r = await (await as('canbo.kinhbac')).post(`${loc}/answer`, { answer: 'Dự toán ngân sách năm 2026 gửi kèm theo đây.' }, { csrfFrom: loc });
  assert.equal(r.status, 303);
  assert.ok(!(await inbox('canbo.kinhbac')).some((k) => k.href.includes(code)));
});

test("a draft is a task; an inspection board member sees their commune's overdue work", async () => {
  await draftPosting(await as('canbo.lucngan'), '07582', 'Dự toán thu chi quỹ vải thiều (nháp)', 'Quyết định số 9/QĐ-UBND');
  const t = await inbox('canbo.lucngan');
  assert.ok(t.some((k) => k.title === 'Dự toán thu chi quỹ vải thiều (nháp)' && /bản nháp chưa công bố|quá hạn công khai/.test(k.what)));
  assert.ok(!(await inbox('canbo.kinhbac')).some((k) => k.title.includes('quỹ vải thiều')));
  const b = await inbox('thanhtra.kinhbac');
  assert.ok(b.some((k) => k.late && /Phường Kinh Bắc/.test(k.meta)));
  assert.ok(b.every((k) => !/Lục Ngạn/.test(k.meta + k.title)));
});

test("a household's representative: the pre-poll answer, the vote and the meeting; answering clears it", async () => {
  const lamp = matterId('Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1');
  let t = await inbox('dan.kinhbac');
  const pre = t.find((k) => k.href === `/matters/${lamp}`);
  assert.ok(pre && /chưa trả lời thăm dò ý kiến/.test(pre.what), 'the pre-poll answer is waiting');
  assert.match(pre.meta, /Tổ dân phố số 1 · hạn \d\d\/\d\d\/\d{4} · còn \d+ ngày làm việc/);
  const res = await as('dan.kinhbac');
  let r = await res.post(`/matters/${lamp}/vote`, { choice: 'for' }, { csrfFrom: `/matters/${lamp}` });
  assert.equal(r.status, 200);
  assert.ok(!(await inbox('dan.kinhbac')).some((k) => k.href === `/matters/${lamp}`), 'answered: no longer waiting');
  // Lục Ngạn: a vote open and a meeting coming, none of Kinh Bắc's
  t = await inbox('dan.lucngan');
  const fest = matterId('Tổ chức ngày hội vải thiều của thôn năm 2027');
  assert.ok(t.some((k) => k.href === `/matters/${fest}` && /chưa biểu quyết/.test(k.what)));
  assert.ok(t.some((k) => /cuộc họp thôn, tổ dân phố lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/.test(k.what)));
  assert.ok(!t.some((k) => k.href === `/matters/${lamp}`));
});

test("a province: the administrator's communes furthest behind, the supervisor's overdue communes", async () => {
  const all = await inbox('admin.bacninh');
  // the province's own cases (the demo's second-instance complaint), then its five communes
  assert.ok(all.some((k) => /^\/cases\/\d+$/.test(k.href) && /Tỉnh Bắc Ninh/.test(k.meta)), 'the province\'s own case');
  const t = all.filter((k) => !k.href.startsWith('/cases/'));
  assert.equal(t.length, 5);
  for (const k of t) {
    assert.match(k.href, /^\/units\/\d{5}\/targets$/);
    assert.match(k.what, /xa mục tiêu nhất: trung bình [\d,]+ ?%, đạt \d+\/\d+ mục tiêu/);
    assert.match(k.meta, /^Tỉnh Bắc Ninh$/);
  }
  const avg = t.map((k) => Number(k.what.match(/trung bình ([\d,]+)/)[1].replace(',', '.')));
  assert.deepEqual(avg, [...avg].sort((a, b) => a - b), 'worst first');
  const g = await inbox('giamsat.bacninh');
  assert.ok(g.length > 5);
  for (const k of g) {
    assert.match(k.href, /^\/units\/\d{5}\/disclosure-compliance$/);
    assert.match(k.what, /^\d+ nội dung quá hạn công khai$/);
  }
  const n = g.map((k) => Number(k.what.split(' ')[0]));
  assert.deepEqual(n, [...n].sort((a, b) => b - a), 'most overdue first');
  // a commune officer has no province list
  assert.ok(!(await inbox('canbo.kinhbac')).some((k) => /xa mục tiêu nhất/.test(k.what)));
});

test('a visitor opens a vote link: what it is, "Đăng nhập để biểu quyết", and back to the vote after login', async () => {
  const fest = matterId('Tổ chức ngày hội vải thiều của thôn năm 2027');
  const page = await anon.get(`/matters/${fest}`);
  assert.match(page.text_, /<h1>Tổ chức ngày hội vải thiều của thôn năm 2027<\/h1>/);
  assert.ok(page.text_.includes(`<a class="button" href="/login?next=/matters/${fest}">Đăng nhập để biểu quyết</a>`));
  assert.ok(!page.text_.includes('name="choice"'), 'no ballot for a visitor');
  tidy(page.text_, 'vote for a visitor');
  const c = new Client(srv.base);
  const form = await c.get(`/login?next=/matters/${fest}`);
  assert.match(form.text_, new RegExp(`name="next" value="/matters/${fest}"`));
  let r = await c.post('/login', { username: 'dan.lucngan', password: 'coso-demo-2025', next: `/matters/${fest}` }, { csrfFrom: `/login?next=/matters/${fest}` });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/matters/${fest}`);
  // the header's login link returns to the page it is on, query included
  assert.ok((await anon.get('/units/07582/matters')).text_.includes('href="/login?next=%2Funits%2F07582%2Fmatters"'));
  assert.ok((await anon.get('/?q=luc')).text_.includes('href="/login?next=%2F%3Fq%3Dluc"'));
  // never elsewhere
  const d = new Client(srv.base);
  r = await d.post('/login', { username: 'dan.lucngan', password: 'coso-demo-2025', next: '//evil.example/x' }, { csrfFrom: '/login' });
  assert.equal(r.headers.get('location'), '/');
  // the home page after login: the person's own village first
  const home = (await c.get('/')).text_;
  assert.match(home, /<section class="mine"><h2>Đơn vị của bạn<\/h2>\n<ul class="menu"><li><a href="\/units\/07582-[^"]+">Thôn Trung<\/a><\/li><li><a href="\/me#tasks">Việc cần làm<\/a><\/li><\/ul><\/section>/);
});

test('after voting: the household has voted (and its choice, for an open vote and its voter alone), a receipt to print, one field that checks it', async () => {
  const fest = matterId('Tổ chức ngày hội vải thiều của thôn năm 2027');
  const res = await as('dan.lucngan');
  let r = await res.post(`/matters/${fest}/vote`, { choice: 'against' }, { csrfFrom: `/matters/${fest}` });
  assert.equal(r.status, 200);
  const receipt = r.text_.match(/class="receipt-code" readonly value="(R-[0-9A-Z]{5}-[0-9A-Z]{5})"/)[1];
  assert.ok(r.text_.includes(`href="/matters/${fest}/receipt.pdf?receipt=${receipt}"`));
  tidy(r.text_, 'after voting');
  const again = (await res.get(`/matters/${fest}`)).text_;
  assert.match(again, /Hộ của bạn đã biểu quyết\./);
  assert.ok(again.includes(`Lựa chọn được ghi: <strong>Không đồng ý</strong> · Mã biên nhận <code>${receipt}</code>`));
  assert.ok(!(await anon.get(`/matters/${fest}`)).text_.includes('Hộ của bạn'), 'only the voter sees it');
  // the check: found (with the choice), forgiving case, spaces and dashes; not found
  const check = async (q) => (await anon.get(`/matters/${fest}?receipt=${encodeURIComponent(q)}`)).text_;
  for (const q of [receipt, receipt.toLowerCase(), ` ${receipt.replaceAll('-', ' ')} `, receipt.replaceAll('-', '').toLowerCase()]) {
    const p = await check(q);
    assert.ok(p.includes(`Có trong hòm phiếu:</strong> <code>${receipt}</code>`), q);
    assert.match(p, /Lựa chọn được ghi: <strong>Không đồng ý<\/strong>/);
  }
  const altered = receipt.slice(0, -1) + (receipt.endsWith('A') ? 'B' : 'A');
  const nf = await check(altered);
  assert.match(nf, /Không tìm thấy mã biên nhận này/);
  assert.ok(!nf.includes('Có trong hòm phiếu'));
  tidy(nf, 'receipt not found');
  // the receipt to print
  const pdf = await anon.get(`/matters/${fest}/receipt.pdf?receipt=${receipt.toLowerCase()}`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal((await anon.get(`/matters/${fest}/receipt.pdf?receipt=${altered}`)).status, 404);
  // a secret vote: the household's answer recorded, its choice never shown before the close
  const lamp = matterId('Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1');
  const rep = await as('thanhtra.kinhbac'); // also a household's representative in Tổ dân phố số 1
  r = await rep.post(`/matters/${lamp}/vote`, { choice: 'against' }, { csrfFrom: `/matters/${lamp}` });
  assert.equal(r.status, 200);
  const sr = r.text_.match(/value="(R-[0-9A-Z]{5}-[0-9A-Z]{5})"/)[1];
  const sp = (await anon.get(`/matters/${lamp}?receipt=${sr}`)).text_;
  assert.ok(sp.includes(`Có trong hòm phiếu:</strong> <code>${sr}</code> — Biểu quyết hình thức`) || sp.includes(`<code>${sr}</code>`));
  assert.ok(!/Lựa chọn được ghi/.test(sp), 'secret before the close');
  assert.match((await rep.get(`/matters/${lamp}`)).text_, /Hộ của bạn đã trả lời thăm dò ý kiến\./);
});

test('statuses: a meeting not yet held is "Sắp họp", never "Đang biểu quyết"; open votes and meetings first on the unit page', async () => {
  const list = (await anon.get('/units/07582/matters')).text_;
  const badge = (t) => list.match(new RegExp(`>${t}</a> <span class="badge[^"]*">([^<]*)<`))[1];
  assert.equal(badge('Sửa đổi hương ước thôn: giữ gìn vệ sinh đường làng'), 'Sắp họp');
  assert.equal(badge('Bầu Trưởng thôn, Tổ trưởng tổ dân phố'), 'Sắp họp');
  assert.equal(badge('Tổ chức ngày hội vải thiều của thôn năm 2027'), 'Đang biểu quyết');
  const kb = (await anon.get('/units/09187-01/matters')).text_;
  assert.match(kb, />Hương ước tổ dân phố số 1: giữ gìn trật tự, vệ sinh ngõ xóm<\/a> <span class="badge">Đã kết thúc</);
  const unit = (await anon.get('/units/07582')).text_;
  const open = unit.indexOf('<h2>Đang biểu quyết và sắp họp'), below = unit.indexOf('<h2 id="below">');
  assert.ok(open > 0 && open < below, 'open votes before the units below');
  assert.match(unit, /<h2>Đang biểu quyết và sắp họp <span class="count">\(4\)<\/span><\/h2>/);
  // the demo's meeting under way in each commune, for a newcomer to try today
  assert.equal(badge('Làm đường bê tông ngõ xóm đội 3'), 'Đang họp');
  assert.match((await anon.get('/units/09187-01/matters')).text_, />Đổi lịch thu gom rác sinh hoạt của tổ dân phố<\/a> <span class="badge current">Đang họp</);
  tidy(unit, 'commune with open votes');
});

test('search: one box, diacritics optional, grouped by kind with counts, unit and province named', async () => {
  let p = (await anon.get('/?q=den+chieu+sang')).text_;
  assert.match(p, /<h2>Kết quả tìm kiếm <span class="count">\(1\)<\/span><\/h2>/);
  assert.match(p, /<h3>Nhân dân bàn và quyết định <span class="count">\(1\)<\/span><\/h3>/);
  assert.match(p, /Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1<\/a> <span class="code">Tổ dân phố số 1, Phường Kinh Bắc, Tỉnh Bắc Ninh<\/span>/);
  p = (await anon.get('/?q=LUC+NGAN')).text_;
  assert.match(p, /<h3>Đơn vị hành chính, thôn, tổ dân phố <span class="count">\(\d+\)<\/span><\/h3>/);
  assert.match(p, /Xã Lục Ngạn<\/a> <span class="code">Xã · Tỉnh Bắc Ninh<\/span>/);
  assert.match(p, /<h3>Thông tin công khai <span class="count">\(\d+\)<\/span><\/h3>/);
  tidy(p, 'search');
});

test('irreversible acts have a review step: nothing happens without the confirmation, then it says it happened', async () => {
  const off = await as('canbo.kinhbac');
  const id = await draftPosting(off, '09187', 'Danh sách hộ được hỗ trợ sửa nhà năm 2026', 'Quyết định số 31/QĐ-UBND');
  let r;
  const state = () => srv.db.sql(`SELECT status FROM postings WHERE id = ${id}`);
  const events = () => srv.db.sql(`SELECT COUNT(*) FROM events WHERE subject = 'posting:${id}'`);
  const ev0 = events();
  r = await off.post(`/disclosures/${id}/publish`, {}, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.status, 200);
  assert.match(r.text_, /<h1>Công khai thông tin này\?<\/h1>/);
  assert.match(r.text_, /Việc này không thể hoàn tác/);
  assert.match(r.text_, /«Danh sách hộ được hỗ trợ sửa nhà năm 2026» — Phường Kinh Bắc/);
  assert.ok(r.text_.includes(`<form method="post" action="/disclosures/${id}/publish">`) && r.text_.includes('name="confirm" value="1"'));
  assert.ok(r.text_.includes(`href="/disclosures/${id}">Quay lại, không làm gì</a>`));
  tidy(r.text_, 'review step');
  assert.equal(state(), 'draft', 'nothing published without the confirmation');
  assert.equal(events(), ev0);
  r = await off.post(`/disclosures/${id}/publish`, { confirm: '1' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/disclosures/${id}?done=published`);
  assert.equal(state(), 'published');
  const done = (await off.get(r.headers.get('location'))).text_;
  assert.match(done, /id="done"><p>Đã công bố\./);
  // withdrawal: folded away from correction, reviewed with its reason shown
  assert.match(done, /<details class="danger"><summary>Gỡ bỏ thông tin này…<\/summary>/);
  // a bad reason is refused before any review step
  assert.equal((await off.post(`/disclosures/${id}/withdraw`, { reason: 'x' }, { csrfFrom: `/disclosures/${id}` })).status, 400);
  r = await off.post(`/disclosures/${id}/withdraw`, { reason: 'Đăng nhầm danh sách của năm trước' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.status, 200);
  assert.match(r.text_, /<dt>Lý do gỡ bỏ<\/dt><dd>Đăng nhầm danh sách của năm trước<\/dd>/);
  assert.match(r.text_, /name="reason" value="Đăng nhầm danh sách của năm trước"/);
  assert.equal(state(), 'published', 'not withdrawn without the confirmation');
  r = await off.post(`/disclosures/${id}/withdraw`, { reason: 'Đăng nhầm danh sách của năm trước', confirm: '1' }, { csrfFrom: `/disclosures/${id}` });
  assert.equal(r.headers.get('location'), `/disclosures/${id}?done=withdrawn`);
  assert.equal(state(), 'withdrawn');
});

test('recognising and the count that closes a meeting are reviewed first', async () => {
  // the demo's closed village decision in Kinh Bắc waiting for the commune's recognition, if any; else a closed one
  const chair = await as('chutich.kinhbac');
  const id = srv.db.sql("SELECT m.id FROM matters m JOIN units u ON u.id = m.unit_id WHERE u.code = '09187-01' AND m.title = 'Giờ mở cửa nhà văn hóa tổ dân phố vào cuối tuần'");
  const acts = () => srv.db.sql(`SELECT COUNT(*) FROM matter_acts WHERE matter_id = ${id}`);
  const a0 = acts();
  let r = await chair.post(`/matters/${id}/act`, { act: 'annulled', reason: 'Trái quy định về giờ giấc sinh hoạt' }, { csrfFrom: `/matters/${id}` });
  assert.equal(r.status, 200);
  assert.match(r.text_, /<h1>Hủy bỏ quyết định này\?<\/h1>/);
  assert.match(r.text_, /<dt>Lý do<\/dt><dd>Trái quy định về giờ giấc sinh hoạt<\/dd>/);
  assert.ok(r.text_.includes('name="act" value="annulled"'));
  assert.equal(acts(), a0, 'nothing recorded without the confirmation');
  tidy(r.text_, 'act review');
  // a count: the numbers shown, nothing recorded
  const head = await as('truongthon.lucngan');
  const meeting = srv.db.sql("SELECT id FROM matters WHERE title = 'Sửa đổi hương ước thôn: giữ gìn vệ sinh đường làng'");
  const t = Math.floor(Date.now() / 1000);
  srv.db.sql(`UPDATE meetings SET starts_at = ${t - 600} WHERE matter_id = ${meeting}`);
  r = await head.post(`/matters/${meeting}/count`, { cluster: '1', for: '0', against: '0', abstain: '0' }, { csrfFrom: `/matters/${meeting}` });
  assert.equal(r.status, 200, r.text_.slice(0, 300));
  assert.match(r.text_, /<h1>Ghi kết quả kiểm phiếu\?<\/h1>/);
  assert.match(r.text_, /<dt>Đồng ý<\/dt><dd>0<\/dd>/);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM meeting_results WHERE matter_id = ${meeting}`), '0');
  assert.equal(srv.db.sql(`SELECT COALESCE(ended_at, 0) FROM meetings WHERE matter_id = ${meeting}`), '0');
});

test('compliance people can act on: worst first with bars, a filter, the headline equal to the total row, issues linked', async () => {
  const p = (await anon.get('/units/24/disclosure-compliance')).text_;
  const rows = [...p.matchAll(/<tr><th scope="row"><a href="\/units\/([\w-]+)\/disclosure-compliance[^"]*">[^<]*<\/a><\/th><td data-label="[^"]*">(\d+)<\/td><td data-label="[^"]*">(\d+)<\/td><td data-label="[^"]*"><svg class="bar"[^]*?<\/svg> (\d+%|—)<\/td>/g)]
    .map((m) => ({ unit: m[1], due: Number(m[2]), ok: Number(m[3]), rate: m[4] === '—' ? 1001 : Number(m[4].slice(0, -1)) * 10 }));
  assert.ok(rows.length > 90, 'every unit of the province');
  const rates = rows.map((x) => x.rate);
  assert.deepEqual(rates, [...rates].sort((a, b) => a - b), 'worst first, nothing due last');
  const head = p.match(/<li><span>Văn bản phải công khai<\/span> <strong>(\d+)<\/strong><\/li>\n<li><span>Công khai đúng quy định<\/span> <strong>(\d+)<\/strong><\/li>\n<li><span>Tỷ lệ đạt<\/span> <strong>(\d+)%<\/strong>/);
  const total = p.match(/<tfoot><tr><th scope="row">Tổng cộng \(\d+\)<\/th><td data-label="[^"]*">(\d+)<\/td><td data-label="[^"]*">(\d+)<\/td><td data-label="[^"]*"><svg[^]*?<\/svg> (\d+)%/);
  assert.deepEqual(total.slice(1, 4), head.slice(1, 4), 'the headline is the total row');
  assert.equal(rows.reduce((a, x) => a + x.due, 0), Number(head[1]), JSON.stringify(rows.filter((x) => x.due)));
  const behind = (await anon.get('/units/24/disclosure-compliance?show=behind')).text_;
  const nb = Number(p.match(/chưa đạt \((\d+)\)/)[1]);
  assert.equal([...behind.matchAll(/<tr><th scope="row"><a /g)].length, nb);
  tidy(p, 'province compliance');
  // a commune: its overdue and short postings, each linked
  const kb = (await (await as('canbo.kinhbac')).get('/units/09187/disclosure-compliance')).text_;
  assert.match(kb, /<h2>Những việc chưa đúng quy định — Phường Kinh Bắc<\/h2>/);
  assert.match(kb, /<span class="badge withdrawn">Quá hạn chưa công khai<\/span> <a href="\/disclosures\/\d+">/);
});

test('the meeting page is its workflow: eight steps, where it stands, a quorum meter during attendance', async () => {
  const done = srv.db.sql("SELECT id FROM matters WHERE title = 'Hương ước tổ dân phố số 1: giữ gìn trật tự, vệ sinh ngõ xóm'");
  let p = (await anon.get(`/matters/${done}`)).text_;
  const steps = [...p.matchAll(/<li class="(done|now|later)"><strong>(\d)\. /g)].map((m) => m[1]);
  assert.equal(steps.length, 8);
  assert.deepEqual(steps, Array(8).fill('done'), 'held, counted, signed and recognised');
  assert.match(p, /<strong>8\. Xã công nhận \(khoản 2 Điều 21\)<\/strong> <span class="badge">xong<\/span><br><span class="meta">Đã công nhận<\/span>/);
  tidy(p, 'meeting steps');
  // a meeting under way: attendance is the current step, with the meter
  const live = srv.db.sql("SELECT id FROM matters WHERE title = 'Bầu Trưởng thôn, Tổ trưởng tổ dân phố'");
  srv.db.sql(`UPDATE meetings SET starts_at = ${Math.floor(Date.now() / 1000) - 300} WHERE matter_id = ${live}`);
  p = (await anon.get(`/matters/${live}`)).text_;
  const now = [...p.matchAll(/<li class="(done|now|later)"><strong>(\d)\. /g)].map((m) => m[1]);
  assert.deepEqual(now.slice(0, 3), ['done', 'done', 'now']);
  assert.ok(now.slice(3).every((s) => s === 'later'));
  assert.match(p, /<li class="meter"><svg class="bar"[^]*?<span>Đang có mặt 0\/\d+ hộ; cần ít nhất \d+ hộ đồng ý để thông qua<\/span><\/li>/);
  tidy(p, 'meeting under way');
});

test('the new-matter form asks for the form of decision first, then shows only its fields', async () => {
  const head = await as('totruong.kinhbac');
  let p = (await head.get('/units/09187-01/matters/new')).text_;
  for (const f of ['online', 'meeting', 'ballot']) assert.ok(p.includes(`href="/units/09187-01/matters/new?form=${f}"`), f);
  assert.ok(!p.includes('name="title"'), 'no fields before the choice');
  tidy(p, 'choose the form');
  p = (await head.get('/units/09187-01/matters/new?form=online')).text_;
  assert.ok(p.includes('name="closes_at"') && p.includes('name="prepoll_closes_at"'));
  assert.ok(!p.includes('name="meeting_at"') && !p.includes('name="team"'));
  p = (await head.get('/units/09187-01/matters/new?form=meeting')).text_;
  assert.ok(p.includes('name="meeting_at"') && p.includes('name="location"') && !p.includes('name="closes_at"') && !p.includes('name="secret"'));
  tidy(p, 'meeting form');
});

test('"Công khai ngay" on the form saves the draft and shows it for review; published only when confirmed', async () => {
  const off = await as('canbo.kinhbac');
  const fd = new FormData();
  fd.set('csrf', await off.csrf('/units/09187/disclosures/new'));
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  for (const [k, v] of Object.entries({ item: 5, decision_ref: 'Quyết định số 44/QĐ-UBND', decision_date: today, title: 'Mức hỗ trợ khám sức khỏe người cao tuổi năm 2026', summary: 'Mức hỗ trợ', body: 'Nội dung', location: 'Nhà văn hóa', action: 'publish' })) fd.set(k, String(v));
  fd.append('forms', 'posting');
  let r = await off.req('POST', '/units/09187/disclosures', { body: fd });
  assert.equal(r.status, 303);
  const loc = r.headers.get('location');
  const id = loc.match(/^\/disclosures\/(\d+)\?review=publish$/)[1];
  assert.equal(srv.db.sql(`SELECT status FROM postings WHERE id = ${id}`), 'draft', 'saved, not published');
  const review = (await off.get(loc)).text_;
  assert.match(review, /<div class="confirm" role="alert" id="review"><h2>Công khai thông tin này\?<\/h2>/);
  assert.match(review, /<h1>Mức hỗ trợ khám sức khỏe người cao tuổi năm 2026<\/h1>/, 'the preview is the page itself');
  tidy(review, 'review before publishing');
  r = await off.post(`/disclosures/${id}/publish`, { confirm: '1' }, { csrfFrom: loc });
  assert.equal(r.headers.get('location'), `/disclosures/${id}?done=published`);
  assert.equal(srv.db.sql(`SELECT status FROM postings WHERE id = ${id}`), 'published');
});

test('the ledger and the activity lists name the act and what it concerns, linking the act first and its entry second', async () => {
  const unit = (await anon.get('/units/09187')).text_;
  // a posting's publication (this file published some): its own page first, then its ledger entry
  const m = unit.match(/Công khai thông tin — <a href="(\/disclosures\/\d+)">([^<]+)<\/a> · <a href="\/ledger\/(\d+)">Sổ minh bạch #\d+<\/a>/);
  assert.ok(m, 'a publication in the activity, linked to the posting: ' + (unit.match(/<ul class="activity">[^]*?<\/ul>/) || [''])[0]);
  const entry = (await anon.get(`/ledger/${m[3]}`)).text_;
  assert.ok(entry.includes(`<h1>Phường Kinh Bắc: Công khai thông tin — ${m[2]}</h1>`), 'titled by unit, act and what it concerns');
  assert.ok(entry.includes(`<a class="button" href="${m[1]}">Xem nội dung được ghi nhận</a>`));
  // the demo convention's steps are recorded on the days they were done (its team 75 days ago)
  const idx = srv.db.sql("SELECT l.idx FROM ledger_leaves l JOIN events e ON e.id = l.event_id WHERE e.kind = 'convention.team' ORDER BY e.id LIMIT 1");
  const team = (await anon.get(`/ledger/${idx}`)).text_;
  const day = new Date(Date.now() + 7 * 3600e3 - 75 * 86400e3).toISOString().slice(0, 10).split('-').reverse().join('/');
  assert.ok(team.includes(`Ghi vào sổ minh bạch lúc 09:00 ngày ${day}.`), day);
  assert.match(team, /<h1>Tổ dân phố số 1: Thành lập tổ soạn thảo hương ước, quy ước — Hương ước tổ dân phố số 1<\/h1>/);
  tidy(entry, 'ledger entry of a posting');
});
