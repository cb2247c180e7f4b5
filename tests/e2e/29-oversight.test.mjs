// Issue #17: the people's inspection and supervision through the real binary.
// The demo's boards (one complete, one breaking the composition rules), the
// eligibility rules refused with their article and nothing stored, the
// supervisor's read-only access (every write refused), an inspection
// notified too late refused with the earliest day, the project tracker's
// roll-up and its bad input, a recommendation filed as a case with its
// 15-day clock and an answer from outside the unit refused, a conference's
// quorum and adoption at the boundaries, the calendar feed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { startServer, Client, tidy, apiJson } from './lib.mjs';

let srv, front, board, officer, chair, supervisor, stranger, agency;
const q = (sql) => srv.db.sql(sql);
const n = (sql) => Number(q(sql));
const dayIso = (d) => new Date(Date.now() + 7 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);

before(async () => {
  srv = await startServer();
  const login = async (u) => { const c = new Client(srv.base); await c.login(u); return c; };
  front = await login('mattran.lucngan');
  board = await login('thanhtra.lucngan');
  officer = await login('canbo.lucngan');
  chair = await login('chutich.lucngan');
  supervisor = await login('giamsat.lucngan');
  stranger = await login('canbo.kinhbac');
  agency = await login('thutruong.lucngan');
});
after(async () => srv.stop());

const boardOf = (code) => Number(q(`SELECT b.id FROM boards b JOIN units u ON u.id = b.unit_id WHERE u.code = '${code}' AND b.kind = 'inspection'`));

test('the boards of the demo: one constituted, one breaking the composition rules with the article named', async () => {
  const anon = new Client(srv.base);
  const ln = (await apiJson(anon, 'GET', '/api/v1/boards?unit=07582')).body;
  const insp = ln.items.find((b) => b.kind === 'inspection');
  assert.equal(insp.constituted, true, JSON.stringify(insp.broken_rules));
  assert.ok(insp.members.length >= 5);
  assert.equal(insp.members.filter((m) => m.position === 'head').length, 1);
  const inv = ln.items.find((b) => b.kind === 'investment');
  assert.equal(inv.members.length, 5);
  assert.equal(inv.constituted, true, JSON.stringify(inv.broken_rules));
  const kb = (await apiJson(anon, 'GET', '/api/v1/boards?unit=09187')).body.items[0];
  assert.equal(kb.constituted, false);
  assert.ok(kb.broken_rules.some((f) => /cần ít nhất/.test(f.rule) && /Điều 36/.test(f.cite)), JSON.stringify(kb.broken_rules));
  const page = await anon.get('/units/09187/boards');
  assert.equal(page.status, 200);
  tidy(page.text_, 'boards');
  assert.match(page.text_, /Chưa đúng quy định/);
  assert.equal((await apiJson(anon, 'GET', '/api/v1/boards')).status, 400, 'the unit is required');
  const bp = await anon.get(`/boards/${insp.id}`);
  tidy(bp.text_, 'board');
  assert.match(bp.text_, /Thành phần của Ban đúng quy định/);
});

