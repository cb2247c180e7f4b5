// Issue #10: one shape for every module. Every API list answers
// {items, total, next} with limit (1-1000, 100) and a cursor, and the API
// description says so with its one List schema; a refusal answers
// {error: {code, message, fields: [{field, message}]}}; the core asks the
// registered modules for the unit page's sections, the site search and the
// indicators of the targets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, tidy, apiJson } from './lib.mjs';

let srv, anon, admin, doc;
before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  doc = JSON.parse((await anon.get('/api/v1/openapi.json')).text_);
});
after(() => srv.stop());

const json = async (c, path) => {
  const r = await c.get(path);
  return { status: r.status, body: r.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(r.text_) : null };
};
// a path of the description with real values for its parameters
const fill = (p) => p.replace('{code}', p.includes('households') ? '07582-01' : '09187');
const isList = (op) => JSON.stringify(op.responses?.['200'] ?? {}).includes('#/components/schemas/List');

test('every GET list of the API uses the one List schema, limit and cursor; the rest are single objects or reports', async () => {
  const lists = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const op = item.get;
    if (!op || !p.startsWith('/api/') || /\{(?!code\})/.test(p)) continue; // one object by its id or hash
    const required = (op.parameters || []).filter((x) => x.in === 'query' && x.required).map((x) => x.name);
    if (required.some((n) => n !== 'unit')) continue; // a question (a deadline), not a list
    const { status, body } = await json(admin, fill(p) + (required.length ? '?unit=09187' : ''));
    assert.equal(status, 200, p);
    const arrays = Object.keys(body).filter((k) => Array.isArray(body[k]));
    if (isList(op)) {
      lists.push(p);
      const refs = (op.parameters || []).map((x) => x.$ref);
      assert.ok(refs.includes('#/components/parameters/Limit') && refs.includes('#/components/parameters/Cursor'), `${p} takes limit and cursor`);
      assert.deepEqual(arrays, ['items'], `${p}: items is its only list`);
      assert.equal(typeof body.total, 'number', `${p} total`);
      assert.ok(body.next === null || typeof body.next === 'string', `${p} next`);
    } else {
      // one object, named by its path (/units/{code}) or said so (x-single:
      // the caller, a report), whose members may hold lists
      assert.ok(arrays.length === 0 || op['x-single'] || p.endsWith('}'), `${p} answers lists ${arrays} without the List shape`);
    }
  }
  assert.ok(lists.length >= 8, `the lists: ${lists}`);
});

test('a list pages through limit and next without repeating or losing an item; bad limits and cursors are 400 with the field', async () => {
  for (const [p, q] of [['/api/v1/units', '?kind=province'], ['/api/v1/holidays', '?'], ['/api/v1/disclosure-items', '?'],
    ['/api/v1/disclosures', '?unit=24'], ['/api/v1/matters', '?unit=24'], ['/api/v1/units/07582-01/households', '?']]) {
    const all = (await json(admin, `${p}${q}&limit=1000`)).body;
    assert.ok(all.items.length > 3, `${p} has items`);
    assert.equal(all.total, all.items.length, `${p}: total is every item`);
    assert.equal(all.next, null);
    const seen = [];
    let next = null, pages = 0;
    do {
      const page = (await json(admin, `${p}${q}&limit=3${next ? '&cursor=' + encodeURIComponent(next) : ''}`)).body;
      assert.ok(page.items.length <= 3);
      assert.equal(page.total, all.total, `${p}: the same total on every page`);
      seen.push(...page.items.map((x) => JSON.stringify(x.id ?? x.code ?? x.date)));
      next = page.next;
    } while (next && ++pages < 100);
    assert.deepEqual(seen, all.items.map((x) => JSON.stringify(x.id ?? x.code ?? x.date)), `${p}: pages in order, each item once`);
    for (const bad of ['limit=0', 'limit=1001', 'limit=abc', 'cursor=' + 'x'.repeat(300)]) {
      const r = await json(admin, `${p}${q}&${bad}`);
      assert.equal(r.status, 400, `${p} ${bad}`);
      const field = bad.split('=')[0];
      assert.equal(r.body.error.code, 'invalid');
      assert.deepEqual(r.body.error.fields.map((f) => f.field), [field], `${p} ${bad}`);
      assert.match(r.body.error.fields[0].message, /[ạ-ỹ]/, 'a Vietnamese sentence');
    }
  }
  assert.equal((await json(anon, '/api/v1/disclosures?unit=24&cursor=2026-01-01')).status, 400, 'a cursor without its id');
  // a search pages by id; one that ends on its page is counted exactly, one
  // that goes on gives a lower bound (it is not run to its end to count it)
  const all = (await json(anon, '/api/v1/disclosures?unit=24&q=ho&limit=1000')).body;
  assert.equal(all.total_exact, true);
  assert.equal(all.total, all.items.length);
  assert.ok(all.total > 2, 'the demo has postings with "hộ"');
  const found = (await json(anon, '/api/v1/disclosures?unit=24&q=ho&limit=2')).body;
  assert.equal(found.total_exact, false);
  assert.equal(found.total, 3, 'this page and one more');
  assert.match(found.next, /^\d+$/, 'a search\'s cursor is the last id');
  const rest = (await json(anon, `/api/v1/disclosures?unit=24&q=ho&limit=1000&cursor=${found.next}`)).body;
  assert.deepEqual([...found.items, ...rest.items].map((p) => p.id), all.items.map((p) => p.id), 'the cursor goes on where the page stopped');
  assert.equal((await json(anon, '/api/v1/matters?unit=24&cursor=1.x')).status, 400);
});

