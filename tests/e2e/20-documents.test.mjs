// Issue #11: official documents. Every paper is laid out in the Decree
// 30/2020 format (pdftotext: the head, the number, the date in words, the
// signature block and the recipients; pdffonts: the serif face embedded; the
// page box and the margins from the words' boxes), numbered per unit, year
// and type (unique under concurrent issuing), signed where the unit holds a
// key (pdfsig, and broken by one changed byte), checked on the verification
// page, by the API and by `coso doc verify`; and postings read aloud for the
// loudspeakers (Ogg that decodes, WAV, refused when not broadcast).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { startServer, Client, tidy, cli } from './lib.mjs';

let srv, anon, officer, admin, dir;
const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); // UTC+7
const year = today.slice(0, 4);

before(async () => {
  srv = await startServer();
  anon = new Client(srv.base);
  officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  admin = new Client(srv.base);
  await admin.login('admin.bacninh');
  dir = mkdtempSync(join(tmpdir(), 'coso-doc-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await srv.stop();
});

async function publish(c, unit, extra = {}) {
  const fd = new FormData();
  fd.set('csrf', await c.csrf(`/units/${unit}/disclosures/new`));
  const fields = { item: 5, decision_ref: 'Quyết định số 7/QĐ-UBND', decision_date: today, title: 'Danh sách hộ được hỗ trợ', summary: 'Tóm tắt', body: 'Nội dung.', forms: 'posting', location: 'Trụ sở UBND', action: 'publish', confirm: '1', ...extra };
  for (const [k, v] of Object.entries(fields)) for (const x of [].concat(v)) fd.append(k, String(x));
  fd.append('forms', 'portal');
  const r = await c.req('POST', `/units/${unit}/disclosures`, { body: fd });
  assert.equal(r.status, 303, r.text_.slice(0, 1500));
  return Number(r.headers.get('location').match(/disclosures\/(\d+)/)[1]);
}

async function fetchFile(path, name) {
  const r = await fetch(srv.base + path);
  assert.equal(r.status, 200, path);
  const f = join(dir, name);
  writeFileSync(f, Buffer.from(await r.arrayBuffer()));
  return { file: f, type: r.headers.get('content-type'), bytes: readFileSync(f) };
}
const text = (f, layout = false) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), f, '-'], { encoding: 'utf8' });
const flat = (s) => s.replace(/\s+/g, ' ');
const pdfsig = (f) => spawnSync('pdfsig', [f], { encoding: 'utf8' }).stdout;

