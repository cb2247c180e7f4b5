// Issue #12: village conventions through Decree 61/2023. The demo's
// convention went through every step on its recognised vote; a residents'
// proposal needs 10 % of households or the Front; a comment period under 30
// days is refused; a vote before the comment period ended, or a vote not yet
// closed, does not adopt; recognition is the commune's, never before the
// comment period ended; publication needs the cultural house and one more way;
// each step's deadline is counted in working days across the holidays (Tết)
// exactly as /api/v1/deadline counts them, and a late step says so; the
// register lists what is late first; the Art. 16 statistics reach the annual
// report.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy, unzipEntry } from './lib.mjs';

let srv, anon, head, chair, officer2, resident;
const iso = (offset) => new Date(Date.now() + 7 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
const today = iso(0), year = Number(today.slice(0, 4));

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  head = new Client(srv.base);
  await head.login('totruong.kinhbac');
  chair = new Client(srv.base);
  await chair.login('chutich.kinhbac');
  officer2 = new Client(srv.base);
  await officer2.login('canbo.lucngan');
  resident = new Client(srv.base);
  await resident.login('dan.kinhbac');
});
after(async () => {
  await srv.stop();
});

const json = async (path) => JSON.parse((await anon.get(path)).text_);
const post = (c, id, step, fields) => c.post(`/conventions/${id}/${step}`, fields, { csrfFrom: `/conventions/${id}` });
async function propose(fields = {}) {
  const r = await head.post('/units/09187-01/conventions', { kind: 'quy_uoc', title: 'Quy ước về việc cưới, việc tang', proposer: 'village_head', day: iso(-50), ...fields }, { csrfFrom: '/units/09187-01/conventions' });
  return r;
}
const matter5 = async () => (await json('/api/v1/units/09187-01/conventions')).items.find((c) => c.matter).matter;

test('the demo convention: every step recorded with its day and deadline, its text public; the register lists both', async () => {
  const reg = await anon.get('/units/24/conventions');
  assert.equal(reg.status, 200);
  tidy(reg.text_, 'register');
  const list = await json('/api/v1/units/24/conventions');
  assert.deepEqual(list.items.map((c) => c.stage).sort(), ['consulting', 'drafting', 'proposed', 'recognised']);
  const residents = list.items.find((c) => c.proposer === 'residents');
  assert.equal(residents.front_approved, true, 'below 10 %, the Front let it proceed');
  const cv = list.items.find((c) => c.village === '09187-01' && c.stage === 'recognised');
  assert.ok(cv, 'the demo convention in force');
  const full = await json(`/api/v1/conventions/${cv.id}`);
  assert.deepEqual(full.steps.map((s) => s.step), ['propose', 'team', 'consult', 'adopt', 'send', 'recognise', 'distribute', 'publish']);
  // the file was due 5 working days after the vote, the recognition 5 after the file, the copies 2 after that
  for (const [step, from, n] of [['send', full.adopted_on, 5], ['recognise', full.sent_on, 5], ['distribute', full.recognised_on, 2]]) {
    const d = await json(`/api/v1/deadline?from=${from}&working_days=${n}`);
    assert.equal(full.steps.find((s) => s.step === step).due, d.due, step);
  }
  assert.equal(full.next.step, 'review');
  assert.match(full.text, /Điều 1/);
  const page = await anon.get(`/conventions/${cv.id}`);
  tidy(page.text_, 'convention');
  assert.match(page.text_, /Toàn văn/);
  assert.match(page.text_, /215\/QĐ-UBND/);
  assert.doesNotMatch(page.text_, /Ghi bước tiếp theo/, 'no forms for visitors');
});