test('the unit page carries every module\'s section: disclosure for a commune, decisions for a commune and a village', async () => {
  const commune = (await anon.get('/units/09187')).text_;
  tidy(commune, 'unit page');
  assert.match(commune, /href="\/units\/09187\/disclosures"/);
  assert.match(commune, /href="\/units\/09187\/inspection-board"/);
  assert.match(commune, /href="\/units\/09187\/matters"/);
  const village = (await anon.get('/units/09187-01')).text_;
  assert.match(village, /href="\/units\/09187-01\/initiatives"/);
  assert.match(village, /href="\/units\/09187-01\/meetings.ics"/);
  assert.doesNotMatch(village, /disclosure-register/, 'a village discloses through its commune');
});

test('the site search asks every module: units, postings, matters', async () => {
  const title = (await json(anon, '/api/v1/disclosures?unit=09187&limit=1')).body.items[0].title;
  const word = title.split(' ').slice(0, 3).join(' ');
  const r = await anon.get('/?q=' + encodeURIComponent(word));
  tidy(r.text_, 'search');
  assert.match(r.text_, /href="\/disclosures\/\d+"/, `a posting found by "${word}"`);
  const m = (await json(anon, '/api/v1/matters?unit=24&limit=1')).body.items[0];
  const r2 = await anon.get('/?q=' + encodeURIComponent(m.title.slice(0, 12)));
  assert.match(r2.text_, new RegExp(`href="/matters/${m.id}"`), 'a matter found by its title');
  assert.match((await anon.get('/?q=' + encodeURIComponent('Kinh Bắc'))).text_, /href="\/units\/09187"/, 'and units');
});

