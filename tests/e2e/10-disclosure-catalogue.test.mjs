// The catalogue of what must be disclosed: loaded from data/ at init, shown
// to everybody, amended by rules effective from a date without rewriting
// history, recorded in the ledger; a bad amendment changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, tidy } from './lib.mjs';

let srv, c;
before(async () => {
  srv = await startServer();
  c = new Client(srv.base);
});
after(async () => srv.stop());

const HEADER = 'scope,number,title,legal_basis,forms,deadline_days,deadline_unit,min_days,permanent,radio_days,effective_from,confirmed\n';
const api = async (q) => JSON.parse((await c.get('/api/v1/disclosure-items' + q)).text_);

test('the law\'s items: 14 for communes, 12 for agencies, 8 for state enterprises, with their numbers', async () => {
  const all = await api('');
  const by = (s) => all.items.filter((i) => i.scope === s);
  assert.equal(by('commune').length, 14);
  assert.equal(by('agency').length, 12);
  assert.equal(by('soe').length, 8);
  const c4 = by('commune').find((i) => i.number === 4);
  assert.equal(c4.permanent, true);
  assert.equal(c4.min_days, 0);
  const c7 = by('commune').find((i) => i.number === 7);
  assert.deepEqual([c7.deadline_days, c7.deadline_unit, c7.min_days, c7.radio_days], [5, 'working', 30, 3]);
  assert.ok(c7.forms.includes('radio'));
  assert.ok(!by('commune').find((i) => i.number === 1).forms.includes('radio'), 'loudspeaker only where the law asks');
  for (const i of by('agency')) assert.deepEqual([i.deadline_days, i.deadline_unit, i.min_days], [5, 'working', 20]);
  for (const i of by('soe')) assert.deepEqual([i.deadline_days, i.deadline_unit, i.min_days], [15, 'calendar', 20]);
  assert.ok(by('soe').every((i) => i.confirmed !== 'C'), 'Art. 64 items are marked unconfirmed');
  assert.equal((await api('?scope=agency')).total, 12);
  assert.equal((await c.get('/api/v1/disclosure-items?scope=castle')).status, 400);
  assert.equal((await c.get('/api/v1/disclosure-items?date=2026-02-30')).status, 400);
  // before the law took effect nothing was in force
  assert.equal((await api('?date=2023-06-30')).total, 0);
});