test('a residents\' proposal needs 10 % of households or the Front; only the village head records it', async () => {
  const households = (await json('/api/v1/units/09187-01')).households ?? null;
  let r = await propose({ proposer: 'residents', consents: '1' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'proposal refused');
  assert.match(r.text_, /ít nhất 10% số hộ/);
  assert.match(r.text_, /Điều 7 Nghị định số 61\/2023/);
  r = await propose({ proposer: 'residents', consents: '1', front_approved: '1' });
  assert.equal(r.status, 303);
  const id = r.headers.get('location').split('/').pop();
  const cv = await json(`/api/v1/conventions/${id}`);
  assert.equal(cv.front_approved, true);
  assert.equal(cv.consents, 1);
  if (households !== null) assert.equal(cv.households, households);
  r = await resident.post('/units/09187-01/conventions', { kind: 'quy_uoc', title: 'x', proposer: 'village_head', day: today }, { csrfFrom: '/units/09187-01/conventions' });
  assert.equal(r.status, 403);
  r = await propose({ kind: 'bogus', title: '', day: iso(3) });
  assert.equal(r.status, 400);
  for (const m of [/hương ước hoặc quy ước/, /Hãy nhập tên/, /chưa tới/]) assert.match(r.text_, m);
});

test('the lifecycle: comment period, adoption by the community\'s vote, file, recognition by the commune, publication', async () => {
  let r = await propose();
  const id = r.headers.get('location').split('/').pop();
  // steps out of order are refused with the stage named
  r = await post(head, id, 'send', { day: today });
  assert.equal(r.status, 409);
  assert.match(r.text_, /giai đoạn hiện tại/);
  r = await post(head, id, 'team', { team: 'Đỗ Văn Sơn\nNguyễn Văn Bình', day: iso(-45) });
  assert.equal(r.status, 303);
  r = await post(head, id, 'consult', { draft: 'Điều 1. Việc cưới tổ chức gọn nhẹ, tiết kiệm.', comment_from: iso(-42), comment_to: iso(-13) });
  assert.equal(r.status, 400);
  tidy(r.text_, 'consult refused');
  assert.match(r.text_, /ít nhất 30 ngày \(29\)/);
  assert.match(r.text_, /Điều 9 Nghị định số 61\/2023/);
  r = await post(head, id, 'consult', { draft: 'Điều 1. Việc cưới tổ chức gọn nhẹ, tiết kiệm.', comment_from: iso(-42), comment_to: iso(-12) });
  assert.equal(r.status, 303);
  // the vote of the demo (item 3, passed) closed after the comment period: it adopts
  const m = await matter5();
  r = await post(head, id, 'adopt', { matter: String(m) });
  assert.equal(r.status, 303, r.text_.slice(0, 300));
  let cv = await json(`/api/v1/conventions/${id}`);
  assert.equal(cv.stage, 'adopted');
  assert.equal(cv.next.step, 'send');
  assert.equal(cv.next.due, (await json(`/api/v1/deadline?from=${cv.adopted_on}&working_days=5`)).due);
  r = await post(head, id, 'send', { day: today });
  assert.equal(r.status, 303);
  // recognition is the commune's, and never on or before the last day of comments
  r = await post(head, id, 'recognise', { decision: '9/QĐ-UBND', day: today });
  assert.equal(r.status, 403);
  r = await post(officer2, id, 'recognise', { decision: '9/QĐ-UBND', day: today });
  assert.equal(r.status, 403, 'an officer of another commune');
  r = await post(chair, id, 'recognise', { decision: '9/QĐ-UBND', day: cv.comment_to });
  assert.equal(r.status, 400);
  assert.match(r.text_, /trước khi hết thời gian lấy ý kiến/);
  r = await post(chair, id, 'recognise', { decision: '', day: today });
  assert.equal(r.status, 400);
  assert.match(r.text_, /số quyết định/);
  r = await post(chair, id, 'recognise', { decision: '9/QĐ-UBND', day: today });
  assert.equal(r.status, 303);
  cv = await json(`/api/v1/conventions/${id}`);
  assert.equal(cv.stage, 'recognised');
  assert.equal(cv.next.step, 'distribute');
  // publication: the cultural house and at least one more way (Art. 15(1))
  r = await post(head, id, 'publish', { ch_cultural_house: '1', day: today });
  assert.equal(r.status, 400);
  assert.match(r.text_, /nhà văn hóa và công bố thêm ít nhất một hình thức/);
  r = await post(head, id, 'publish', { ch_copies: '1', ch_social: '1', day: today });
  assert.equal(r.status, 400);
  r = await post(head, id, 'publish', { ch_cultural_house: '1', ch_copies: '1', day: today });
  assert.equal(r.status, 303);
  const page = await head.get(`/conventions/${id}`);
  tidy(page.text_, 'convention with forms');
  assert.match(page.text_, /Rà soát hằng năm/);
});

test('a vote before the comment period ended, or not yet closed, does not adopt', async () => {
  let r = await propose({ title: 'Quy ước về bảo vệ môi trường' });
  const id = r.headers.get('location').split('/').pop();
  await post(head, id, 'team', { team: 'Đỗ Văn Sơn', day: iso(-30) });
  r = await post(head, id, 'consult', { draft: 'Điều 1. Không đổ rác xuống kênh mương của tổ.', comment_from: iso(-20), comment_to: iso(15) });
  assert.equal(r.status, 303);
  r = await post(head, id, 'adopt', { matter: String(await matter5()) });
  assert.equal(r.status, 409);
  assert.match(r.text_, /biểu quyết trước khi hết thời gian lấy ý kiến/);
  // another village's vote, and a vote still open
  const lucngan = (await json('/api/v1/units/07582-01/conventions')).items.find((c) => c.stage === 'consulting');
  assert.ok(lucngan, 'the demo draft out for comments');
  r = await post(head, id, 'adopt', { matter: '999999' });
  assert.equal(r.status, 400);
  assert.equal((await json(`/api/v1/conventions/${id}`)).stage, 'consulting', 'nothing changed');
});

test('the draft out for comments through the consultation module: the convention takes its text and days and points to it', async () => {
  let r = await propose({ title: 'Quy ước về giữ gìn an ninh trật tự' });
  const id = r.headers.get('location').split('/').pop();
  assert.equal((await post(head, id, 'team', { team: 'Đỗ Văn Sơn', day: today })).status, 303);
  // the village head prepares the consultation on the draft (a village's only subject: its convention)
  const fd = new FormData();
  fd.set('csrf', await head.csrf('/me'));
  const fields = { subject: 'convention', title: 'Dự thảo quy ước về an ninh trật tự', plan_content: 'Lấy ý kiến các hộ trong tổ về dự thảo.',
    plan_owner: 'Tổ trưởng tổ dân phố', form_b: '1', audience: 'unit',
    text: 'Điều 1. Các hộ cùng giữ gìn an ninh trật tự trong tổ.\n\nĐiều 2. Không tụ tập gây ồn ào sau 22 giờ.' };
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  r = await head.req('POST', '/units/09187-01/consultations', { body: fd });
  assert.equal(r.status, 303, r.text_);
  const kid = Number(r.headers.get('location').match(/\/consultations\/(\d+)/)[1]);
  // not yet published: refused, nothing changed
  r = await post(head, id, 'consult', { consultation: String(kid) });
  assert.equal(r.status, 400);
  assert.match(r.text_, /chưa được công bố/);
  assert.equal((await json(`/api/v1/conventions/${id}`)).stage, 'drafting');
  r = await head.post(`/consultations/${kid}/publish`, { closes: iso(30), confirm: '1' }, { csrfFrom: `/consultations/${kid}` });
  assert.equal(r.status, 303, r.text_);
  // a consultation of another unit, or none by that number: refused
  const other = srv.db.sql("SELECT MIN(k.id) FROM consultations k JOIN units u ON u.id = k.unit_id WHERE u.code <> '09187-01'");
  for (const n of [other, '999999', 'abc']) {
    r = await post(head, id, 'consult', { consultation: n });
    assert.equal(r.status, 400, n);
    assert.match(r.text_, /Không có cuộc lấy ý kiến nào mang số này ở thôn, tổ dân phố này/);
  }
  // the village's own is offered on the convention's page, and taken
  const page = await head.get(`/conventions/${id}`);
  assert.ok(page.text_.includes(`<option value="${kid}">${kid}: Dự thảo quy ước về an ninh trật tự`), 'offered');
  tidy(page.text_, 'consult step with the consultation');
  r = await post(head, id, 'consult', { consultation: String(kid) });
  assert.equal(r.status, 303, r.text_);
  const cv = await json(`/api/v1/conventions/${id}`);
  assert.equal(cv.stage, 'consulting');
  assert.equal(cv.consultation, kid);
  assert.deepEqual([cv.comment_from, cv.comment_to], [today, iso(30)], 'the consultation\'s days');
  assert.match(cv.text, /Không tụ tập gây ồn ào sau 22 giờ/, 'the consultation\'s text');
  assert.equal(cv.steps.find((s) => s.step === 'consult').note, `/consultations/${kid}`);
  assert.ok((await anon.get(`/conventions/${id}`)).text_.includes(`<a href="/consultations/${kid}">`), 'the public page links the comments');
  // the comments are still open: no adoption yet (Art. 10)
  r = await post(head, id, 'adopt', { matter: String(await matter5()) });
  assert.equal(r.status, 409);
  assert.match(r.text_, /biểu quyết trước khi hết thời gian lấy ý kiến/);
});

test('suspension and annulment by the commune, their deadlines counted across Tết; the Art. 16 figures in the annual report', async () => {
  const demo = (await json('/api/v1/units/09187-01/conventions')).items.find((c) => c.decision === '215/QĐ-UBND');
  let r = await post(head, demo.id, 'suspend', { extent: 'part', reason: 'Điều 3 trái với pháp luật về xử phạt', complaint_on: `${year}-02-13`, day: today });
  assert.equal(r.status, 403);
  r = await post(chair, demo.id, 'suspend', { extent: 'some', reason: 'ngắn', complaint_on: iso(1), day: today });
  assert.equal(r.status, 400);
  for (const m of [/toàn bộ hay một phần/, /ít nhất 10 ký tự/, /chưa tới/]) assert.match(r.text_, m);
  r = await post(chair, demo.id, 'suspend', { extent: 'part', reason: 'Điều 3 trái với pháp luật về xử phạt', complaint_on: `${year}-02-13`, day: today });
  assert.equal(r.status, 303);
  const cv = await json(`/api/v1/conventions/${demo.id}`);
  assert.equal(cv.stage, 'suspended');
  const s = cv.steps.find((x) => x.step === 'suspend');
  const d = await json(`/api/v1/deadline?from=${year}-02-13&working_days=3`);
  assert.equal(s.due, d.due, 'three working days, holidays counted');
  assert.ok((Date.parse(d.due) - Date.parse(`${year}-02-13`)) / 86400e3 > 5, 'the period crosses the Tết holidays');
  assert.equal(s.late, true);
  const page = await anon.get(`/conventions/${demo.id}`);
  assert.match(page.text_, /trễ hạn/);
  r = await post(chair, demo.id, 'annul', { extent: 'full', reason: 'Hết thời hạn tạm ngừng mà không sửa', complaint_on: today, day: today });
  assert.equal(r.status, 303);
  assert.equal((await json(`/api/v1/conventions/${demo.id}`)).stage, 'annulled');
  // the vote that adopted it is annulled in the decisions module too
  const m = await json(`/api/v1/matters/${demo.matter}`);
  assert.match(JSON.stringify(m), /annulled/);
  // Art. 16 statistics in the annual report
  const x = await fetch(`${srv.base}/units/09187/report/${year}.xlsx`);
  const zip = Buffer.from(await x.arrayBuffer());
  const wb = unzipEntry(zip, 'xl/workbook.xml');
  const names = [...wb.matchAll(/<sheet name="([^"]+)"/g)].map((k) => k[1]);
  const sheet = unzipEntry(zip, `xl/worksheets/sheet${names.indexOf('Hương ước, quy ước') + 1}.xml`);
  assert.ok(sheet, names.join(', '));
  for (const label of ['Được công nhận', 'Tạm ngừng thực hiện', 'Bị bãi bỏ']) assert.ok(sheet.includes(label), label);
  const rows = [...sheet.matchAll(/<row [^>]*>(.*?)<\/row>/g)].map((k) => k[1]);
  const value = (label) => Number(rows.find((row) => row.includes(label)).match(/<v>(\d+)<\/v>/)[1]);
  assert.equal(value('Tạm ngừng thực hiện'), 1);
  assert.equal(value('Bị bãi bỏ'), 1);
  assert.ok(value('Được công nhận') >= 1);
});