test('indicators: every module\'s figures for a unit and a period, from records, in the one list shape', async () => {
  const year = new Date().getFullYear();
  const { status, body } = await json(anon, `/api/v1/units/09187/indicators?from=${year}-01-01`);
  assert.equal(status, 200);
  const names = body.items.map((i) => i.name);
  assert.deepEqual(names, ['units.active', 'decisions.results_published', 'decisions.conventions', 'disclosure.on_time', 'boards.complete', 'boards.constituted', 'boards.planned', 'boards.active', 'conferences.held', 'conferences.dialogue',
    'training.trained', 'training.officers', 'outreach.units', 'regulations.in_force', 'regulations.measures_resolution',
    'conventions.reviewed', 'cases.on_time', 'consult.answered', 'consult.regulation']);
  for (const i of body.items) {
    assert.ok(i.numerator >= 0 && i.numerator <= i.denominator, i.name);
    assert.equal(i.records.filter((x) => x.counted).length <= i.numerator, true);
    if (i.records_complete) {
      assert.equal(i.records.length, i.denominator, `${i.name}: the records behind the denominator`);
      assert.equal(i.records.filter((x) => x.counted).length, i.numerator);
    }
    assert.ok(i.percent === null || (i.percent >= 0 && i.percent <= 100));
    assert.match(i.label, /[ạ-ỹ]/);
  }
  // the same figures as the compliance report of that period
  const d = body.items.find((i) => i.name === 'disclosure.on_time');
  const cp = (await json(anon, `/api/v1/units/09187/disclosure-compliance?from=${year}-01-01&to=${body.to}`)).body;
  assert.equal(d.numerator, cp.on_time, JSON.stringify(cp).slice(0, 300));
  assert.equal(d.denominator, cp.due + (cp.counts?.missing ?? 0));
  assert.ok(d.records.some((x) => !x.counted), 'the demo has late and overdue postings');
  // conventions: every village of the ward is a record; Tổ dân phố số 1 adopted its convention in the demo
  const conv = body.items.find((i) => i.name === 'decisions.conventions');
  const villages = (await json(anon, '/api/v1/units?parent=09187&limit=1000')).body.items.filter((u) => ['village', 'residential_group'].includes(u.kind));
  assert.equal(conv.denominator, villages.length);
  assert.ok(conv.records.find((x) => x.href === '/units/09187-01/matters').counted, 'the demo convention');
  assert.ok(conv.numerator >= 1 && conv.numerator < conv.denominator, 'some villages behind');
  const village = (await json(anon, `/api/v1/units/09187-01/indicators?from=${year}-01-01&name=decisions.conventions`)).body.items[0];
  assert.deepEqual([village.numerator, village.denominator], [1, 1], "a village counts itself");
  // the platform in use: the ward did public acts this year; in the province some communes did, most not yet
  assert.deepEqual([body.items[0].numerator, body.items[0].denominator], [1, 1]);
  const prov = (await json(anon, `/api/v1/units/24/indicators?from=${year}-01-01&name=units.active`)).body.items[0];
  const communes = (await json(anon, '/api/v1/units?parent=24&limit=1000')).body.items.filter((u) => ['commune', 'ward', 'special_zone'].includes(u.kind)).length;
  assert.equal(prov.denominator, communes);
  assert.ok(prov.numerator >= 2 && prov.numerator < communes, `${prov.numerator}/${communes}`);
  assert.ok(prov.records.find((x) => x.href === '/units/09187').counted);
  // one indicator; bad periods and names change nothing and say why
  const one = (await json(anon, `/api/v1/units/09187/indicators?name=disclosure.on_time`)).body;
  assert.deepEqual(one.items.map((i) => i.name), ['disclosure.on_time']);
  for (const [q, field] of [['from=2026-13-01', 'from'], ['from=2026-05-01&to=2026-04-01', 'to'], ['from=2000-01-01&to=2026-01-01', 'to'], ['name=nope', 'name']]) {
    const r = await json(anon, `/api/v1/units/09187/indicators?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.body.error.fields[0].field, field, q);
  }
  assert.equal((await json(anon, '/api/v1/units/nowhere/indicators')).status, 404);
});

test('a refused form comes back with every problem at the top, each beside its field, and what was typed kept', async () => {
  const dan = new Client(srv.base);
  await dan.login('dan.kinhbac');
  const typed = 'Mô tả <b>đã gõ</b> không được mất';
  const r = await dan.post('/units/09187-01/initiatives', { item: '9', title: '', description: typed }, { csrfFrom: '/units/09187-01/initiatives' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'initiative form with problems');
  const summary = r.text_.match(/<div class="error" role="alert" id="problems">([\s\S]*?)<\/div>/);
  assert.ok(summary, 'a summary at the top');
  assert.match(summary[1], /href="#f-item"/);
  assert.match(summary[1], /href="#f-title"/);
  assert.match(r.text_, /id="f-title"[^>]*aria-invalid="true"/);
  assert.match(r.text_, /<span class="field-error" id="e-title">/);
  assert.ok(r.text_.includes('Mô tả &lt;b&gt;đã gõ&lt;/b&gt; không được mất</textarea>'), 'the description kept, escaped');
  const list = (await anon.get('/units/09187-01/initiatives')).text_;
  assert.ok(!list.includes('đã gõ'), 'nothing written');
  // the API says the same with every field
  const api = await fetch(srv.base + '/api/v1/units/09187/indicators?from=2026-13-01&to=2026-00-01');
  const j = await api.json();
  assert.equal(api.status, 400);
  assert.deepEqual(j.error.fields.map((f) => f.field), ['from', 'to'], 'both problems, not just the first');
  assert.equal(j.error.field, 'from');
});

test('a refused matter comes back as its form with every problem beside its field; the API lists the same fields', async () => {
  const head = new Client(srv.base);
  await head.login('totruong.kinhbac');
  const form = { item: '6', form: 'meeting', title: '', description: 'Giữ lại nội dung này', meeting_at: '2020-01-01T08:00', location: '', clusters: '1', method: 'hands' };
  const r = await head.post('/units/09187-01/matters', form, { csrfFrom: '/units/09187-01/matters/new' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'matter form with problems');
  for (const f of ['title', 'meeting_at', 'location'])
    assert.match(r.text_, new RegExp(`href="#f-${f}"[\\s\\S]*id="e-${f}"`), f);
  assert.ok(r.text_.includes('>Giữ lại nội dung này</textarea>'), 'what was typed is kept');
  assert.match(r.text_, /<input type="hidden" name="form" value="meeting">/);
  assert.ok(!r.text_.includes('name="closes_at"'), 'only the chosen form\'s fields');
  const api = await apiJson(head, 'POST', '/api/v1/units/09187-01/matters', { item: 6, form: 'meeting', title: '', meeting_at: '2020-01-01T08:00', location: '', clusters: 1, method: 'hands' });
  assert.equal(api.status, 400);
  assert.deepEqual(api.body.error.fields.map((f) => f.field).sort(), ['location', 'meeting_at', 'title']);
});

// The problems of a refused form: a summary linking each field, each field's message beside it.
const problemFields = (html) => {
  const summary = html.match(/<div class="error" role="alert" id="problems">([\s\S]*?)<\/div>/);
  assert.ok(summary, 'a summary at the top');
  const linked = [...summary[1].matchAll(/href="#f-([a-z_]+)"/g)].map((m) => m[1]);
  for (const f of linked) assert.match(html, new RegExp(`<span class="field-error" id="e-${f}">`), f);
  return linked.sort();
};

test('the account, holiday, login and API-token forms name every problem beside its field, keep what was typed and write nothing', async () => {
  // a new account: four problems at once, the username and the role kept, never the password
  let r = await admin.post('/admin/users', { username: 'x!', full_name: '  ', password: 'ngắn', role: 'village_head', unit: 'khong-co' }, { csrfFrom: '/admin/users' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'account form with problems');
  assert.deepEqual(problemFields(r.text_), ['full_name', 'password', 'unit', 'username']);
  assert.match(r.text_, /id="f-username" name="username" type="text" value="x!"/);
  assert.match(r.text_, /<option value="village_head" selected>/);
  assert.ok(!r.text_.includes('ngắn'), 'the password is never sent back');
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM users WHERE username = 'x!'"), '0');
  // granting a role: the role picked and the unit typed kept
  const uid = srv.db.sql("SELECT id FROM users WHERE username = 'dan.kinhbac'");
  r = await admin.post(`/admin/users/${uid}`, { op: 'grant', role: 'commune_officer', unit: '09187-01' }, { csrfFrom: `/admin/users/${uid}` });
  assert.equal(r.status, 400);
  assert.deepEqual(problemFields(r.text_), ['unit']);
  assert.match(r.text_, /id="f-unit" name="unit" type="text" value="09187-01"/);
  // a holiday: the date, the name and the kind at once, the name typed kept
  r = await admin.post('/admin/holidays', { op: 'save', day: '31/02/2026', name: 'Ngày <giữ>', kind: 'x' }, { csrfFrom: '/admin/holidays' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'holiday form with problems');
  assert.deepEqual(problemFields(r.text_), ['day', 'kind']);
  assert.match(r.text_, /value="Ngày &lt;giữ&gt;"/);
  r = await admin.post('/admin/holidays', { op: 'save', day: '', name: '', kind: 'holiday' }, { csrfFrom: '/admin/holidays' });
  assert.deepEqual(problemFields(r.text_), ['day', 'name']);
  // login: both fields missing are both named; a wrong password names neither
  const anon2 = new Client(srv.base);
  r = await anon2.post('/login', { username: '', password: '' }, { csrfFrom: '/login' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'login with problems');
  assert.deepEqual(problemFields(r.text_), ['password', 'username']);
  r = await anon2.post('/login', { username: 'dan.kinhbac', password: 'sai-mat-khau-roi' }, { csrfFrom: '/login' });
  assert.equal(r.status, 401);
  assert.deepEqual(problemFields(r.text_), []);
  assert.match(r.text_, /value="dan.kinhbac"/);
  // a new unit, refused on its parent's page: code, name and kind at once, what was typed kept
  r = await admin.post('/admin/units', { parent: '09187', code: 'mã sai', name: '', kind: 'province' }, { csrfFrom: '/units/09187' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'unit form with problems');
  assert.deepEqual(problemFields(r.text_), ['code', 'kind', 'name']);
  assert.match(r.text_, /id="f-code" name="code" type="text" value="mã sai"/);
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM units WHERE name = ''"), '0');
  r = await admin.post('/admin/units', { parent: '09187', code: '09187-01', name: 'Thôn Trùng', kind: 'village' }, { csrfFrom: '/units/09187' });
  assert.equal(r.status, 409);
  assert.deepEqual(problemFields(r.text_), ['code']);
  assert.match(r.text_, /<option value="village" selected>/);
  // an API token: name, scope and days at once, nothing made
  const before = srv.db.sql('SELECT COUNT(*) FROM api_tokens');
  r = await admin.post('/me/tokens', { label: '', scope: 'root', days: '999' }, { csrfFrom: '/me' });
  assert.equal(r.status, 400);
  tidy(r.text_, 'token form with problems');
  assert.deepEqual(problemFields(r.text_), ['days', 'label', 'scope']);
  assert.equal(srv.db.sql('SELECT COUNT(*) FROM api_tokens'), before);
});