test('a notice in the Decree 30/2020 format: head, number, date in words, signature, recipients, serif font, A4 and margins', async () => {
  const id = await publish(officer, '09187', { title: 'Thông báo lịch tiếp công dân tháng 12' });
  const n = await fetchFile(`/disclosures/${id}.pdf`, 'n.pdf');
  assert.equal(n.type, 'application/pdf');
  const t = flat(text(n.file));
  for (const want of ['ỦY BAN NHÂN DÂN PHƯỜNG KINH BẮC', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'THÔNG BÁO', 'Thông báo lịch tiếp công dân tháng 12', 'TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH', 'Trần Văn Hùng', 'Nơi nhận:', 'Thường trực HĐND phường;', '- Lưu: VT.'])
    assert.ok(t.includes(want), `${want} in ${t.slice(0, 600)}`);
  // the number of the unit's series, and the day in words (a leading 0 below 10 and for January, February)
  const num = t.match(/Số: (\d{2,})\/TB-UBND/);
  assert.ok(num, 'Số: NN/TB-UBND');
  const [y, m, d] = today.split('-').map(Number);
  const words = `Kinh Bắc, ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? '0' + m : m} năm ${y}`;
  assert.ok(t.includes(words), words);
  // the page: A4 portrait; words inside 30 mm left, 15 mm right, 20 mm top and bottom
  const info = execFileSync('pdfinfo', [n.file], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  const bbox = execFileSync('pdftotext', ['-bbox', n.file, '-'], { encoding: 'utf8' });
  const boxes = [...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">/g)].map((x) => x.slice(1).map(Number));
  const mm = 72 / 25.4;
  assert.ok(boxes.length > 50);
  assert.ok(Math.min(...boxes.map((b) => b[0])) >= 30 * mm - 1, 'left margin 30 mm');
  assert.ok(Math.max(...boxes.map((b) => b[2])) <= 595.28 - 15 * mm + 1, 'right margin 15 mm');
  assert.ok(Math.min(...boxes.map((b) => b[1])) >= 20 * mm - 1, 'top margin 20 mm');
  assert.ok(Math.max(...boxes.map((b) => b[3])) <= 841.89 - 20 * mm + 1, 'bottom margin 20 mm');
  // Liberation Serif, embedded (every Vietnamese letter shaped from it)
  const fonts = execFileSync('pdffonts', [n.file], { encoding: 'utf8' });
  assert.match(fonts, /LiberationSerif\S*\s+\S.*\byes\s+yes/);
  assert.doesNotMatch(fonts, /DejaVu/);
  // the posting's page names the number
  const page = await anon.get(`/disclosures/${id}`);
  assert.ok(page.text_.includes(`Văn bản số <strong>${num[1]}/TB-UBND</strong>`));
  // a long notice: the page number in the top margin from page 2, none on page 1
  const long = await publish(officer, '09187', { title: 'Thông báo dài nhiều trang', body: Array.from({ length: 40 }, (_, i) => `Đoạn số ${i + 1}: nội dung chi tiết của thông báo để kiểm tra việc sang trang.`).join('\n\n') });
  const lf = (await fetchFile(`/disclosures/${long}.pdf`, 'long.pdf')).file;
  assert.match(execFileSync('pdfinfo', [lf], { encoding: 'utf8' }), /Pages:\s+[2-9]/);
  const p2 = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-bbox', lf, '-'], { encoding: 'utf8' });
  const first = p2.match(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/);
  assert.equal(first[5], '2', 'page 2 starts with its number');
  assert.ok(Number(first[2]) < 20 * mm, 'in the top margin');
  const p1 = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', lf, '-'], { encoding: 'utf8' });
  assert.doesNotMatch(p1.match(/<word[^>]*>([^<]*)<\/word>/)[1], /^1$/, 'no number on page 1');
});

test('numbers are per unit, year and type, never reused, and unique when many are issued at once', async () => {
  const before = Number(srv.db.sql(`SELECT COALESCE(MAX(seq), 0) FROM documents d JOIN units u ON u.id = d.unit_id WHERE u.code = '09187' AND d.type = 'TB' AND d.year = ${year}`));
  const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => publish(officer, '09187', { title: `Thông báo đồng thời số ${i}` })));
  const rows = srv.db.sql(`SELECT d.seq || ' ' || d.number FROM documents d WHERE d.about = 'posting' AND d.about_id IN (${ids.join(',')}) ORDER BY d.seq`).split('\n');
  assert.equal(rows.length, 8);
  const seqs = rows.map((r) => Number(r.split(' ')[0]));
  assert.deepEqual(seqs, Array.from({ length: 8 }, (_, i) => before + 1 + i), 'consecutive, none twice');
  for (const r of rows) assert.match(r, /^\d+ \d{2,}\/TB-UBND$/);
  // another unit has its own series; a withdrawal is a notice of its own with the next number
  const lucngan = await publish(admin, '07582', { title: 'Thông báo của xã Lục Ngạn' });
  assert.match(srv.db.sql(`SELECT number FROM documents WHERE about = 'posting' AND about_id = ${lucngan}`), /^\d{2,}\/TB-UBND$/);
  const w = await officer.post(`/disclosures/${ids[0]}/withdraw`, { reason: 'Đăng nhầm nội dung, sẽ công khai lại.', confirm: '1' }, { csrfFrom: `/disclosures/${ids[0]}` });
  assert.equal(w.status, 303);
  const wd = await fetchFile(`/disclosures/${ids[0]}.pdf`, 'w.pdf');
  const t = flat(text(wd.file));
  assert.match(t, /Về việc thu hồi thông tin đã công khai/);
  const first = srv.db.sql(`SELECT number FROM documents WHERE about = 'posting' AND about_id = ${ids[0]} AND part = 'notice.1'`);
  assert.ok(t.includes(`theo Thông báo số ${first}`), `names the notice it withdraws (${first})`);
  assert.match(t, /Lý do thu hồi: Đăng nhầm nội dung, sẽ công khai lại\./);
  assert.equal(Number(srv.db.sql(`SELECT seq FROM documents WHERE about = 'posting' AND about_id = ${ids[0]} AND part = 'withdrawal'`)), before + 9);
  assert.equal(Number(srv.db.sql(`SELECT last FROM doc_series s JOIN units u ON u.id = s.unit_id WHERE u.code = '09187' AND s.type = 'TB' AND s.year = ${year}`)), before + 9);
});

