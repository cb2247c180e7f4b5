// Household import: the whole file applies or nothing does, and every bad
// line is reported with its number and reason. Through the web and the CLI.
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
  assert.equal((await c.login('chutich.lucngan')).status, 303);
});
after(async () => srv.stop());

const HEADER = 'village_code,household_code,head,address,members,representative,phone\n';

async function upload(content, name = 'hh.csv') {
  const csrf = await c.csrf('/admin/import');
  const fd = new FormData();
  fd.set('csrf', csrf);
  fd.set('file', new Blob([content], { type: 'text/csv' }), name);
  return c.req('POST', '/admin/import', { body: fd });
}

const count = () => Number(srv.db.sql("SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '07582-02'"));

test('a good file (with BOM, quoted fields, NFD text) applies whole', async () => {
  const before = count();
  const nfd = 'Nguye\u0302\u0303n Va\u0306n Bi\u0300nh'; // decomposed "Nguyễn Văn Bình"
  const csv = '\uFEFF' + HEADER +
    `07582-02,N001,${nfd},"Số 5, xóm 2",4,,0912345678\r\n` +
    '07582-02,N002,Trần Thị Hoa,"Đội 3, ""Bãi Dưới""",2,Lê Văn Nam,+84 912 345 679\r\n';
  const r = await upload(csv);
  assert.equal(r.status, 200, r.text_);
  assert.match(r.text_, /Đã nhập thành công số hộ: 2/);
  tidy(r.text_, 'import done');
  assert.equal(count(), before + 2);
  // stored NFC
  assert.equal(srv.db.sql("SELECT head_name FROM households WHERE code = 'N001'"), 'Nguyễn Văn Bình');
  assert.equal(srv.db.sql("SELECT address FROM households WHERE code = 'N002'"), 'Đội 3, "Bãi Dưới"');
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.code = 'N002'"), '2');
});

test('a bad file reports every problem with its line and changes nothing', async () => {
  const before = count();
  const lines = [
    '07582-02,B001,Nguyễn Văn An,Số 1,3,,',            // 2 good
    '99999-99,B002,Trần Văn Ba,Số 2,3,,',             // 3 unknown village
    '07582-02,B003,,Số 3,3,,',                        // 4 missing head
    '07582-02,B004,Lê Thị Bốn,Số 4,ba,,',             // 5 bad number
    '07582-02,B001,Phạm Văn Năm,Số 5,2,,',            // 6 duplicate in file
    '07582-02,N001,Hoàng Văn Sáu,Số 6,2,,',           // 7 duplicate in database
    '07582-02,B007,Vũ Văn Bảy,Số 7,2,,abc',           // 8 bad phone
    '07582-02,B008,Đỗ Văn Tám,Số 8,2',                // 9 wrong column count
  ];
  const bytes = Buffer.concat([Buffer.from(HEADER + lines.join('\n') + '\n'),
    Buffer.from('07582-02,B009,'), Buffer.from([0xff, 0xfe]), Buffer.from(',Số 9,2,,\n')]); // 10 invalid UTF-8
  const r = await upload(bytes);
  assert.equal(r.status, 400);
  tidy(r.text_, 'import report');
  const rows = [...r.text_.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => [Number(m[1]), m[2], m[3]]);
  const byLine = Object.fromEntries(rows.map(([l, f, why]) => [l, `${f}: ${why}`]));
  assert.match(byLine[3], /village_code: Không có thôn/);
  assert.match(byLine[4], /head: Thiếu giá trị/);
  assert.match(byLine[5], /members: Số nhân khẩu/);
  assert.match(byLine[6], /household_code: Mã bị trùng/);
  assert.match(byLine[7], /household_code: Mã bị trùng/);
  assert.match(byLine[8], /phone: Số điện thoại/);
  assert.match(byLine[9], /Sai số cột/);
  assert.match(byLine[10], /UTF-8/);
  assert.ok(!byLine[2], 'the good line is not reported');
  assert.equal(count(), before, 'nothing applied');
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM households WHERE code = 'B001'"), '0');
});

