// Issue #9, items 3 and 4: the electorate of a matter is fixed when it is
// announced (households added later neither vote, nor are counted present,
// nor are given a paper ballot, nor sign the minutes), the database refuses
// it again and keeps every count within the electorate; elections and
// dismissals (items 4 and 5) cannot be put as ordinary matters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, cli, tidy, makeVillage, apiJson as json } from './lib.mjs';

let srv, head, v, reps;
const VILLAGE = '09187-78';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const now = () => Math.floor(Date.now() / 1000);
const addHouseholds = (from, to) => v.add(from, to);
const hid = (i) => v.hid(i);

before(async () => {
  srv = await startServer();
  v = await makeVillage(srv, { code: VILLAGE, tag: 'to78', households: 3 });
  head = v.head;
  reps = v.reps;
});
after(async () => srv.stop());

test('items 4 and 5 cannot be put as ordinary matters: the page and the API point to the election flow', async () => {
  for (const item of [4, 5]) {
    const r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
      item, form: 'meeting', title: 'Bầu tổ trưởng mới', meeting_at: iso(Date.now() + 3 * 86400e3), location: 'Nhà văn hóa', method: 'hands',
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.field, 'item');
    assert.match(r.body.error.message, /Nghị định 59\/2023\/NĐ-CP, Điều 6–8/);
  }
  const form = await head.get(`/units/${VILLAGE}/matters/new`);
  tidy(form.text_, 'new matter form');
  assert.doesNotMatch(form.text_, /<option value="4"/);
  assert.doesNotMatch(form.text_, /<option value="5"/);
  const r = await head.post(`/units/${VILLAGE}/matters`, {
    item: '4', form: 'meeting', title: 'Bầu tổ trưởng', meeting_at: '2030-01-10T08:00', location: 'Nhà văn hóa', method: 'hands',
  }, { csrfFrom: `/units/${VILLAGE}/matters/new` });
  assert.equal(r.status, 400);
  assert.match(r.text_, /quy trình bầu cử, cho thôi của thôn/);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matters m JOIN units u ON u.id = m.unit_id WHERE u.code = '${VILLAGE}'`), '0');
});

test('the electorate is the households of the village when the matter is announced', async () => {
  // an online vote (step 1 open) and a meeting, announced with 3 households
  let r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
    item: 6, form: 'online', title: 'Làm mái che sân chơi', front_agreed: true, secret: true, allow_change: false,
    prepoll_closes_at: iso(Date.now() + 3600e3), closes_at: iso(Date.now() + 7200e3),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const online = r.body.id;
  r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
    item: 6, form: 'meeting', title: 'Giờ đóng cổng ngõ', meeting_at: iso(Date.now() + 3 * 86400e3), location: 'Nhà văn hóa tổ 78', method: 'hands',
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const meeting = r.body.id;
  // two households move in afterwards
  await addHouseholds(4, 5);
  assert.equal(srv.db.sql(`SELECT households FROM units WHERE code = '${VILLAGE}'`), '5');
  for (const id of [online, meeting]) {
    const m = (await json(head, 'GET', `/api/v1/matters/${id}`)).body;
    assert.equal(m.eligible, 3, 'the electorate does not grow');
  }
  // a household of the electorate takes part; a new one is refused with the reason, nothing stored
  r = await json(reps[1], 'POST', `/api/v1/matters/${online}/ballots`, { choice: 'for' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  r = await json(reps[4], 'POST', `/api/v1/matters/${online}/ballots`, { choice: 'for' });
  assert.equal(r.status, 403);
  assert.match(r.body.error.message, /không có trong danh sách hộ của thôn khi nội dung được công bố/);
  const page = await reps[5].post(`/matters/${online}/vote`, { choice: 'for' }, { csrfFrom: `/matters/${online}` });
  assert.notEqual(page.status, 303);
  assert.match(page.text_, /không có trong danh sách hộ/);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${online}`), '1');
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${online}`), '1');

  // the meeting: only the electorate is listed and can be marked present
  srv.db.sql(`UPDATE meetings SET starts_at = ${now() - 60} WHERE matter_id = ${meeting}`);
  const list = await head.get(`/matters/${meeting}/attendance`);
  tidy(list.text_, 'attendance');
  assert.match(list.text_, /Chủ hộ 3/);
  assert.doesNotMatch(list.text_, /Chủ hộ 4/);
  const tap = (i) => head.post(`/matters/${meeting}/attendance`, { household: hid(i), present: '1', cluster: '1' }, { csrfFrom: `/matters/${meeting}` });
  for (const i of [1, 2, 3]) assert.equal((await tap(i)).status, 303);
  r = await tap(4);
  assert.equal(r.status, 400);
  assert.match(r.text_, /không có trong danh sách hộ/);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM meeting_attendance WHERE matter_id = ${meeting}`), '3');
  // the count cannot exceed those present (3), so 2 for and 1 against at most
  r = await head.post(`/matters/${meeting}/count`, { cluster: '1', for: '3', against: '1', abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${meeting}` });
  assert.equal(r.status, 400);
  r = await head.post(`/matters/${meeting}/count`, { cluster: '1', for: '1', against: '2', abstain: '0', confirm: '1' }, { csrfFrom: `/matters/${meeting}` });
  assert.equal(r.status, 303, r.text_);
  const m = (await json(head, 'GET', `/api/v1/matters/${meeting}`)).body;
  assert.equal(m.result.passed, false, 'most households present voted against: not adopted');
  // the minutes: a representative of a household outside the electorate cannot sign
  r = await reps[4].post(`/matters/${meeting}/sign`, {}, { csrfFrom: `/matters/${meeting}` });
  assert.notEqual(r.status, 303);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_signoffs WHERE matter_id = ${meeting}`), '0');
  r = await reps[2].post(`/matters/${meeting}/sign`, {}, { csrfFrom: `/matters/${meeting}` });
  assert.equal(r.status, 303, r.text_);
});