test('the page, and the unit page links to what its kind must disclose', async () => {
  const r = await c.get('/disclosure-items?scope=commune');
  assert.equal(r.status, 200);
  assert.match(r.text_, /Quy chế thực hiện dân chủ ở xã/);
  assert.match(r.text_, /thường xuyên/);
  assert.match(r.text_, /truyền thanh ít nhất 3 ngày liên tục/);
  assert.match(r.text_, /<a href="\/ledger\/\d+">Sổ minh bạch #\d+<\/a>/, 'the act is in the ledger');
  tidy(r.text_, 'disclosure items');
  const s = await c.get('/disclosure-items?scope=soe');
  assert.match(s.text_, /chưa đối chiếu văn bản gốc/);
  assert.match((await c.get('/units/07582')).text_, /href="\/disclosure-items\?scope=commune"/);
  assert.match((await c.get('/units/07582-UB')).text_, /href="\/disclosure-items\?scope=agency"/);
  assert.ok(!(await c.get('/units/07582-01')).text_.includes('/disclosure-items'), 'villages follow the commune');
});

test('an amendment takes effect from its date and keeps history; a bad one changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'coso-di-'));
  const before = Number(srv.db.sql('SELECT COUNT(*) FROM disclosure_items'));
  // a bad file: unknown scope, bad form, bad date, permanent with a period
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, HEADER +
    'village,1,X,Y,posting,5,working,30,0,0,2026-07-01,C\n' +
    'commune,12,X,Y,posting;fax,5,working,30,0,3,2026-07-01,C\n' +
    'commune,12,X,Y,posting,5,working,30,0,3,2026-13-01,C\n' +
    'commune,4,X,Y,posting,5,working,30,1,0,2026-07-01,C\n');
  let r = cli(['import', '--db', srv.db.url, 'disclosure-items', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dòng 2, cột scope/);
  assert.match(r.stderr, /dòng 3, cột forms/);
  assert.match(r.stderr, /dòng 4, cột effective_from/);
  assert.match(r.stderr, /dòng 5, cột min_days/);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM disclosure_items')), before);
  // rewriting a rule already in force is refused
  const rewrite = join(dir, 'rewrite.csv');
  writeFileSync(rewrite, HEADER + 'commune,12,Phí và lệ phí,"Luật 10/2022/QH15, Điều 11 khoản 12",posting;portal,10,working,30,0,3,2023-07-01,C\n');
  r = cli(['import', '--db', srv.db.url, 'disclosure-items', rewrite]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /lịch sử không được sửa/);
  // a real amendment: from 1/7/2026, item 12 must be disclosed within 3 working days
  const ledgerBefore = Number(srv.db.sql('SELECT COUNT(*) FROM ledger_leaves'));
  const good = join(dir, 'good.csv');
  writeFileSync(good, HEADER + 'commune,12,"Phí, lệ phí và các khoản thu khác do xã trực tiếp thu","Luật 10/2022/QH15, Điều 11 khoản 12 (sửa đổi giả định)",posting;portal;radio,3,working,30,0,3,2026-07-01,U\n');
  r = cli(['import', '--db', srv.db.url, 'disclosure-items', good]);
  assert.equal(r.status, 0, r.stderr);
  const item = async (date) => (await api(`?scope=commune&date=${date}`)).items.find((i) => i.number === 12);
  assert.equal((await item('2026-06-30')).deadline_days, 5, 'the old rule still applies before the date');
  assert.equal((await item('2026-07-01')).deadline_days, 3);
  assert.equal((await item('2026-07-01')).effective_from, '2026-07-01');
  assert.equal(Number(srv.db.sql("SELECT COUNT(*) FROM disclosure_items WHERE scope = 'commune' AND number = 12")), 2);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM ledger_leaves')), ledgerBefore + 1, 'recorded in the ledger');
  // importing the same file again adds nothing
  r = cli(['import', '--db', srv.db.url, 'disclosure-items', good]);
  assert.equal(r.status, 0);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM ledger_leaves')), ledgerBefore + 1);
  // the rows themselves cannot be edited
  assert.throws(() => srv.db.sql("UPDATE disclosure_items SET deadline_days = 1"), /history/);
});

test('the system administrator amends the catalogue on the web, all or nothing; nobody else may', async () => {
  const upload = async (client, csv) => {
    const fd = new FormData();
    fd.set('csrf', await client.csrf('/admin/disclosure-items'));
    fd.append('file', new Blob([csv], { type: 'text/csv' }), 'sua-doi.csv');
    return client.req('POST', '/admin/disclosure-items', { body: fd });
  };
  const prov = new Client(srv.base);
  await prov.login('admin.bacninh');
  assert.equal((await prov.get('/admin/disclosure-items')).status, 403, 'the law is national');
  const sys = new Client(srv.base);
  await sys.login('sysadmin');
  const page = await sys.get('/admin/disclosure-items');
  assert.equal(page.status, 200);
  tidy(page.text_, 'catalogue upload');
  assert.match((await sys.get('/admin')).text_, /href="\/admin\/disclosure-items"/);
  const before = Number(srv.db.sql('SELECT COUNT(*) FROM disclosure_items'));
  let r = await upload(sys, HEADER + 'commune,9,X,Y,posting,5,working,30,0,3,2027-01-01,C\ncommune,99,X,Y,fax,5,working,30,0,0,2027-01-01,C\n');
  assert.equal(r.status, 400);
  assert.match(r.text_, /forms/);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM disclosure_items')), before, 'nothing written');
  r = await upload(sys, HEADER + 'agency,3,"Kế hoạch tuyển dụng","Luật 10/2022/QH15, Điều 46 (sửa đổi giả định)",intranet;conference,5,working,30,0,0,2027-01-01,U\n');
  assert.equal(r.status, 200, r.text_);
  assert.match(r.text_, /class="ok"/);
  assert.equal(Number(srv.db.sql('SELECT COUNT(*) FROM disclosure_items')), before + 1);
  const rule = (await api('?scope=agency&date=2027-01-01')).items.find((i) => i.number === 3);
  assert.equal(rule.min_days, 30);
  assert.equal(rule.effective_from, '2027-01-01');
  // the act names who made it
  assert.equal(srv.db.sql("SELECT u.username FROM events e JOIN users u ON u.id = e.actor_id WHERE e.kind = 'disclosure.catalogue' ORDER BY e.id DESC LIMIT 1"), 'sysadmin');
});