test('CSV export: the import format, UTF-8 with BOM, formulas defused, scoped', async () => {
  let r = await upload(HEADER + '07582-04,X1,"=HYPERLINK(""http://x"")",Số 1,2,,\n07582-04,X2,"Lê Văn ""Tư""","Xóm 2, thôn 4",3,Lê Thị Năm,0987654321\n');
  assert.equal(r.status, 200, r.text_);
  const res = await fetch(srv.base + '/units/07582-04/households.csv', { headers: { cookie: c.cookieHeader() } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="ho-gia-dinh-07582-04\.csv"/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  const lines = text.split('\r\n').filter(Boolean);
  assert.equal(lines[0], 'Mã thôn,Mã hộ,Chủ hộ,Địa chỉ,Số nhân khẩu,Người đại diện,Điện thoại', 'the header in Vietnamese');
  const total = Number(srv.db.sql("SELECT COUNT(*) FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '07582-04'"));
  assert.equal(lines.length, total + 1);
  assert.ok(lines.includes('07582-04,X1,"\'=HYPERLINK(""http://x"")",Số 1,2,,'), 'formula defused');
  assert.ok(lines.includes('07582-04,X2,"Lê Văn ""Tư""","Xóm 2, thôn 4",3,Lê Thị Năm,0987654321'));
  const other = await c.get('/units/09187-01/households.csv');
  assert.equal(other.status, 403);
  // the export's Vietnamese header is the import's, however it is typed; problems name its columns
  const before = srv.db.sql("SELECT COUNT(*) FROM households");
  r = await upload('ma thon,MA HO,chu_ho,Dia chi,so nhan khau,Người đại diện,điện thoại\n07582-04,VN1,Nguyễn Văn Một,Số 9,2,,\n');
  assert.equal(r.status, 200, r.text_.slice(0, 2000));
  assert.equal(Number(srv.db.sql("SELECT COUNT(*) FROM households")), Number(before) + 1);
  r = await upload('Mã thôn,Mã hộ,Chủ hộ,Địa chỉ,Số nhân khẩu,Người đại diện,Điện thoại\n07582-04,VN1,Nguyễn Văn Một,Số 9,2,,\n');
  assert.equal(r.status, 400);
  assert.match(r.text_, /<tr><td>2<\/td><td>Mã hộ<\/td><td>Mã bị trùng/);
  r = await upload('Mã thôn,Mã hộ,Chủ hộ\n07582-04,X9,Ai\n');
  assert.equal(r.status, 400);
  assert.match(r.text_, /Dòng tiêu đề phải là: Mã thôn,Mã hộ,Chủ hộ,Địa chỉ,Số nhân khẩu,Người đại diện,Điện thoại/);
});

test('JSON bodies: malformed, too deep or not an object are refused with 400', async () => {
  const post = (body) => c.req('POST', '/login', { body, headers: { 'content-type': 'application/json' } });
  assert.equal((await post('{"a":')).status, 400);
  assert.equal((await post('[1,2]')).status, 400);
  assert.equal((await post('{"a":1,"a":2}')).status, 400);
  assert.equal((await post('{"a":' + '['.repeat(40) + ']'.repeat(40) + '}')).status, 400);
});

test('wrong header, empty file, unterminated quote', async () => {
  let r = await upload('a,b,c\n1,2,3\n');
  assert.equal(r.status, 400);
  assert.match(r.text_, /Dòng tiêu đề phải là/);
  r = await upload(HEADER);
  assert.equal(r.status, 400);
  assert.match(r.text_, /không có dòng dữ liệu/);
  r = await upload(HEADER + '07582-02,Q1,"Unclosed,Số 1,2,,\n');
  assert.equal(r.status, 400);
  assert.match(r.text_, /Lỗi định dạng CSV/);
});

test('CLI import: same rules, exit status, report on stderr', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coso-imp-'));
  const bad = join(dir, 'bad.csv'), good = join(dir, 'good.csv');
  writeFileSync(bad, HEADER + '07582-03,C001,Ngô Văn Một,Số 1,2,,\n07582-03,C002,Ngô Văn Hai,Số 2,0,,\n');
  writeFileSync(good, HEADER + '07582-03,C001,Ngô Văn Một,Số 1,2,,\n07582-03,C002,Ngô Văn Hai,Số 2,5,,\n');
  const before = srv.db.sql("SELECT COUNT(*) FROM households WHERE code LIKE 'C00%'");
  let r = cli(['import', '--db', srv.db.url, 'households', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dòng 3, cột members: Số nhân khẩu/);
  assert.equal(srv.db.sql("SELECT COUNT(*) FROM households WHERE code LIKE 'C00%'"), before);
  r = cli(['import', '--db', srv.db.url, 'households', good]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 2 households/);
  r = cli(['import', '--db', srv.db.url, 'households', join(dir, 'missing.csv')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot read/);
});

test('CLI import units: the national file is idempotent; a broken one changes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coso-units-'));
  let r = cli(['import', '--db', srv.db.url, 'units', 'data/units_vn_2025.csv']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /imported 3355 units/);
  const f = join(dir, 'u.csv');
  writeFileSync(f, 'province_code,province_name,commune_code,commune_name,commune_type\n' +
    '24,Bắc Ninh,07210,Tên Mới,phường\n24,Bắc Ninh,7,Sai Mã,xã\n24,Bắc Ninh,07999,Không Loại,thị trấn\n');
  r = cli(['import', '--db', srv.db.url, 'units', f]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dòng 3, cột commune_code/);
  assert.match(r.stderr, /dòng 4, cột commune_type/);
  assert.equal(srv.db.sql("SELECT name FROM units WHERE code = '07210'"), 'Bắc Giang');
});