test('the database refuses a household outside the electorate and counts beyond it', async () => {
  const r = await json(head, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
    item: 6, form: 'meeting', title: 'Quỹ khuyến học của tổ', meeting_at: iso(Date.now() + 3 * 86400e3), location: 'Nhà văn hóa tổ 78', method: 'hands',
  });
  assert.equal(r.status, 201);
  const id = r.body.id;
  assert.equal((await json(head, 'GET', `/api/v1/matters/${id}`)).body.eligible, 5, 'announced with 5 households');
  await addHouseholds(6, 6);
  const actor = srv.db.sql("SELECT id FROM users WHERE username = 'truong.to78'");
  const refused = (q) => assert.throws(() => srv.db.sql(q), /electorate|exceed|CHECK|constraint|violates/i, q);
  // behind the application's back: a later household, attendance or turnout or a paper ballot
  refused(`INSERT INTO meeting_attendance(matter_id, household_id, cluster, recorded_by, at) VALUES (${id}, ${hid(6)}, 1, ${actor}, 0)`);
  refused(`INSERT INTO matter_turnout(matter_id, stage, household_id, user_id, at) VALUES (${id}, 'vote', ${hid(6)}, ${actor}, 0)`);
  refused(`INSERT INTO ballot_distribution(matter_id, household_id, given_by, given_at) VALUES (${id}, ${hid(6)}, ${actor}, 0)`);
  // a count larger than the households present
  srv.db.sql(`INSERT INTO meeting_attendance(matter_id, household_id, cluster, recorded_by, at) VALUES (${id}, ${hid(1)}, 1, ${actor}, 0)`);
  refused(`INSERT INTO meeting_results(matter_id, cluster, votes_for, votes_against, votes_abstain, recorded_by, at) VALUES (${id}, 1, 1, 1, 0, ${actor}, 0)`);
  srv.db.sql(`INSERT INTO meeting_results(matter_id, cluster, votes_for, votes_against, votes_abstain, recorded_by, at) VALUES (${id}, 1, 1, 0, 0, ${actor}, 0)`);
  refused(`UPDATE meeting_results SET votes_against = 1 WHERE matter_id = ${id}`);
  // ballots: never more than the eligible households (for + against + abstain <= eligible)
  const vals = [1, 2, 3, 4, 5].map((k) => voteRow(id, k)).join(', ');
  srv.db.sql(`INSERT INTO matter_votes ${voteCols()} VALUES ${vals}`);
  refused(`INSERT INTO matter_votes ${voteCols()} VALUES ${voteRow(id, 6)}`);
  assert.equal(srv.db.sql(`SELECT SUM(ballots) || '/' || SUM(cap) FROM matter_ballot_counts WHERE matter_id = ${id} AND stage = 'vote'`), '5/5');
});

// a row of the ballot box as stored (the test writes behind the application's
// back: an opaque tag and box, as far as the database can tell)
function voteCols() {
  return '(matter_id, stage, tag, box)';
}
function voteRow(id, k) {
  const hex = (k * 4099).toString(16).padStart(8, '0').repeat(4);
  return process.env.COSO_TEST_BACKEND === 'pg' ? `(${id}, 'vote', '\\x${hex}', '\\x${hex}')` : `(${id}, 'vote', X'${hex}', X'${hex}')`;
}