test('a signed notice verifies with pdfsig and coso doc verify, is stored once as signed, and fails after one byte is changed', async () => {
  const id = await publish(officer, '09187', { title: 'Thông báo ký số' });
  const a = await fetchFile(`/disclosures/${id}.pdf`, 'a.pdf');
  const b = await fetchFile(`/disclosures/${id}.pdf`, 'b.pdf');
  assert.ok(a.bytes.equals(b.bytes), 'the same bytes each time');
  const sig = pdfsig(a.file);
  assert.match(sig, /Signature is Valid/);
  assert.match(sig, /ETSI\.CAdES\.detached/);
  assert.match(sig, /Ủy ban nhân dân Phường Kinh Bắc/);
  assert.match(sig, /Total document signed/);
  const sha = createHash('sha256').update(a.bytes).digest('hex');
  assert.equal(srv.db.sql(`SELECT pdf_sha256 FROM documents WHERE about = 'posting' AND about_id = ${id}`), sha);
  // one byte of the page changed: the signature no longer matches
  const bad = Buffer.from(a.bytes);
  const at = bad.indexOf('stream') + 40;
  bad[at] ^= 1;
  const badf = join(dir, 'bad.pdf');
  writeFileSync(badf, bad);
  assert.doesNotMatch(pdfsig(badf), /Signature is Valid/);
  // the command line says the same
  const env = { ...process.env };
  const ok = cli(['doc', 'verify', a.file], { env });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /HỢP LỆ/);
  assert.match(ok.stdout, /Ủy ban nhân dân Phường Kinh Bắc/);
  const no = cli(['doc', 'verify', badf], { env });
  assert.equal(no.status, 1);
  assert.match(no.stdout, /KHÔNG HỢP LỆ[\s\S]*đã bị thay đổi/);
  // the API finds the issued document by its hash, and nothing for another
  const j = JSON.parse((await anon.get(`/api/v1/documents/${sha}`)).text_);
  assert.match(j.number, /^\d{2,}\/TB-UBND$/);
  assert.equal(j.url, `/disclosures/${id}`);
  assert.ok(Number.isInteger(j.ledger_index));
  assert.match(j.signer, /Kinh Bắc/);
  assert.equal((await anon.get(`/api/v1/documents/${createHash('sha256').update(bad).digest('hex')}`)).status, 404);
  assert.equal((await anon.get('/api/v1/documents/XYZ')).status, 400);
});

test('the verification page: a genuine PDF, a changed one, something else, and a number', async () => {
  const id = await publish(officer, '09187', { title: 'Thông báo để kiểm tra' });
  const a = await fetchFile(`/disclosures/${id}.pdf`, 'v.pdf');
  const form = await anon.get('/documents/verify');
  assert.equal(form.status, 200);
  tidy(form.text_, 'verification page');
  const upload = async (bytes, name = 'x.pdf') => {
    const fd = new FormData();
    fd.set('csrf', await anon.csrf('/documents/verify'));
    fd.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
    return anon.req('POST', '/documents/verify', { body: fd });
  };
  let r = await upload(a.bytes);
  assert.equal(r.status, 200);
  tidy(r.text_, 'verdict');
  assert.match(r.text_, /Văn bản hợp lệ/);
  assert.match(r.text_, /Ủy ban nhân dân Phường Kinh Bắc/);
  assert.match(r.text_, new RegExp(`href="/disclosures/${id}"`));
  assert.match(r.text_, /href="\/ledger\/\d+"/);
  const bad = Buffer.from(a.bytes);
  bad[bad.indexOf('stream') + 40] ^= 1;
  r = await upload(bad);
  assert.match(r.text_, /Không xác nhận được văn bản này/);
  assert.match(r.text_, /đã bị thay đổi sau khi ký/);
  r = await upload(Buffer.from('không phải PDF'), 'a.txt');
  assert.equal(r.status, 400);
  assert.match(r.text_, /id="e-file"/);
  // by number
  const number = srv.db.sql(`SELECT number FROM documents WHERE about = 'posting' AND about_id = ${id}`);
  r = await anon.get(`/documents?unit=09187&number=${encodeURIComponent(number)}`);
  assert.equal(r.status, 200);
  tidy(r.text_, 'document by number');
  assert.match(r.text_, /Thông báo để kiểm tra/);
  assert.equal((await anon.get('/documents?unit=09187&number=99999/TB-UBND')).status, 404);
  assert.equal((await anon.get('/documents?unit=09187')).status, 400);
});

