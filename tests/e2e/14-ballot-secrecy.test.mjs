// Issue #9, items 1 and 2: the right to change a ballot belongs to the
// household that cast it (its receipt AND the change key handed to it once),
// by every route; and nothing a SQL reader can see — columns, system columns
// (xmin, xmax, cmin, cmax, ctid, tableoid on PostgreSQL; rowid on SQLite),
// physical order — links a household to its secret choice.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, cli, tidy, makeVillage, apiJson as json, BACKEND } from './lib.mjs';

let srv, v;
const VILLAGE = '09187-79';
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const until = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now()) + 300));
const vote = (c, id, body) => json(c, 'POST', `/api/v1/matters/${id}/ballots`, body);

before(async () => {
  srv = await startServer();
  v = await makeVillage(srv, { code: VILLAGE, tag: 'to79', households: 3 });
});
after(async () => srv.stop());

test('only the household that cast a secret ballot can change it; nothing in the database links it to its choice', async () => {
  const [A, B, C] = [v.reps[1], v.reps[2], v.reps[3]];
  const t0 = Date.now();
  let r = await json(v.head, 'POST', `/api/v1/units/${VILLAGE}/matters`, {
    item: 6, form: 'online', title: 'Sơn lại cổng tổ dân phố', front_agreed: true, secret: true, allow_change: true,
    prepoll_closes_at: iso(t0 + 2500), closes_at: iso(t0 + 9000),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id;
  for (const c of [A, B]) assert.equal((await vote(c, id, { choice: 'for' })).status, 201);
  await until(t0 + 2500);
  // A votes against, B for: each gets a receipt and its own change key
  const a = (await vote(A, id, { choice: 'against' })).body;
  const b = (await vote(B, id, { choice: 'for' })).body;
  assert.match(a.receipt, /^R-/);
  assert.match(a.change_key, /^K-/);
  assert.notEqual(a.change_key, b.change_key);

  // B tries to replace A's ballot: by receipt alone, with its own key, with A's (stolen) key
  for (const attempt of [{ replaces: a.receipt }, { replaces: a.receipt, change_key: b.change_key },
    { replaces: a.receipt, change_key: a.change_key }]) {
    r = await vote(B, id, { choice: 'for', ...attempt });
    assert.equal(r.status, 400, JSON.stringify(attempt));
    assert.match(r.body.error.message, /mã đổi phiếu/);
  }
  // ... through the page form
  let page = await B.post(`/matters/${id}/vote`, { choice: 'for', replaces: a.receipt, change_key: a.change_key }, { csrfFrom: `/matters/${id}` });
  assert.equal(page.status, 400);
  assert.match(page.text_, /mã đổi phiếu không đúng/);
  // ... through the paper entry (the village head's, and refused for an online vote; B may not use it at all)
  page = await B.post(`/matters/${id}/paper`, { household: v.hid(1), choice: 'for' }, { csrfFrom: `/matters/${id}` });
  assert.equal(page.status, 403);
  page = await v.head.post(`/matters/${id}/paper`, { household: v.hid(1), choice: 'for' }, { csrfFrom: `/matters/${id}` });
  assert.notEqual(page.status, 303);
  // a household that has not voted cannot use A's receipt and key either
  r = await vote(C, id, { choice: 'for', replaces: a.receipt, change_key: a.change_key });
  assert.equal(r.status, 400);
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${id} AND stage = 'vote'`), '2', 'nothing erased, nothing added');

  // A itself can, from the page, with its receipt and key (typed carelessly)
  const form = await A.get(`/matters/${id}`);
  tidy(form.text_, 'matter page with the change form');
  assert.match(form.text_, /name="change_key"/);
  page = await A.post(`/matters/${id}/vote`, { choice: 'for', replaces: a.receipt.toLowerCase(), change_key: ` ${a.change_key} ` }, { csrfFrom: `/matters/${id}` });
  assert.equal(page.status, 200, page.text_.slice(0, 400));
  tidy(page.text_, 'receipt page');
  const newReceipt = page.text_.match(/class="receipt-code" readonly value="(R-[0-9A-Z-]+)"/)[1];
  const newKey = page.text_.match(/<code>(K-[0-9A-Z-]+)<\/code>/)[1];
  assert.notEqual(newReceipt, a.receipt);
  // the old key no longer works (its ballot is gone); the new one does
  r = await vote(A, id, { choice: 'abstain', replaces: a.receipt, change_key: a.change_key });
  assert.equal(r.status, 400);

  // what a SQL reader sees: every column and system column of the ballot box
  const secrets = [a.receipt, b.receipt, newReceipt, newKey, a.change_key, b.change_key];
  const dump = BACKEND === 'pg'
    ? srv.db.sql(`SELECT v.xmin, v.xmax, v.cmin, v.cmax, v.ctid, v.tableoid, v.*, t.household_id, t.user_id, t.at
        FROM matter_votes v LEFT JOIN matter_turnout t ON t.xmin = v.xmin AND t.matter_id = v.matter_id WHERE v.matter_id = ${id}`)
    : srv.db.sql(`SELECT hex(tag), hex(box), quote(household_id), stage FROM matter_votes WHERE matter_id = ${id}`);
  assert.ok(dump.length > 0);
  for (const s of secrets) assert.ok(!dump.includes(s), `${s} is not readable in the database`);
  assert.doesNotMatch(dump, /\b(for|against|abstain)\b/, 'no choice in clear');
  if (BACKEND === 'pg') {
    // the turnout row and the box do share a transaction id: the box says nothing
    const paired = srv.db.sql(`SELECT COUNT(*) FROM matter_votes v JOIN matter_turnout t ON t.xmin = v.xmin WHERE v.matter_id = ${id}`);
    assert.ok(Number(paired) >= 1, 'xmin pairs them, which is why the box is sealed');
  } else {
    assert.throws(() => srv.db.sql(`SELECT rowid FROM matter_votes`), /no such column/, 'no rowid to order by');
  }
  assert.equal(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${id} AND household_id IS NOT NULL`), '0');
  // the ballot key is not in the database: another key cannot open the boxes
  const otherKey = join(mkdtempSync(join(tmpdir(), 'coso-key-')), 'other.key');
  const init = cli(['init', '--db', join(mkdtempSync(join(tmpdir(), 'coso-db-')), 'x.db'), '--ledger-key', otherKey]);
  assert.equal(init.status, 0, init.stderr);
  let opened = cli(['ballots', '--db', srv.db.url, '--ledger-key', otherKey, 'receipts', String(id)]);
  assert.notEqual(opened.status, 0, 'a wrong key opens nothing');
  opened = cli(['ballots', '--db', srv.db.url, 'receipts', String(id)]);
  assert.equal(opened.status, 0, opened.stderr);
  assert.deepEqual(opened.stdout.trim().split('\n').sort(), [`${b.receipt} for`, `${newReceipt} for`].sort());

  // after the close: the published receipts are the current ones, A counted once
  await until(t0 + 9000);
  const m = (await json(A, 'GET', `/api/v1/matters/${id}`)).body;
  assert.deepEqual(m.result, { eligible: 3, for: 2, against: 0, abstain: 0, threshold: 2, passed: true });
  assert.deepEqual(m.receipts.map((x) => x.receipt).sort(), [b.receipt, newReceipt].sort());
});

test('ballots stored in clear before the sealed box are sealed when the server starts, receipts and choices kept', async () => {
  const id = srv.db.sql(`SELECT id FROM matters WHERE secret = 1 AND form = 'online' ORDER BY id LIMIT 1`);
  srv.db.sql(`INSERT INTO matter_votes_legacy(matter_id, stage, receipt, choice) VALUES (${id}, 'vote', 'R-LEGAC-Y0001', 'abstain')`);
  const count = () => Number(srv.db.sql(`SELECT COUNT(*) FROM matter_votes WHERE matter_id = ${id} AND stage = 'vote'`));
  const before = count();
  const again = await startServer({}, { db: srv.db });
  await again.stop();
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM matter_votes_legacy'), '0');
  assert.equal(count(), before + 1);
  const opened = cli(['ballots', '--db', srv.db.url, 'receipts', id]);
  assert.equal(opened.status, 0, opened.stderr);
  assert.match(opened.stdout, /^R-LEGAC-Y0001 abstain$/m);
});