test('eligibility: a commune official, a missing declaration, a second head are refused with the rule; nothing stored', async () => {
  const id = boardOf('07582');
  const before = n(`SELECT COUNT(*) FROM board_members WHERE board_id = ${id}`);
  const base = { full_name: 'Cao Văn Tú', position: 'member', village: '07582-01', decision_ref: '99/QĐ-MTTQ',
    decision_day: dayIso(-1), elected_day: dayIso(-3), resident: '1', not_official: '1' };
  const add = (c, f) => c.post(`/boards/${id}/members`, { ...base, ...f }, { csrfFrom: `/boards/${id}` });
  let r = await add(front, { username: 'canbo.lucngan' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Cán bộ, công chức cấp xã.*Điều 37/s);
  r = await add(front, { not_official: '' });
  assert.equal(r.status, 400);
  r = await add(front, { position: 'head' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Ban đã có Trưởng ban/);
  r = await add(front, { village: '09187-01' });
  assert.equal(r.status, 400, 'a village of another commune');
  assert.equal((await add(stranger, {})).status, 403, 'another commune\'s officer');
  assert.equal(n(`SELECT COUNT(*) FROM board_members WHERE board_id = ${id}`), before);
  r = await add(front, { by_election: '1' });
  assert.equal(r.status, 303, r.text_);
  assert.equal(n(`SELECT COUNT(*) FROM board_members WHERE board_id = ${id}`), before + 1);
  // the member leaves with years of the term left: a by-election is due, named on the board
  const mid = n(`SELECT MAX(id) FROM board_members WHERE board_id = ${id}`);
  r = await front.post(`/board-members/${mid}/leave`, { reason: 'Chuyển nơi cư trú', board: String(id) }, { csrfFrom: `/boards/${id}` });
  assert.equal(r.status, 303, r.text_);
  const b = (await apiJson(new Client(srv.base), 'GET', '/api/v1/boards?unit=07582')).body.items.find((x) => x.id === id);
  assert.ok(b.broken_rules.some((f) => /bầu bổ sung/.test(f.rule)), JSON.stringify(b.broken_rules));
});

test('a supervisor reads everything and every write is refused', async () => {
  const id = boardOf('07582');
  const pid = n("SELECT MIN(id) FROM projects");
  const events = n('SELECT COUNT(*) FROM events');
  const writes = [
    [`/boards/${id}/members`, { full_name: 'X Y', position: 'member' }],
    [`/boards/${id}/plans`, { period: 'year', from: dayIso(0), to: dayIso(30), purpose: 'Mục đích', content: 'Nội dung' }],
    [`/boards/${id}/inspections`, { subject: 'Đối tượng', content: 'Nội dung kiểm tra', start: dayIso(20), end: dayIso(21) }],
    [`/boards/${id}/reports`, { period: 'quarter', from: dayIso(-90), to: dayIso(-1) }],
    [`/projects/${pid}/milestones`, { title: 'Mốc', due: dayIso(1) }],
    ['/units/07582/projects', { title: 'Dự án mới', kind: 'public', budget: '1', investor: 'UBND' }],
    ['/units/07582/conferences', { kind: 'dialogue', year: '2026', title: 'Đối thoại', starts: `${dayIso(20)}T08:00`, place: 'Hội trường' }],
    ['/units/07582/boards', { term_start: dayIso(0) }],
  ];
  for (const [path, fields] of writes) {
    const r = await supervisor.post(path, fields, { csrfFrom: '/units/07582/boards' });
    assert.equal(r.status, 403, `${path}: ${r.status}`);
  }
  assert.equal(n('SELECT COUNT(*) FROM events'), events, 'nothing written');
  for (const p of [`/boards/${id}`, '/units/07582/boards', `/projects/${pid}`, '/units/07582/conferences'])
    assert.equal((await supervisor.get(p)).status, 200);
  const me = await supervisor.get('/me');
  assert.match(me.text_, /chưa tổ chức hội nghị hằng năm/, 'the overdue conferences on the supervisor\'s inbox');
});

test('an inspection notified less than 5 working days ahead is refused with the earliest day; then notified to the Front and the chair', async () => {
  const id = boardOf('07582');
  const before = n('SELECT COUNT(*) FROM inspections');
  const make = (start) => board.post(`/boards/${id}/inspections`, { kind: 'inspection', subject: 'Thu chi quỹ thôn',
    content: 'Kiểm tra việc thu, chi quỹ đóng góp của Nhân dân.', start, end: start }, { csrfFrom: `/boards/${id}` });
  let r = await make(dayIso(2));
  assert.equal(r.status, 400);
  assert.match(r.text_, /sớm nhất là \d\d\/\d\d\/\d{4} \(Nghị định 59\/2023\/NĐ-CP Điều 14/);
  assert.equal(n('SELECT COUNT(*) FROM inspections'), before);
  const told = n("SELECT COUNT(*) FROM notifications WHERE kind = 'board.inspection'");
  r = await make(dayIso(14));
  assert.equal(r.status, 303, r.text_);
  assert.ok(n("SELECT COUNT(*) FROM notifications WHERE kind = 'board.inspection'") >= told + 2, 'the Front\'s officer and the chair');
});

test('a recommendation is a board_rec case with its 15-day clock; an answer from outside the unit is refused', async () => {
  const iid = n('SELECT MIN(id) FROM inspections');
  const r = await board.post(`/inspections/${iid}/recommendations`, { title: 'Công khai thu chi quỹ', body: 'Đề nghị niêm yết thu chi quỹ hằng quý.' },
    { csrfFrom: `/inspections/${iid}` });
  assert.equal(r.status, 303, r.text_);
  const code = r.headers.get('location').split('/').pop();
  const k = q(`SELECT id, kind, due_day - received_day FROM cases WHERE code = '${code}'`).split('|');
  assert.equal(k[1], 'board_rec');
  assert.equal(Number(k[2]), 15);
  assert.equal((await stranger.post(`/cases/${k[0]}/accept`, {}, { csrfFrom: '/me' })).status, 403);
  assert.equal((await chair.post(`/cases/${k[0]}/accept`, {}, { csrfFrom: '/me' })).status, 303);
  // the demo's recommendation was answered late, and the board's page says so
  const bp = await new Client(srv.base).get(`/boards/${boardOf('07582')}`);
  assert.match(bp.text_, /Trả lời muộn/);
});

test('the project tracker: progress rolled up by weight, bad progress and milestones refused', async () => {
  const anon = new Client(srv.base);
  const items = (await apiJson(anon, 'GET', '/api/v1/projects?unit=07582')).body.items;
  const road = items.find((p) => p.parent === null);
  assert.equal(road.progress_from, 'weighted');
  assert.equal(road.progress, Math.round((80 * 60 + 40 * 40) / 100));
  const part = items.find((p) => p.parent === road.id && p.weight === 60);
  let r = await officer.post(`/projects/${part.id}/progress`, { percent: '101' }, { csrfFrom: `/projects/${part.id}` });
  assert.equal(r.status, 400);
  r = await officer.post(`/projects/${road.id}/progress`, { percent: '50' }, { csrfFrom: `/projects/${road.id}` });
  assert.equal(r.status, 400, 'a project with parts takes its progress from them');
  r = await officer.post(`/projects/${road.id}/milestones`, { title: 'Trước khởi công', due: dayIso(-400) }, { csrfFrom: `/projects/${road.id}` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /trước ngày khởi công/);
  r = await officer.post(`/projects/${part.id}/progress`, { percent: '100', note: 'Xong' }, { csrfFrom: `/projects/${part.id}` });
  assert.equal(r.status, 303);
  const after = (await apiJson(anon, 'GET', '/api/v1/projects?unit=07582')).body.items.find((p) => p.id === road.id);
  assert.equal(after.progress, Math.round((100 * 60 + 40 * 40) / 100));
  const page = await anon.get(`/projects/${road.id}`);
  tidy(page.text_, 'project');
  assert.match(page.text_, /bình quân theo tỷ trọng/);
});

test('a staff conference: quorum at 2/3 and adoption by more than half of those attending, at the boundaries', async () => {
  const noq = n("SELECT id FROM conferences WHERE kind = 'staff' AND attended = 18");
  let r = await agency.post(`/conferences/${noq}/items`, { kind: 'resolution', text: 'Thông qua nghị quyết', votes_for: '15' }, { csrfFrom: `/conferences/${noq}` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /không đủ số người dự/);
  assert.equal(n(`SELECT COUNT(*) FROM conference_items WHERE conference_id = ${noq} AND kind = 'resolution'`), 0);
  r = await agency.post('/units/07582-UB/conferences', { kind: 'staff', year: '2026', title: 'Hội nghị cán bộ bất thường',
    starts: `${dayIso(1)}T08:00`, place: 'Hội trường', summoned: '30', agenda: 'Báo cáo\nNghị quyết' }, { csrfFrom: '/units/07582-UB/conferences' });
  assert.equal(r.status, 303, r.text_);
  const id = Number(r.headers.get('location').split('/').pop());
  q(`UPDATE conferences SET starts_at = ${Math.floor(Date.now() / 1000) - 60} WHERE id = ${id}`);
  r = await agency.post(`/conferences/${id}/held`, { attended: '20', minutes: 'Hội nghị đủ 20/30 người dự.' }, { csrfFrom: `/conferences/${id}` });
  assert.equal(r.status, 303, r.text_);
  const vote = (v) => agency.post(`/conferences/${id}/items`, { kind: 'resolution', text: `Nghị quyết ${v}`, votes_for: v }, { csrfFrom: `/conferences/${id}` });
  assert.equal((await vote('10')).status, 303);
  assert.equal((await vote('11')).status, 303);
  assert.equal((await vote('21')).status, 400, 'more votes than people present');
  const c = (await apiJson(new Client(srv.base), 'GET', '/api/v1/conferences?unit=07582-UB')).body.items.find((x) => x.id === id);
  assert.equal(c.quorum, true);
  assert.deepEqual(c.resolutions.map((x) => x.adopted), [false, true], '10 of 20 is not more than half; 11 is');
  assert.equal((await supervisor.post(`/conferences/${id}/items`, { kind: 'question', text: 'Hỏi' }, { csrfFrom: `/conferences/${id}` })).status, 403);
});

test('the calendar: RFC 5545 lines, folded, with conferences, inspections and the reception day', async () => {
  const r = await new Client(srv.base).get('/units/07582/events.ics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /text\/calendar/);
  const raw = r.text_;
  assert.ok(raw.startsWith('BEGIN:VCALENDAR\r\n') && raw.endsWith('END:VCALENDAR\r\n'));
  for (const line of raw.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded: ${line}`);
  // read as calendar applications read it (ical.js, the parser of Thunderbird's calendar)
  const cal = new ICAL.Component(ICAL.parse(raw));
  assert.equal(cal.getFirstPropertyValue('version'), '2.0');
  assert.ok(cal.getFirstPropertyValue('prodid'));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  assert.ok(events.length >= 3, `${events.length} events`);
  for (const e of events) {
    assert.ok(e.uid && e.summary && e.startDate, JSON.stringify(e.component.toJSON()).slice(0, 200));
    assert.ok(e.component.getFirstPropertyValue('dtstamp'), 'DTSTAMP');
    assert.ok(!e.endDate || e.endDate.compare(e.startDate) >= 0, `${e.summary}: ends before it starts`);
  }
  assert.ok(events.some((e) => /^Kiểm tra/.test(e.summary)), 'an inspection');
  assert.ok(events.some((e) => /[Hh]ội nghị/.test(e.summary)), 'a conference');
  // the reception day repeats every Thursday: its next occurrences are Thursdays
  const rec = events.find((e) => e.isRecurring());
  assert.ok(rec, 'the reception day');
  assert.equal(rec.component.getFirstPropertyValue('rrule').toString(), 'FREQ=WEEKLY;BYDAY=TH');
  const it = rec.iterator();
  for (let k = 0; k < 4; k++) assert.equal(it.next().dayOfWeek(), ICAL.Time.THURSDAY);
  assert.equal(new Set(events.map((e) => e.uid)).size, events.length);
});

test('target T5 of Bắc Ninh is computed from the boards\' records: constituted, with a plan, active; a plan moves it', async () => {
  const anon = new Client(srv.base);
  const year = new Date(Date.now() + 7 * 3600e3).getUTCFullYear();
  const t5 = async () => (await apiJson(anon, 'GET', `/api/v1/targets?unit=07582&period=${year}`)).body.items.find((i) => i.id === 'T5');
  const before = await t5();
  assert.deepEqual(before.indicators, ['boards.constituted', 'boards.planned', 'boards.active']);
  const recs = (await apiJson(anon, 'GET', '/api/v1/targets/T5/records?unit=07582')).body.items;
  const inv = n("SELECT id FROM boards WHERE kind = 'investment' AND unit_id = (SELECT id FROM units WHERE code = '07582')");
  const planned = recs.find((r) => r.indicator === 'boards.planned' && r.href === `/boards/${inv}`);
  assert.equal(planned.counted, false, 'the supervision board has no plan yet');
  assert.ok(recs.some((r) => r.indicator === 'boards.active' && r.href === `/boards/${boardOf('07582')}` && r.counted), 'the inspection board worked');
  const r = await board.post(`/boards/${inv}/plans`, { period: 'year', from: `${year}-01-01`, to: `${year}-12-31`,
    purpose: 'Giám sát việc thi công đường liên thôn', content: 'Giám sát chất lượng, tiến độ, khối lượng' }, { csrfFrom: `/boards/${inv}` });
  assert.equal(r.status, 303, r.text_?.slice(0, 300));
  const after = await t5();
  assert.equal(after.numerator, before.numerator + 1);
  assert.equal(after.denominator, before.denominator);
  // a commune without its inspection board is a missing record by name
  const kb = (await apiJson(anon, 'GET', '/api/v1/targets/T5/records?unit=24&limit=500')).body.items;
  assert.ok(kb.some((x) => x.indicator === 'boards.constituted' && !x.counted && /chưa thành lập Ban Thanh tra nhân dân/.test(x.title)));
});

test('a village conference rescheduled (a new notice, 5 days again, households told each time) and cancelled; the calendar follows', async () => {
  const head = new Client(srv.base);
  await head.login('truongthon.lucngan');
  const from = '/units/07582-01/conferences';
  let r = await head.post(from, { kind: 'village', year: String(new Date().getFullYear()), title: 'Hội nghị thôn bàn việc làm đường',
    starts: `${dayIso(10)}T19:30`, place: 'Nhà văn hóa thôn Trung', agreed: dayIso(0) }, { csrfFrom: from });
  assert.equal(r.status, 303, r.text_?.slice(0, 400));
  const id = Number(r.headers.get('location').split('/').pop());
  const row = () => q(`SELECT starts_at, place, status, sequence, change_reason FROM conferences WHERE id = ${id}`);
  const before = row();
  const events = n('SELECT COUNT(*) FROM events');
  const change = (path, fields) => head.post(`/conferences/${id}/${path}`, fields, { csrfFrom: `/conferences/${id}` });
  // too soon for the households' notice, no reason, the same time, someone else: refused, nothing changed
  r = await change('reschedule', { starts: `${dayIso(2)}T19:30`, reason: 'Trùng lịch họp của xã' });
  assert.equal(r.status, 400);
  assert.match(r.text_, /Thông báo muộn: ngày bắt đầu sớm nhất là [\s\S]*Điều 10/);
  assert.equal((await change('reschedule', { starts: `${dayIso(12)}T19:30`, reason: '' })).status, 400);
  assert.equal((await change('reschedule', { starts: `${dayIso(10)}T19:30`, reason: 'Không đổi gì' })).status, 400);
  assert.equal((await supervisor.post(`/conferences/${id}/cancel`, { reason: 'Thử hủy hộ' }, { csrfFrom: `/conferences/${id}` })).status, 403);
  assert.equal(row(), before);
  assert.equal(n('SELECT COUNT(*) FROM events'), events, 'nothing written');
  // moved a week later, then again: each a public event, households told each time
  r = await change('reschedule', { starts: `${dayIso(17)}T19:30`, place: 'Sân nhà văn hóa thôn Trung', reason: 'Trùng lịch họp của xã' });
  assert.equal(r.status, 303, r.text_?.slice(0, 400));
  const told = n(`SELECT COUNT(*) FROM notifications WHERE kind = 'conference.rescheduled' AND subject = 'conference:${id}'`);
  assert.ok(told > 0, 'the households with an account told');
  const dan = n("SELECT id FROM users WHERE username = 'dan.lucngan'");
  q(`UPDATE notifications SET read_at = 1 WHERE kind = 'conference.rescheduled' AND subject = 'conference:${id}'`);
  r = await change('reschedule', { starts: `${dayIso(18)}T08:00`, reason: 'Mưa bão' });
  assert.equal(r.status, 303);
  const note = q(`SELECT body, CASE WHEN read_at IS NULL THEN 1 ELSE 0 END FROM notifications WHERE kind = 'conference.rescheduled' AND subject = 'conference:${id}' AND user_id = ${dan}`);
  assert.match(note, /sang 08:00 [\s\S]*Lý do: Mưa bão[\s\S]*\|1$/, 'the second change replaces the first, unread again');
  assert.equal(n(`SELECT COUNT(*) FROM events WHERE kind = 'conference.rescheduled' AND subject = 'conference:${id}' AND public = 1`), 2);
  let c = (await apiJson(new Client(srv.base), 'GET', '/api/v1/conferences?unit=07582-01')).body.items.find((x) => x.id === id);
  assert.equal(c.place, 'Sân nhà văn hóa thôn Trung');
  assert.equal(c.change_reason, 'Mưa bão');
  const ics = async () => new ICAL.Component(ICAL.parse((await new Client(srv.base).get('/units/07582/events.ics')).text_))
    .getAllSubcomponents('vevent').find((v) => v.getFirstPropertyValue('uid') === `conference-${id}@coso`);
  assert.equal((await ics()).getFirstPropertyValue('sequence'), 2, 'calendars replace the entry they kept');
  // cancelled: told, shown, in the calendar as cancelled; nothing more may change it
  r = await change('cancel', { reason: 'Thôn sáp nhập, họp chung với thôn Nam' });
  assert.equal(r.status, 303);
  assert.ok(n(`SELECT COUNT(*) FROM notifications WHERE kind = 'conference.cancelled' AND subject = 'conference:${id}'`) > 0);
  assert.equal((await ics()).getFirstPropertyValue('status'), 'CANCELLED');
  const page = await new Client(srv.base).get(`/conferences/${id}`);
  tidy(page.text_, 'conference-cancelled');
  assert.match(page.text_, /Đã hủy<\/strong> Thôn sáp nhập/);
  assert.equal((await change('cancel', { reason: 'Hủy lần hai' })).status, 409);
  assert.equal((await change('reschedule', { starts: `${dayIso(20)}T08:00`, reason: 'Họp lại' })).status, 409);
  q(`UPDATE conferences SET starts_at = starts_at - 40 * 86400 WHERE id = ${id}`);
  r = await head.post(`/conferences/${id}/held`, { attended: '40', minutes: 'Hội nghị đã họp xong.' }, { csrfFrom: `/conferences/${id}` });
  assert.equal(r.status, 409, 'a cancelled conference is not held');
});