test('meeting notices, minutes once signed by all four, and a past quarter\'s register are numbered; the current quarter is provisional', async () => {
  // the demo's closed meeting of Tổ dân phố số 1: every slot signed
  const m = srv.db.sql("SELECT m.id FROM matters m JOIN units u ON u.id = m.unit_id WHERE u.code = '09187-01' AND m.form = 'meeting' ORDER BY m.id LIMIT 1");
  const mn = flat(text((await fetchFile(`/matters/${m}/minutes.pdf`, 'mm.pdf')).file));
  assert.match(mn, /UBND PHƯỜNG KINH BẮC TỔ DÂN PHỐ SỐ 1/);
  assert.match(mn, /Số: \d{2,}\/BB-TDP/);
  assert.match(mn, /BIÊN BẢN HỌP CỘNG ĐỒNG DÂN CƯ/);
  assert.match(mn, /TỔ TRƯỞNG TỔ DÂN PHỐ/);
  assert.match(mn, /UBND phường \(để xem xét, công nhận\);/);
  assert.match(pdfsig(join(dir, 'mm.pdf')), /Signature is Valid/);
  assert.match(mn, /Sổ minh bạch #\d+: [0-9a-f]{64}/, 'the matter\'s ledger entry as of the minutes');
  const nt = flat(text((await fetchFile(`/matters/${m}/notice.pdf`, 'mn.pdf')).file));
  assert.match(nt, /Số: \d{2,}\/TB-TDP/);
  assert.match(nt, /THÔNG BÁO TRIỆU TẬP HỌP CỘNG ĐỒNG DÂN CƯ/);
  // registers: the quarter before this one is over (numbered), this one is not
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  const prev = q === 1 ? `${Number(year) - 1}-Q4` : `${year}-Q${q - 1}`;
  const past = flat(text((await fetchFile(`/units/09187/disclosure-register.pdf?quarter=${prev}`, 'r1.pdf')).file, true));
  assert.match(past, /Số: \d{2,}\/BC-UBND/);
  assert.doesNotMatch(past, /TẠM TÍNH/);
  const landscape = execFileSync('pdfinfo', [join(dir, 'r1.pdf')], { encoding: 'utf8' });
  assert.match(landscape, /841\.89 x 595\.28/);
  // dates on one line each: a full dd/mm/yyyy in the table
  assert.match(past, /\d\d\/\d\d\/\d{4}/);
  const cur = flat(text((await fetchFile(`/units/09187/disclosure-register.pdf?quarter=${year}-Q${q}`, 'r2.pdf')).file));
  assert.match(cur, /TẠM TÍNH — QUÝ CHƯA KẾT THÚC/);
  assert.match(cur, /\/BC-UBND/);
  assert.doesNotMatch(cur, /\d\/BC-UBND/, 'not numbered before the quarter ends');
});

test('a posting on the loudspeakers is read aloud: Ogg that decodes, WAV, the days still needed; refused when not broadcast; a recording takes its place', async () => {
  const id = srv.db.sql("SELECT p.id FROM postings p JOIN units u ON u.id = p.unit_id WHERE u.code = '09187' AND p.status = 'published' AND p.forms LIKE '%radio%' ORDER BY p.id LIMIT 1");
  const o = await fetchFile(`/disclosures/${id}.ogg`, 'b.ogg');
  assert.equal(o.type, 'audio/ogg');
  const again = await fetchFile(`/disclosures/${id}.ogg`, 'b2.ogg');
  assert.ok(o.bytes.equals(again.bytes), 'the same bytes each time');
  const info = execFileSync('ogginfo', [o.file], { encoding: 'utf8' });
  const len = info.match(/Playback length: (\d+)m:([\d.]+)s/);
  const secs = Number(len[1]) * 60 + Number(len[2]);
  assert.ok(secs > 3 && secs < 180, `${secs} s`);
  const dec = spawnSync('oggdec', ['-Q', '-o', join(dir, 'b.wav'), o.file]);
  assert.equal(dec.status, 0, 'decodes');
  const w = await fetchFile(`/disclosures/${id}.wav`, 'c.wav');
  assert.equal(w.bytes.subarray(0, 4).toString(), 'RIFF');
  assert.equal(w.bytes.subarray(8, 12).toString(), 'WAVE');
  const page = await anon.get(`/disclosures/${id}`);
  tidy(page.text_, 'broadcast posting');
  assert.match(page.text_, new RegExp(`<audio controls preload="none" src="/disclosures/${id}.ogg">`));
  assert.match(page.text_, /Đã phát \d+\/3 ngày liên tục/);
  // not broadcast: refused
  const plain = await publish(officer, '09187', { title: 'Không phát loa' });
  const r = await anon.get(`/disclosures/${plain}.ogg`);
  assert.equal(r.status, 404);
  assert.match(r.text_, /không được phát trên hệ thống truyền thanh/);
  // the officer's recording: a text file is refused, audio is kept and takes the reading's place
  const send = async (bytes, name, type) => {
    const fd = new FormData();
    fd.set('csrf', await officer.csrf(`/disclosures/${id}`));
    fd.append('file', new Blob([bytes], { type }), name);
    return officer.req('POST', `/disclosures/${id}/recording`, { body: fd });
  };
  const refused = await send(Buffer.from('chỉ là chữ'), 'doc.ogg', 'audio/ogg');
  assert.equal(refused.status, 400);
  tidy(refused.text_, 'refused recording');
  assert.match(refused.text_, /href="#f-file"[\s\S]*<span class="field-error" id="e-file">Chỉ nhận tệp âm thanh/, 'the reason beside the field, on the posting page');
  assert.equal((await anon.get(`/disclosures/${id}.ogg`)).status, 200, 'still the reading');
  assert.equal((await send(w.bytes, 'ghi-am.wav', 'audio/wav')).status, 303);
  const now = await anon.get(`/disclosures/${id}.ogg`);
  assert.equal(now.status, 303);
  assert.equal(now.headers.get('location'), `/disclosures/${id}/recording`);
  const rec = await fetch(`${srv.base}/disclosures/${id}/recording`);
  assert.equal(rec.status, 200);
  assert.ok(Buffer.from(await rec.arrayBuffer()).equals(w.bytes));
  assert.match((await anon.get(`/disclosures/${id}`)).text_, /Bản ghi âm do cán bộ tải lên/);
  // only who may publish there
  const other = new Client(srv.base);
  await other.login('canbo.lucngan');
  const fd = new FormData();
  fd.set('csrf', await other.csrf(`/disclosures/${id}`));
  fd.append('file', new Blob([w.bytes], { type: 'audio/wav' }), 'x.wav');
  assert.equal((await other.req('POST', `/disclosures/${id}/recording`, { body: fd })).status, 403);
});

test('an administrator gives a unit its PKCS#12 certificate; its documents are signed from then; bad files change nothing', async () => {
  // a server of its own, with a copy of the keys directory it can change
  const keys = mkdtempSync(join(tmpdir(), 'coso-keys-'));
  cpSync(join(dirname(process.env.COSO_LEDGER_KEY), 'unit-keys'), keys, { recursive: true });
  const s2 = await startServer({ COSO_KEYS_DIR: keys });
  try {
    const adm = new Client(s2.base);
    await adm.login('admin.bacninh');
    // a commune without a key: Xã Xuân Lương has postings in the demo
    const code = s2.db.sql("SELECT code FROM units WHERE title = 'Xã Xuân Lương'");
    const id0 = await publish(adm, code, { title: 'Trước khi có chứng thư' });
    let pdf = await fetch(`${s2.base}/disclosures/${id0}.pdf`);
    writeFileSync(join(dir, 'u.pdf'), Buffer.from(await pdf.arrayBuffer()));
    assert.match(pdfsig(join(dir, 'u.pdf')), /does not contain any signatures/);
    // a PKCS#12 made with openssl
    const k = join(dir, 'k.pem'), c = join(dir, 'c.pem'), p12 = join(dir, 'u.p12');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', k, '-out', c, '-days', '30', '-subj', '/C=VN/O=UBND Xa Xuan Luong/CN=UBND Xa Xuan Luong'], { stdio: 'ignore' });
    execFileSync('openssl', ['pkcs12', '-export', '-inkey', k, '-in', c, '-out', p12, '-passout', 'pass:mat-khau-p12']);
    // the unit's page leads its administrators there
    const unitPage = await adm.get(`/units/${code}`);
    assert.match(unitPage.text_, new RegExp(`href="/admin/units/${code}/certificate">Chứng thư số</a> \\(chưa có\\)`));
    assert.doesNotMatch((await new Client(s2.base).get(`/units/${code}`)).text_, /\/certificate"/, 'not for the public');
    const page = await adm.get(`/admin/units/${code}/certificate`);
    assert.equal(page.status, 200);
    tidy(page.text_, 'certificate page');
    const send = async (bytes, password) => {
      const fd = new FormData();
      fd.set('csrf', await adm.csrf(`/admin/units/${code}/certificate`));
      fd.set('password', password);
      fd.append('file', new Blob([bytes]), 'u.p12');
      return adm.req('POST', `/admin/units/${code}/certificate`, { body: fd });
    };
    let r = await send(readFileSync(p12), 'sai-mat-khau');
    assert.equal(r.status, 400);
    assert.match(r.text_, /mật khẩu không đúng/);
    r = await send(Buffer.from('không phải p12'), '');
    assert.equal(r.status, 400);
    assert.match(r.text_, /không phải là chứng thư số PKCS#12/);
    assert.equal(spawnSync('test', ['-e', join(keys, `${code}.pem`)]).status, 1, 'nothing installed');
    r = await send(readFileSync(p12), 'mat-khau-p12');
    assert.equal(r.status, 200);
    assert.match(r.text_, /Đã cài chứng thư số/);
    assert.equal((execFileSync('stat', ['-c', '%a', join(keys, `${code}.pem`)], { encoding: 'utf8' })).trim(), '600');
    assert.equal(s2.db.sql(`SELECT COUNT(*) FROM events WHERE kind = 'unit.certificate'`), '1');
    // a resident may not
    const dan = new Client(s2.base);
    await dan.login('dan.kinhbac');
    assert.equal((await dan.get(`/admin/units/${code}/certificate`)).status, 403);
    // the next notice is signed with it
    const id1 = await publish(adm, code, { title: 'Sau khi có chứng thư' });
    pdf = await fetch(`${s2.base}/disclosures/${id1}.pdf`);
    writeFileSync(join(dir, 's.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const sig = pdfsig(join(dir, 's.pdf'));
    assert.match(sig, /Signature is Valid/);
    assert.match(sig, /UBND Xa Xuan Luong/);
    // a damaged key: the paper is still answered, unsigned, and nothing is stored
    writeFileSync(join(keys, '07582.pem'), 'hỏng');
    const lid = await publish(adm, '07582', { title: 'Khi khóa bị hỏng' });
    pdf = await fetch(`${s2.base}/disclosures/${lid}.pdf`);
    assert.equal(pdf.status, 200);
    writeFileSync(join(dir, 'd.pdf'), Buffer.from(await pdf.arrayBuffer()));
    assert.match(pdfsig(join(dir, 'd.pdf')), /does not contain any signatures/);
    assert.equal(s2.db.sql(`SELECT COALESCE(pdf_sha256, '') FROM documents WHERE about = 'posting' AND about_id = ${lid}`), '');
    assert.match(s2.stderr(), /07582 cannot sign/);
  } finally {
    await s2.stop();
    rmSync(keys, { recursive: true, force: true });
  }
});
