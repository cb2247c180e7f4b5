// Issue #16: public consultation through the real binary. A commune officer
// imports a Word draft and a LibreOffice one made here, previews and fixes
// the structure, publishes within the law's periods; residents comment on a
// clause (quoting its words), on the whole draft, agree or disagree; an
// officer enters what came from a meeting; a comment is hidden with its
// reason and the history kept; a revised draft re-attaches every comment to
// its words or marks it; after the close nothing is taken from the web; the
// synthesis answers every comment, the chair signs it off only then (and
// gives reasons when the decision goes against the majority); it is
// published (disclosure item 11, the ledger) and every commenter is told;
// the XLSX is read cell by cell and the PDF with pdftotext; bad drafts and
// bad comments change nothing; the audience is kept (another commune, an
// agency's staff, the persons a decision affects).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, Client, tidy, apiJson, zipFiles, unzipEntry, cli } from './lib.mjs';

let srv, officer, chair, resident, other, stranger, agencyHead;
const q = (sql) => srv.db.sql(sql);
const n = (sql) => Number(q(sql));
const dayIso = (d) => new Date(Date.now() + 7 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
// A Word document: paragraphs [text, style] where style is 'Heading1', 'list0', 'list1' or ''.
function docx(paras) {
  const p = paras.map(([t, s]) => {
    const ppr = s.startsWith('Heading') || s === 'Title' ? `<w:pPr><w:pStyle w:val="${s}"/></w:pPr>`
      : s.startsWith('list') ? `<w:pPr><w:numPr><w:ilvl w:val="${s.slice(4)}"/><w:numId w:val="1"/></w:numPr></w:pPr>` : '';
    // a run split in two, as Word does
    const half = Math.floor(t.length / 2);
    return `<w:p>${ppr}<w:r><w:t xml:space="preserve">${esc(t.slice(0, half))}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>${esc(t.slice(half))}</w:t></w:r></w:p>`;
  }).join('');
  return zipFiles({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${p}<w:sectPr/></w:body></w:document>`,
  });
}
// A LibreOffice text: items are ['h', text, level], ['p', text] or ['list', [items, [sub-items]]].
function odt(items) {
  const T = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
  const list = (xs) => `<text:list>${xs.map((x) => `<text:list-item>${Array.isArray(x) ? list(x) : `<text:p>${esc(x)}</text:p>`}</text:list-item>`).join('')}</text:list>`;
  const body = items.map(([k, t, l]) => k === 'h' ? `<text:h text:outline-level="${l}">${esc(t)}</text:h>`
    : k === 'p' ? `<text:p>${esc(t).replace(' ', '<text:s/>')}</text:p>` : list(t)).join('');
  return zipFiles({
    mimetype: 'application/vnd.oasis.opendocument.text',
    'content.xml': `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="${T}"><office:body><office:text>${body}</office:text></office:body></office:document-content>`,
  });
}

// The form that prepares a consultation, as multipart with the draft's file.
async function prepare(c, unit, fields, file) {
  const fd = new FormData();
  fd.set('csrf', await c.csrf('/me'));
  const all = { subject: 'art25_7', title: 'Dự thảo quy chế dân chủ xã', plan_content: 'Lấy ý kiến Nhân dân toàn xã về dự thảo.',
    plan_owner: 'Văn phòng UBND xã', form_b: '1', form_e: '1', audience: 'unit', ...fields };
  for (const [k, v] of Object.entries(all)) fd.set(k, v);
  if (file) fd.set('file', new Blob([file.data]), file.name);
  return c.req('POST', `/units/${unit}/consultations`, { body: fd });
}
const idOf = (r) => Number(r.headers.get('location').match(/\/consultations\/(\d+)/)[1]);

// A comment posted from the consultation's page (form_key: the page's one-time key).
async function comment(c, id, fields, key) {
  const page = await c.get(`/consultations/${id}`);
  const csrf = page.text_.match(/name="csrf" value="([^"]+)"/)[1];
  const k = key ?? page.text_.match(/name="form_key" value="([^"]+)"/)?.[1] ?? '';
  return c.post(`/consultations/${id}/comments`, { csrf, form_key: k, anchor: '', ...fields });
}
const units = async (id) => (await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${id}`)).body.draft.map((u) => u.anchor);

before(async () => {
  srv = await startServer();
  officer = new Client(srv.base);
  await officer.login('canbo.lucngan');
  chair = new Client(srv.base);
  await chair.login('chutich.lucngan');
  resident = new Client(srv.base);
  await resident.login('dan.lucngan');
  other = new Client(srv.base);
  await other.login('dan.kinhbac');
  stranger = new Client(srv.base);
  await stranger.login('canbo.kinhbac');
  agencyHead = new Client(srv.base);
  await agencyHead.login('thutruong.lucngan');
});
after(async () => srv.stop());

let wid; // the consultation made from the Word file

test('a Word draft becomes chapters, articles, clauses and points with stable anchors; previewed, fixed, then published within the law', async () => {
  const file = docx([
    ['Chương I', 'Heading1'], ['QUY ĐỊNH CHUNG', 'Heading1'],
    ['Điều 1. Phạm vi điều chỉnh', ''], ['Quy chế này quy định việc thực hiện dân chủ ở xã Lục Ngạn.', ''],
    ['Điều 2. Công khai', ''], ['Niêm yết tại nhà văn hóa thôn ít nhất 30 ngày liên tục.', 'list0'],
    ['Đăng trên trang thông tin điện tử của xã.', 'list0'], ['đăng trong ngày;', 'list1'], ['giữ ít nhất một năm.', 'list1'],
    ['Chương II', 'Heading1'], ['ĐÓNG GÓP', 'Heading1'],
    ['Điều 3. Mức đóng góp', ''], ['1. Mỗi hộ đóng góp 200.000 đồng mỗi năm.', ''], ['2. Hộ nghèo được miễn. Điều 4. Tổ chức thực hiện', ''],
  ]);
  const before = n('SELECT COUNT(*) FROM consultations');
  let r = await prepare(officer, '07582', { title: 'Dự thảo Quy chế thực hiện dân chủ xã Lục Ngạn' }, { name: 'quy-che.docx', data: file });
  assert.equal(r.status, 303, r.text_);
  wid = idOf(r);
  assert.equal(n('SELECT COUNT(*) FROM consultations'), before + 1);
  assert.equal((await new Client(srv.base).get(`/api/v1/consultations/${wid}`)).status, 404, 'a draft being prepared is not public');
  assert.equal((await stranger.get(`/consultations/${wid}`)).status, 404, 'nor to another commune');
  r = await officer.get(`/consultations/${wid}`);
  tidy(r.text_, 'preview');
  assert.ok(r.text_.includes('Bản xem trước'));
  const api = await apiJson(officer, 'GET', `/api/v1/consultations/${wid}`);
  const anchors = api.body.draft.map((u) => u.anchor);
  assert.deepEqual(anchors, ['chuong-i', 'dieu-1', 'dieu-2', 'dieu-2-khoan-1', 'dieu-2-khoan-2', 'dieu-2-khoan-2-diem-a',
    'dieu-2-khoan-2-diem-b', 'chuong-ii', 'dieu-3', 'dieu-3-khoan-1', 'dieu-3-khoan-2']);
  assert.equal(api.body.draft[0].heading, 'QUY ĐỊNH CHUNG', 'a chapter\'s title on its own line');
  assert.match(api.body.draft[3].text, /Niêm yết tại nhà văn hóa thôn/, 'runs of a paragraph joined');
  // Article 4 was written at the end of a clause: fixed in the text of the structure
  const text = r.text_.match(/<textarea[^>]*name="text"[^>]*>([^<]*)<\/textarea>/)[1]
    .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.ok(text.includes('Hộ nghèo được miễn. Điều 4.'));
  const fixed = text.replace('Hộ nghèo được miễn. Điều 4. Tổ chức thực hiện', 'Hộ nghèo được miễn.\nĐiều 4. Tổ chức thực hiện\nỦy ban nhân dân xã tổ chức thực hiện Quy chế này.');
  const fd = new FormData();
  fd.set('csrf', await officer.csrf(`/consultations/${wid}`));
  fd.set('text', fixed);
  r = await officer.req('POST', `/consultations/${wid}/draft`, { body: fd });
  assert.equal(r.status, 303, r.text_);
  const after = (await apiJson(officer, 'GET', `/api/v1/consultations/${wid}`)).body.draft.map((u) => u.anchor);
  assert.deepEqual(after, [...anchors, 'dieu-4'], 'the same anchors, and the article split off');
  // publishing: fewer than 20 days is refused with the article and the earliest day; another commune may not
  const pub = (c, closes, confirm = '1') => c.post(`/consultations/${wid}/publish`, { closes, confirm }, { csrfFrom: `/consultations/${wid}` });
  assert.equal((await stranger.post(`/consultations/${wid}/publish`, { closes: dayIso(30), confirm: '1' }, { csrfFrom: '/me' })).status, 404);
  r = await pub(officer, dayIso(19));
  assert.equal(r.status, 400);
  assert.match(r.text_, /ít nhất 20 ngày kể từ ngày công bố nội dung \(Luật 10\/2022\/QH15 Điều 25 khoản 7, Điều 28 khoản 2/);
  assert.equal(q(`SELECT status FROM consultations WHERE id = ${wid}`), 'draft');
  r = await pub(officer, dayIso(20), '');
  assert.equal(r.status, 200, 'the review step first');
  assert.match(r.text_, /Công bố dự thảo và mở lấy ý kiến/);
  r = await pub(officer, dayIso(20));
  assert.equal(r.status, 303, r.text_);
  assert.equal(q(`SELECT status FROM consultations WHERE id = ${wid}`), 'open');
  assert.deepEqual(await units(wid), after, 'public once published');
  // the opening is public (the ledger) with the plan sent to the council and the Front
  assert.equal(n(`SELECT COUNT(*) FROM events e JOIN ledger_leaves l ON l.event_id = e.id WHERE e.kind = 'consultation.open' AND e.subject = 'consultation:${wid}'`), 1);
  assert.match(q(`SELECT payload FROM events WHERE kind = 'consultation.open' AND subject = 'consultation:${wid}'`), /Hội đồng nhân dân.*Mặt trận/);
  // the plan goes to the Front's officers of the commune (Art. 28(1))
  assert.equal(n(`SELECT COUNT(*) FROM notifications o JOIN users u ON u.id = o.user_id WHERE o.kind = 'consult.plan' AND o.subject = 'consultation:${wid}/plan' AND u.username = 'mattran.lucngan'`), 1);
  // the commune's households hear of it (the notifications' outbox: here the one with an account)
  assert.ok(n(`SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id WHERE o.kind = 'consult.open' AND o.subject = 'consultation:${wid}' AND u.username = 'dan.lucngan'`) >= 1);
  assert.equal((await pub(officer, dayIso(40))).status, 409, 'once');
});

test('a LibreOffice draft: headings and nested lists; a convention\'s draft needs 30 days', async () => {
  const file = odt([
    ['h', 'Chương I. NHỮNG QUY ĐỊNH CHUNG', 1],
    ['p', 'Điều 1. Giữ gìn vệ sinh'], ['list', ['Không xả rác ra đường làng.', ['vào ngày lễ;', 'vào ngày thường.'], 'Trồng cây xanh.']],
    ['p', 'Điều 2. Khen thưởng'], ['p', 'Hộ gương mẫu được biểu dương tại hội nghị thôn.'],
  ]);
  let r = await prepare(officer, '07582-01', { subject: 'convention', title: 'Dự thảo hương ước thôn' }, { name: 'huong-uoc.odt', data: file });
  // a commune officer runs the consultations of the commune's villages too
  assert.equal(r.status, 303, r.text_);
  const id = idOf(r);
  const api = await apiJson(officer, 'GET', `/api/v1/consultations/${id}`);
  assert.deepEqual(api.body.draft.map((u) => u.anchor), ['chuong-i', 'dieu-1', 'dieu-1-khoan-1', 'dieu-1-khoan-1-diem-a',
    'dieu-1-khoan-1-diem-b', 'dieu-1-khoan-2', 'dieu-2']);
  assert.equal(api.body.draft[2].text, 'Không xả rác ra đường làng.');
  r = await officer.post(`/consultations/${id}/publish`, { closes: dayIso(25), confirm: '1' }, { csrfFrom: `/consultations/${id}` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /ít nhất 30 ngày[^<]*Nghị định 61\/2023/);
});

test('bad drafts are refused with a clear reason and nothing is kept', async () => {
  const before = n('SELECT COUNT(*) FROM consultations');
  const cases = [
    [{ name: 'du-thao.docx', data: Buffer.from('%PDF-1.4 not a word file') }, /không phải tài liệu Word \(\.docx\) đọc được/],
    [{ name: 'du-thao.docx', data: zipFiles({ 'word/other.xml': '<x/>' }) }, /không phải tài liệu Word/],
    [{ name: 'du-thao.odt', data: zipFiles({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content><broken' }) },
      /Không đọc được cấu trúc của tài liệu/],
    [{ name: 'du-thao.odt', data: docx([['Điều 1. A', '']]) }, /không phải văn bản LibreOffice/],
    [{ name: 'du-thao.txt', data: Buffer.from([0x44, 0x00, 0xff, 0xfe]) }, /không phải văn bản thuần/],
    [{ name: 'du-thao.pdf', data: Buffer.from('%PDF-1.4') }, /Chỉ nhận dự thảo dạng Word/],
    [{ name: 'du-thao.md', data: Buffer.from('Điều 1. Một\nNội dung.\nĐiều 1. Lặp lại\n') }, /Dòng 3: số hiệu lặp lại[^<]*Điều 1\./],
    [{ name: 'du-thao.md', data: Buffer.from('\n\n   \n') }, /Dự thảo không có nội dung/],
  ];
  for (const [file, why] of cases) {
    const r = await prepare(officer, '07582', { title: 'Dự thảo thử <script>alert(1)</script>' }, file);
    assert.equal(r.status, 400, file.name);
    assert.match(r.text_, why, file.name);
    tidy(r.text_, 'refused form');
    assert.ok(!r.text_.includes('<script>alert(1)'), 'escaped');
    assert.ok(r.text_.includes('Dự thảo thử &lt;script&gt;'), 'what was typed kept');
  }
  // fields: every problem at once
  const r = await prepare(officer, '07582', { subject: 'staff_plan', title: 'x', plan_content: '', plan_owner: '', form_b: '', form_e: '', audience: 'staff' },
    { name: 'a.md', data: Buffer.from('Điều 1. A\nB') });
  assert.equal(r.status, 400);
  for (const m of ['Hãy chọn nội dung lấy ý kiến phù hợp', 'Tên cuộc lấy ý kiến phải có từ 5', 'Hãy ghi nội dung kế hoạch',
    'Hãy ghi người, bộ phận chịu trách nhiệm', 'Hãy chọn ít nhất một hình thức', 'Đối tượng không phù hợp với đơn vị']) assert.ok(r.text_.includes(m), m);
  assert.equal(n('SELECT COUNT(*) FROM consultations'), before, 'nothing half-imported');
  // who may not: a resident, another commune's officer, nobody signed in
  assert.equal((await prepare(stranger, '07582', {}, { name: 'a.md', data: Buffer.from('Điều 1. A') })).status, 403);
  assert.equal((await prepare(resident, '07582', {}, { name: 'a.md', data: Buffer.from('Điều 1. A') })).status, 403);
  assert.equal((await new Client(srv.base).get('/units/07582/consultations/new')).status, 401);
  assert.equal(n('SELECT COUNT(*) FROM consultations'), before);
});

test('comments: on a clause with the words quoted, on the whole draft, once per key; the audience kept; bad input changes nothing', async () => {
  const page = await resident.get(`/consultations/${wid}`);
  tidy(page.text_, 'open consultation');
  assert.match(page.text_, /Cách góp ý: bấm &quot;Góp ý&quot; ngay dưới điều, khoản/);
  assert.match(page.text_, /<details class="comment-form"><summary>Góp ý 1\.<\/summary>/);
  const before = n(`SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ${wid}`);
  let r = await comment(resident, wid, { anchor: 'dieu-2-khoan-1', quote: 'ít nhất 30 ngày', body: 'Đề nghị niêm yết cả ở chợ <script>alert(1)</script>' });
  assert.equal(r.status, 303, r.text_);
  assert.match(r.headers.get('location'), /done=commented#dieu-2-khoan-1$/);
  // the same form sent twice (its one-time key): stored once
  const p2 = await resident.get(`/consultations/${wid}`);
  const key = p2.text_.match(/name="form_key" value="([^"]+)"/)[1];
  for (let i = 0; i < 2; i++) assert.equal((await comment(resident, wid, { anchor: 'dieu-3-khoan-1', quote: '200.000 đồng', body: 'Mức đóng góp quá cao.' }, key)).status, 303);
  r = await comment(resident, wid, { body: 'Dự thảo nên có điều về khiếu nại.', show_name: '1' });
  assert.equal(r.status, 303);
  assert.equal(n(`SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ${wid}`), before + 3);
  // shown with the village, the name only by choice; script escaped
  r = await new Client(srv.base).get(`/consultations/${wid}/comments`);
  tidy(r.text_, 'comments');
  assert.ok(r.text_.includes('Người dân Thôn') && r.text_.includes('Lương Thị Yến'), 'the village, and the name chosen');
  assert.ok(r.text_.includes('&lt;script&gt;alert(1)') && !r.text_.includes('<script>alert(1)'));
  // refused: empty, too long, a quote not in the clause, an unknown clause; after each nothing is stored
  const bad = [
    [{ anchor: 'dieu-1', body: ' ' }, 400, /Ý kiến phải có từ 2 đến 5\.000 ký tự/],
    [{ anchor: 'dieu-1', body: 'x'.repeat(5001) }, 400, /Ý kiến phải có từ 2 đến 5\.000 ký tự/],
    [{ anchor: 'dieu-1', quote: 'không có chữ này', body: 'Ý kiến.' }, 400, /Đoạn trích dẫn không có trong điều, khoản đã chọn/],
    [{ anchor: 'dieu-99', body: 'Ý kiến.' }, 400, /Không có điều, khoản này/],
  ];
  for (const [f, status, why] of bad) {
    r = await comment(resident, wid, f);
    assert.equal(r.status, status);
    assert.match(r.text_, why);
    tidy(r.text_, 'refused comment');
  }
  // another commune's resident, and nobody signed in
  r = await comment(other, wid, { anchor: 'dieu-1', body: 'Tôi ở phường khác.' });
  assert.equal(r.status, 403);
  assert.match(r.text_, /dành cho đối tượng khác/);
  const anon = new Client(srv.base);
  assert.equal((await anon.post(`/consultations/${wid}/comments`, { anchor: 'dieu-1', body: 'Ẩn danh.' }, { csrfFrom: '/login' })).status, 401);
  // no CSRF token: refused
  assert.equal((await resident.post(`/consultations/${wid}/comments`, { anchor: 'dieu-1', body: 'Không có mã.' })).status, 403);
  assert.equal(n(`SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ${wid}`), before + 3);
  // the API: the list shape, the refusal shape, Idempotency-Key
  let a = await apiJson(resident, 'POST', `/api/v1/consultations/${wid}/comments`, { anchor: 'dieu-4', body: '' });
  assert.equal(a.status, 400);
  assert.equal(a.body.error.fields[0].field, 'body');
  const idem = { 'content-type': 'application/json', 'idempotency-key': 'k-' + wid, 'x-csrf-token': await resident.csrf('/me') };
  const post = () => resident.req('POST', `/api/v1/consultations/${wid}/comments`, { body: JSON.stringify({ anchor: 'dieu-4', body: 'Giao cho ai tổ chức?' }), headers: idem });
  const p1 = await post(), p3 = await post();
  assert.equal(p1.status, 201);
  assert.equal(p3.status, 201, 'the retry gets the first answer again');
  assert.equal(p3.headers.get('idempotent-replayed'), 'true');
  assert.equal(JSON.parse(p1.text_).id, JSON.parse(p3.text_).id);
  a = await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}/comments?anchor=dieu-2-khoan-1&limit=1`);
  assert.equal(a.status, 200);
  assert.deepEqual(Object.keys(a.body).sort(), ['items', 'next', 'total']);
  assert.equal(a.body.items[0].quote, 'ít nhất 30 ngày');
  assert.equal(a.body.items[0].answer, null);
  // with a bearer token (an app): checked inside the write; a read-only token, a bad one, a wrong quote refused
  const token = (scope) => cli(['user', 'token', 'dan.lucngan', '--db', srv.db.url, '--scope', scope]).stdout.trim();
  const bearer = (tok, body, id = wid) => fetch(`${srv.base}/api/v1/consultations/${id}/comments`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${tok}` },
  }).then(async (x) => ({ status: x.status, body: await x.json() }));
  const w = token('write');
  let b = await bearer(w, { anchor: 'dieu-2-khoan-2', quote: 'trang thông tin điện tử', body: 'Gửi từ ứng dụng của xã.' });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.equal(q(`SELECT channel FROM consultation_comments WHERE id = ${b.body.id}`), 'api');
  b = await bearer(w, { anchor: 'dieu-2-khoan-2', quote: 'không có', body: 'Trích sai.' });
  assert.deepEqual([b.status, b.body.error.fields[0].field], [400, 'quote']);
  assert.equal((await bearer(token('read'), { anchor: 'dieu-1', body: 'Chỉ đọc.' })).status, 403);
  assert.equal((await bearer('khong-phai-ma', { anchor: 'dieu-1', body: 'Mã sai.' })).status, 401);
  assert.equal((await bearer(w, { anchor: 'dieu-1', body: 'Không có cuộc này.' }, 999999)).status, 404);
  assert.equal((await bearer(cli(['user', 'token', 'dan.kinhbac', '--db', srv.db.url, '--scope', 'write']).stdout.trim(),
    { anchor: 'dieu-1', body: 'Phường khác.' })).status, 403);
  // an officer enters what a meeting said, with its channel and who said it
  r = await comment(officer, wid, { anchor: 'dieu-3-khoan-1', body: 'Thôn Trung đề nghị giảm còn 100.000 đồng.', channel: 'meeting', author: 'Hội nghị thôn Trung' });
  assert.equal(r.status, 303, r.text_);
  r = await comment(officer, wid, { anchor: 'dieu-3-khoan-1', body: 'Thiếu người góp ý.', channel: 'meeting', author: '' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Hãy ghi người hoặc cơ quan, tổ chức đã góp ý/);
  assert.equal(q(`SELECT channel || '|' || author FROM consultation_comments WHERE body LIKE 'Thôn Trung đề nghị%'`), 'meeting|Hội nghị thôn Trung');
  assert.equal((await comment(stranger, wid, { anchor: 'dieu-1', body: 'Không phải xã tôi.', channel: 'letter', author: 'Ai đó' })).status, 403);
});

test('agree or disagree once per person per clause; the tallies', async () => {
  const vote = (c, anchor, value) => c.post(`/consultations/${wid}/votes`, { anchor, value }, { csrfFrom: `/consultations/${wid}` });
  assert.equal((await vote(resident, 'dieu-3-khoan-1', '1')).status, 303);
  assert.equal((await vote(resident, 'dieu-3-khoan-1', '-1')).status, 303, 'a second vote replaces the first');
  assert.equal(n(`SELECT COUNT(*) FROM consultation_votes WHERE consultation_id = ${wid}`), 1);
  assert.equal((await vote(other, 'dieu-3-khoan-1', '1')).status, 403);
  assert.equal((await vote(resident, 'dieu-99', '1')).status, 400);
  const u = (await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}`)).body.draft.find((x) => x.anchor === 'dieu-3-khoan-1');
  assert.deepEqual([u.comments, u.agree, u.disagree], [2, 0, 1]);
});

test('moderation hides a comment with its reason, keeps it and its history; nothing is deleted', async () => {
  let r = await comment(resident, wid, { anchor: 'dieu-1', body: 'Lời lẽ xúc phạm cán bộ xã.' });
  assert.equal(r.status, 303);
  const cid = q(`SELECT id FROM consultation_comments WHERE body = 'Lời lẽ xúc phạm cán bộ xã.'`);
  const mod = (c, act, reason) => c.post(`/consultation-comments/${cid}/${act}`, { reason }, { csrfFrom: `/consultations/${wid}/comments` });
  assert.equal((await mod(officer, 'hide', '')).status, 400);
  assert.equal((await mod(resident, 'hide', 'Tôi muốn ẩn')).status, 403);
  assert.equal((await mod(stranger, 'hide', 'Không phải xã tôi')).status, 403);
  assert.equal((await mod(officer, 'hide', 'Xúc phạm cá nhân')).status, 303);
  assert.equal((await mod(officer, 'hide', 'Lần nữa')).status, 409);
  r = await new Client(srv.base).get(`/consultations/${wid}/comments`);
  assert.ok(!r.text_.includes('Lời lẽ xúc phạm') && r.text_.includes('Xúc phạm cá nhân'), 'the public sees the reason, not the words');
  const a = await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}/comments?anchor=dieu-1`);
  const c = a.body.items.find((x) => x.id === Number(cid));
  assert.deepEqual([c.hidden, c.body, c.hidden_reason], [true, '', 'Xúc phạm cá nhân']);
  r = await officer.get(`/consultations/${wid}/comments`);
  assert.ok(r.text_.includes('Lời lẽ xúc phạm') && r.text_.includes('Lịch sử kiểm duyệt'), 'officers see it and its history');
  assert.equal((await mod(officer, 'show', 'Người gửi đã xin lỗi')).status, 303);
  assert.equal((await mod(officer, 'hide', 'Xúc phạm lần hai')).status, 303);
  assert.equal(q(`SELECT action FROM comment_moderation WHERE comment_id = ${cid} ORDER BY id`).split('\n').join(','), 'hide,show,hide');
  assert.equal(n(`SELECT COUNT(*) FROM consultation_comments WHERE id = ${cid}`), 1, 'kept for the record');
});

test('a revised draft: comments follow their words, or are marked when the words are gone; the difference is readable', async () => {
  const fd = new FormData();
  fd.set('csrf', await officer.csrf(`/consultations/${wid}`));
  // the 30 days move to article 2's second clause; the 200,000 dong is gone
  fd.set('text', [
    '# Chương I. QUY ĐỊNH CHUNG', 'Điều 1. Phạm vi điều chỉnh', 'Quy chế này quy định việc thực hiện dân chủ ở xã Lục Ngạn.',
    'Điều 2. Công khai', '1. Đăng trên trang thông tin điện tử của xã.', '2. Niêm yết tại nhà văn hóa thôn và chợ ít nhất 30 ngày liên tục.',
    '# Chương II. ĐÓNG GÓP', 'Điều 3. Mức đóng góp', '1. Mỗi hộ đóng góp theo mức do hội nghị thôn quyết định.', '2. Hộ nghèo được miễn.',
    'Điều 4. Tổ chức thực hiện', 'Ủy ban nhân dân xã tổ chức thực hiện Quy chế này.',
  ].join('\n'));
  let r = await officer.req('POST', `/consultations/${wid}/draft`, { body: fd });
  assert.equal(r.status, 303, r.text_);
  assert.equal(n(`SELECT version FROM consultations WHERE id = ${wid}`), 2);
  const a = (await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}/comments?limit=1000`)).body.items;
  const by = (quote) => a.find((c) => c.quote === quote);
  assert.deepEqual([by('ít nhất 30 ngày').anchor, by('ít nhất 30 ngày').attached], ['dieu-2-khoan-2', 'moved']);
  assert.equal(by('200.000 đồng').attached, 'lost');
  assert.equal(a.find((c) => c.body === 'Dự thảo nên có điều về khiếu nại.').attached, 'ok', 'the whole draft stays');
  r = await new Client(srv.base).get(`/consultations/${wid}/changes`);
  tidy(r.text_, 'changes');
  assert.match(r.text_, /<del>Mỗi hộ đóng góp 200\.000 đồng mỗi năm\. ?<\/del>|<del>[^<]*200\.000[^<]*<\/del>/);
  assert.match(r.text_, /<ins>[^<]*hội nghị thôn quyết định/);
  r = await new Client(srv.base).get(`/consultations/${wid}`);
  assert.match(r.text_, /Nội dung góp ý không còn trong dự thảo sửa đổi/);
});

test('after the close: nothing from the web; officers still enter what came by letter; the closing is recorded once', async () => {
  // the period ends (its days moved back: the server reads the clock)
  q(`UPDATE consultations SET opens_day = opens_day - 30, closes_day = closes_day - 30 WHERE id = ${wid}`);
  let r = await comment(resident, wid, { anchor: 'dieu-1', body: 'Gửi muộn.' });
  assert.equal(r.status, 409);
  assert.match(r.text_, /Đã hết thời gian góp ý/);
  const api = await apiJson(resident, 'POST', `/api/v1/consultations/${wid}/comments`, { anchor: 'dieu-1', body: 'Gửi muộn qua API.' });
  assert.equal(api.status, 409);
  assert.equal(n(`SELECT COUNT(*) FROM consultation_comments WHERE body LIKE 'Gửi muộn%'`), 0);
  r = await comment(officer, wid, { anchor: 'dieu-4', body: 'Công văn của Hội Phụ nữ xã gửi trong hạn.', channel: 'letter', author: 'Hội Liên hiệp Phụ nữ xã' });
  assert.equal(r.status, 303, r.text_);
  assert.equal((await resident.post(`/consultations/${wid}/votes`, { anchor: 'dieu-1', value: '1' }, { csrfFrom: `/consultations/${wid}` })).status, 409);
});

test('the synthesis: every comment answered, the chair signs off, reasons when against the majority; published and told', async () => {
  const unanswered = () => n(`SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ${wid} AND hidden = 0 AND answer_id IS NULL`);
  const sign = (c, fields) => c.post(`/consultations/${wid}/signoff`, { confirm: '1', ...fields }, { csrfFrom: `/consultations/${wid}/synthesis` });
  // not before every comment has its answer
  let r = await sign(chair, { decision: 'Ban hành quy chế theo dự thảo sửa đổi.' });
  assert.equal(r.status, 409);
  assert.match(r.text_, /mọi ý kiến phải được tiếp thu hoặc giải trình\. Số ý kiến chưa trả lời: \d+/);
  // the officer answers by clause: one answer for a group
  const ids = (anchor) => q(`SELECT id FROM consultation_comments WHERE consultation_id = ${wid} AND hidden = 0 AND cur_anchor = '${anchor}' ORDER BY id`).split('\n').filter(Boolean);
  const answer = (c, anchor, fields) => {
    const form = new URLSearchParams({ anchor, disposition: 'accepted', answer: 'Tiếp thu, đã sửa trong dự thảo.', ...fields });
    for (const id of ids(anchor)) form.append('comment', id);
    return c.csrf(`/consultations/${wid}/synthesis?anchor=${anchor}`).then((csrf) => {
      form.set('csrf', csrf);
      return c.req('POST', `/consultations/${wid}/answers`, { body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    });
  };
  r = await officer.get(`/consultations/${wid}/synthesis?anchor=dieu-3-khoan-1`);
  tidy(r.text_, 'synthesis by clause');
  assert.match(r.text_, /<th scope="col">TT<\/th><th scope="col">Ý kiến góp ý<\/th>/);
  r = await answer(officer, 'dieu-3-khoan-1', { answer: '' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Nội dung trả lời phải có từ 5/);
  assert.equal((await answer(stranger, 'dieu-3-khoan-1', {})).status, 403);
  for (const anchor of q(`SELECT DISTINCT '#' || cur_anchor FROM consultation_comments WHERE consultation_id = ${wid} AND hidden = 0`).split('\n').map((a) => a.slice(1))) {
    r = await answer(officer, anchor, anchor === 'dieu-3-khoan-1' ? { disposition: 'explained', answer: 'Giải trình: mức đóng góp do hội nghị thôn quyết định.', theme: 'Mức đóng góp' } : {});
    assert.equal(r.status, 303, `${anchor}: ${r.text_}`);
  }
  assert.equal(unanswered(), 0);
  // before publication the public sees no answer
  let s = await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}/synthesis`);
  assert.equal(s.body.published, false);
  assert.ok(s.body.items.every((i) => i.answer === null));
  // the majority disagreed with article 3's first clause (one vote against, none for)... which was rewritten: no reasons needed.
  // Disagree with article 4, kept word for word: now the decision goes against the majority.
  q(`INSERT INTO consultation_votes(consultation_id, anchor, user_id, value, at) VALUES (${wid}, 'dieu-4', (SELECT id FROM users WHERE username = 'dan.lucngan'), -1, 0)`);
  assert.equal((await sign(officer, { decision: 'Ban hành.' })).status, 403, 'an officer is not the chair');
  r = await sign(chair, { decision: 'Ban hành quy chế theo dự thảo sửa đổi.' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /giữ nguyên những nội dung mà đa số không đồng ý[^<]*dieu-4/);
  tidy(r.text_, 'refused sign-off');
  r = await sign(chair, { decision: 'Ban hành quy chế theo dự thảo sửa đổi.', majority_reasons: 'Điều 4 giao Ủy ban nhân dân xã theo Luật; không thể giao tổ chức khác.' });
  assert.equal(r.status, 303, r.text_);
  assert.equal(q(`SELECT status FROM consultations WHERE id = ${wid}`), 'published');
  // published: the API, the posting of item 11, the ledger, the commenters told
  s = await apiJson(new Client(srv.base), 'GET', `/api/v1/consultations/${wid}/synthesis?limit=1000`);
  assert.equal(s.body.published, true);
  assert.equal(s.body.against_majority, true);
  assert.ok(s.body.items.every((i) => i.answer && i.answer.text), 'every comment with its answer');
  assert.equal(s.body.items.find((i) => i.quote === '200.000 đồng').answer.disposition, 'explained');
  const posting = q(`SELECT i.number || '|' || p.status FROM postings p JOIN disclosure_items i ON i.id = p.item_id JOIN consultations k ON k.posting_id = p.id WHERE k.id = ${wid}`);
  assert.equal(posting, '11|published');
  for (const kind of ['consultation.close', 'consultation.publish'])
    assert.equal(n(`SELECT COUNT(*) FROM events e JOIN ledger_leaves l ON l.event_id = e.id WHERE e.kind = '${kind}' AND e.subject = 'consultation:${wid}'`), 1, kind);
  assert.equal(n(`SELECT COUNT(*) FROM outbox o JOIN users u ON u.id = o.user_id WHERE o.kind = 'consult.answered' AND u.username = 'dan.lucngan' AND o.subject = 'consultation:${wid}/synthesis'`) > 0, true);
  // nothing changes after publication
  assert.equal((await sign(chair, { decision: 'Lần nữa.' })).status, 409);
  assert.equal((await answer(officer, 'dieu-1', {})).status, 409);
  r = await new Client(srv.base).get(`/consultations/${wid}/synthesis`);
  tidy(r.text_, 'published synthesis');
  assert.ok(r.text_.includes('Điều 4 giao Ủy ban nhân dân xã theo Luật') && r.text_.includes('Ngô Văn Dũng'), 'the reasons and who signed');
});

test('the synthesis table: XLSX read cell by cell, the numbered report read with pdftotext', async () => {
  const anon = new Client(srv.base);
  const x = await fetch(`${srv.base}/consultations/${wid}/synthesis.xlsx`);
  assert.equal(x.status, 200);
  const zip = Buffer.from(await x.arrayBuffer());
  const sheet = unzipEntry(zip, 'xl/worksheets/sheet1.xml');
  const shared = unzipEntry(zip, 'xl/sharedStrings.xml');
  const strings = shared ? [...shared.matchAll(/<si>(?:<t[^>]*>([^<]*)<\/t>|[\s\S]*?)<\/si>/g)].map((m) => m[1] ?? '') : [];
  const un = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const rows = [...sheet.matchAll(/<row [^>]*>([\s\S]*?)<\/row>/g)].map((m) => [...m[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>([\s\S]*?)<\/c>/g)]
    .reduce((o, c) => {
      const v = c[3].match(/<v>([^<]*)<\/v>/)?.[1], t = c[3].match(/<t[^>]*>([^<]*)<\/t>/)?.[1];
      o[c[1]] = un(/t="s"/.test(c[2]) ? strings[Number(v)] : t ?? v ?? '');
      return o;
    }, {}));
  assert.deepEqual(rows[0], { A: 'TT', B: 'Nội dung dự thảo', C: 'Ý kiến góp ý', D: 'Cá nhân, cơ quan, tổ chức góp ý', E: 'Tiếp thu hay giải trình', F: 'Tiếp thu, giải trình' });
  const visible = n(`SELECT COUNT(*) FROM consultation_comments WHERE consultation_id = ${wid} AND hidden = 0`);
  assert.equal(rows.length, visible + 1, 'every visible comment, once');
  const meeting = rows.find((r) => r.C === 'Thôn Trung đề nghị giảm còn 100.000 đồng.');
  assert.deepEqual([meeting.B, meeting.D, meeting.E, meeting.F], ['Điều 3 khoản 1: Mỗi hộ đóng góp theo mức do hội nghị thôn quyết định.',
    'Hội nghị thôn Trung (Tại hội nghị, cuộc họp)', 'Giải trình, không tiếp thu', 'Giải trình: mức đóng góp do hội nghị thôn quyết định.']);
  assert.ok(rows.some((r) => r.C === '«200.000 đồng» Mức đóng góp quá cao.'), 'the words quoted with the comment');
  assert.ok(rows.slice(1).every((r, i) => r.A === String(i + 1)), 'numbered');
  const p = await fetch(`${srv.base}/consultations/${wid}/synthesis.pdf`);
  assert.equal(p.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'coso-consult-'));
  writeFileSync(join(dir, 's.pdf'), Buffer.from(await p.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-layout', join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text, /BÁO CÁO/);
  assert.match(text, /Số: \d+\/BC-UBND/, 'numbered at sign-off');
  assert.match(text, /Thôn Trung đề nghị giảm còn/);
  assert.match(text, /Điều 4 giao Ủy ban nhân dân xã/);
  assert.equal((await anon.get(`/consultations/${wid}/synthesis.xlsx`)).status, 200, 'public once published');
});

test('participation: per village and per day, SVG charts with their tables, CSV; the indicators', async () => {
  const r = await new Client(srv.base).get(`/consultations/${wid}/stats`);
  assert.equal(r.status, 200);
  tidy(r.text_, 'stats');
  assert.match(r.text_, /<svg class="chart" role="img" aria-label="Ý kiến theo thôn, tổ dân phố"/);
  assert.match(r.text_, /<caption>Ý kiến theo thôn, tổ dân phố<\/caption>/);
  const csv = await new Client(srv.base).get(`/consultations/${wid}/stats.csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.text_, /^\ufeff?loai,ma,ten,so_y_kien,so_nguoi\r?\nvillage,/);
  // the commune over all its consultations: per village and per month
  const u = await new Client(srv.base).get('/units/07582/consultations/stats');
  assert.equal(u.status, 200);
  tidy(u.text_, 'unit stats');
  assert.match(u.text_, /<caption>Ý kiến theo tháng<\/caption>/);
  const ucsv = await new Client(srv.base).get('/units/07582/consultations/stats.csv');
  assert.match(ucsv.text_, /\r?\nmonth,\d{4}-\d{2},\d{2}\/\d{4},\d+,/);
  const year = new Date().getFullYear();
  const ind = await apiJson(new Client(srv.base), 'GET', `/api/v1/units/07582/indicators?from=${year - 1}-01-01&to=${year + 1}-12-31`);
  const reg = ind.body.items.find((i) => i.name === 'consult.regulation');
  assert.deepEqual([reg.numerator, reg.denominator], [1, 1], 'the commune consulted on its democracy regulation');
  const ans = ind.body.items.find((i) => i.name === 'consult.answered');
  assert.ok(ans.denominator >= 2 && ans.numerator >= 2, JSON.stringify(ans));
});

test('an agency consults its staff: the staff comment, residents may not; the persons a decision affects are told and heard', async () => {
  let r = await prepare(agencyHead, '07582-UB', { subject: 'staff_regulation', title: 'Dự thảo quy chế dân chủ của Văn phòng', audience: 'staff', form_b: '', form_e: '', form_d: '1' },
    { name: 'q.txt', data: Buffer.from('Điều 1. Họp cơ quan\nCơ quan họp mỗi tháng một lần.\n') });
  assert.equal(r.status, 303, r.text_);
  const id = idOf(r);
  r = await agencyHead.post(`/consultations/${id}/publish`, { closes: dayIso(5), confirm: '1' }, { csrfFrom: `/consultations/${id}` });
  assert.equal(r.status, 303, 'no minimum period for staff consultations (Art. 53)');
  assert.equal((await comment(agencyHead, id, { anchor: 'dieu-1', body: 'Đề nghị họp hai tuần một lần.' })).status, 303);
  r = await comment(resident, id, { anchor: 'dieu-1', body: 'Tôi không làm ở đây.' });
  assert.equal(r.status, 403);
  // item 8: named persons, one with an account; others are refused
  r = await prepare(officer, '07582', { subject: 'art25_8', title: 'Dự thảo quyết định thu hồi đất làm đường', audience: 'persons',
    persons: 'Lương Thị Yến; dan.lucngan\nPhạm Văn Bình; 0912111222' }, { name: 'qd.md', data: Buffer.from('Điều 1. Thu hồi 120 m² đất của hộ bà Lương Thị Yến.') });
  assert.equal(r.status, 303, r.text_);
  const pid = idOf(r);
  r = await officer.post(`/consultations/${pid}/publish`, { closes: dayIso(21), confirm: '1' }, { csrfFrom: `/consultations/${pid}` });
  assert.equal(r.status, 303, r.text_);
  assert.equal(n(`SELECT COUNT(*) FROM consultation_persons WHERE consultation_id = ${pid} AND notified_day > 0`), 2, 'each one told');
  assert.ok(n(`SELECT COUNT(*) FROM outbox WHERE kind = 'consult.open' AND subject = 'consultation:${pid}'`) >= 2);
  assert.equal((await comment(resident, pid, { anchor: 'dieu-1', body: 'Đề nghị bồi thường theo giá thị trường.' })).status, 303);
  assert.equal((await comment(other, pid, { anchor: 'dieu-1', body: 'Tôi không bị thu hồi.' })).status, 403);
  const person = q(`SELECT id FROM consultation_persons WHERE consultation_id = ${pid} AND name = 'Phạm Văn Bình'`);
  r = await officer.post(`/consultations/${pid}/persons/${person}`, { act: 'heard', hearing: 'Ông Bình đồng ý nếu được hỗ trợ di chuyển.' }, { csrfFrom: `/consultations/${pid}` });
  assert.equal(r.status, 303);
  assert.equal(q(`SELECT hearing FROM consultation_persons WHERE id = ${person}`), 'Ông Bình đồng ý nếu được hỗ trợ di chuyển.');
});

test('the demo: an open consultation with comments on several clauses, a closed one with its published synthesis; the unit list', async () => {
  const anon = new Client(srv.base);
  const list = await apiJson(anon, 'GET', '/api/v1/consultations?unit=09187');
  assert.equal(list.status, 200);
  const open = list.body.items.find((c) => c.phase === 'open');
  assert.ok(open && open.comments >= 4);
  const d = (await apiJson(anon, 'GET', `/api/v1/consultations/${open.id}`)).body.draft.filter((u) => u.comments > 0);
  assert.ok(d.length >= 3, 'comments on several clauses');
  const ln = await apiJson(anon, 'GET', '/api/v1/consultations?unit=07582');
  const pub = ln.body.items.find((c) => c.phase === 'published' && c.title.includes('2027'));
  assert.ok(pub);
  const s = await apiJson(anon, 'GET', `/api/v1/consultations/${pub.id}/synthesis`);
  assert.equal(s.body.published, true);
  assert.ok(s.body.items.length >= 3 && s.body.items.every((i) => i.answer));
  const page = await anon.get('/units/07582/consultations');
  tidy(page.text_, 'unit list');
  assert.ok(page.text_.includes('Kế hoạch phát triển kinh tế - xã hội xã Lục Ngạn năm 2027'));
  // drafts being prepared are not listed for the public
  assert.ok(!page.text_.includes('Dự thảo hương ước thôn'));
  assert.ok((await officer.get('/units/07582/consultations')).text_.includes('Dự thảo hương ước thôn'));
});
