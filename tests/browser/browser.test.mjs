// Browser test: Debian's chromium driven by playwright-core. A newcomer finds
// their commune by typing without diacritics, logs in, opens a village's
// household list; axe-core checks every page; screenshots go to test-output/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, PASSWORD } from '../e2e/lib.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = 'test-output/screenshots';
mkdirSync(SHOTS, { recursive: true });

let srv, browser, page;
before(async () => {
  srv = await startServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  // a cheap phone: 360 px wide. The page's CSP forbids scripts; axe is injected
  // by the test harness, so CSP is bypassed for the test only.
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'vi-VN' });
  page = await ctx.newPage();
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// Signs in through the login form, as a person would.
async function login(username) {
  await page.goto(srv.base + '/login');
  await page.fill('#f-username', username);
  await page.fill('#f-password', PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(srv.base + '/');
}

async function axe(name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`), [], `axe on ${name}`);
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

// axe on another page (a second phone), and no scrolling sideways.
async function axeOn(p, name) {
  await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`), [], name);
  const wide = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `${name} is ${wide}px wider than the screen`);
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test('find a commune without diacritics, log in, see its households', async () => {
  await page.goto(srv.base + '/');
  await axe('01-home');
  await page.fill('#q', 'kinh bac');
  await page.click('form.search button');
  await page.waitForURL(/\?q=kinh/);
  await axe('02-search');
  await page.click('a[href="/units/09187"]');
  await page.waitForURL(/\/units\/09187$/);
  assert.equal(await page.textContent('h1'), 'Phường Kinh Bắc');
  await axe('03-ward');
  // no scroll sideways on a 360 px phone
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);

  // the login returns to the page it was opened from
  await page.click('a[href="/login?next=%2Funits%2F09187"]');
  await axe('04-login');
  await page.fill('#f-username', 'canbo.kinhbac');
  await page.fill('#f-password', PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(srv.base + '/units/09187');
  await page.goto(srv.base + '/units/09187-01');
  await page.click('a.button');
  await page.waitForURL(/households$/);
  assert.match(await page.textContent('h1'), /Danh sách hộ gia đình/);
  assert.equal((await page.$$('tbody tr')).length, 50, 'a page of 50 households');
  await axe('05-households');
  // another commune's households are refused, in Vietnamese
  const r = await page.goto(srv.base + '/units/07582-01/households');
  assert.equal(r.status(), 403);
  assert.match(await page.textContent('main'), /ngoài phạm vi/);
  await axe('06-forbidden');
  await page.goto(srv.base + '/admin/users');
  await axe('07-admin-users');
  await page.goto(srv.base + '/admin/import');
  await axe('08-admin-import');
  await page.goto(srv.base + '/ledger');
  await axe('09-ledger');
  await page.click('ul.activity li:first-child a');
  await page.waitForURL(/\/ledger\/\d+$/);
  assert.match(await page.textContent('main p.meta'), /Sổ minh bạch #\d+/);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `ledger entry is ${wide}px wider than the screen`);
  await axe('10-ledger-entry');
  await page.click('header button.link'); // logout
  await page.waitForURL(srv.base + '/');
  assert.ok(await page.$('a[href="/login"]'));
});

test('an officer publishes with an attachment; a resident finds it typing without diacritics', async () => {
  await login('canbo.kinhbac');
  await page.goto(srv.base + '/units/09187/disclosures');
  await axe('11-disclosures');
  await page.click('a[href="/units/09187/disclosures/new"]');
  await page.waitForURL(/disclosures\/new$/);
  await axe('12-disclosure-form');
  await page.selectOption('#f-item', '7');
  await page.fill('#f-decision_ref', 'Quyết định số 45/QĐ-UBND');
  await page.fill('#f-title', 'Danh sách hộ được hỗ trợ học phí học kỳ II');
  await page.fill('#f-summary', 'Danh sách 12 hộ được xét hỗ trợ học phí.');
  await page.fill('#f-body', 'Ý kiến phản hồi gửi về **bộ phận một cửa** trước ngày 30.');
  await page.check('input[name=forms][value=radio]');
  await page.fill('#f-location', 'Bảng tin UBND phường');
  const d = new Date(Date.now() + 7 * 3600e3);
  const days = [0, 1, 2].map((k) => new Date(d.getTime() + k * 86400e3).toISOString().slice(0, 10));
  await page.fill('#f-radio_dates', days.join('; '));
  await page.setInputFiles('#f-files', {
    name: 'danh-sach-ho.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
  });
  await page.click('button[name=action][value=publish]');
  // the draft is saved and shown for review; publishing is confirmed on it
  await page.waitForURL(/\/disclosures\/\d+\?review=publish$/);
  await axe('12b-review-publish');
  await page.click('#review button[type=submit]');
  await page.waitForURL(/\/disclosures\/\d+\?done=published$/);
  const url = page.url().replace(/\?done=published$/, '');
  assert.match(await page.textContent('h1'), /hỗ trợ học phí học kỳ II/);
  assert.ok(await page.$('a[href*="/files/"]'), 'the attachment is listed');
  await axe('13-disclosure');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `posting is ${wide}px wider than the screen`);
  await page.click('header button.link'); // logout

  // a resident, not logged in, on a phone
  await page.goto(srv.base + '/units/09187/disclosures');
  await page.fill('#q', 'ho tro hoc phi hoc ky');
  await page.click('form.filters button[type=submit]');
  await page.waitForURL(/\?q=ho/);
  await axe('14-disclosure-search');
  await page.click('ul.postings li:first-child a');
  assert.equal(page.url(), url);
  assert.match(await page.textContent('main'), /Đang công khai/);
  await page.goto(srv.base + '/units/09187/disclosure-compliance');
  await axe('15-compliance');
  await page.goto(srv.base + '/units/09187/disclosure-register');
  await axe('16-register');
  await page.goto(srv.base + '/units/09187/information-requests/new');
  await axe('17-information-request');
});

test('a village head records attendance and a show-of-hands result on a phone; a household votes online and checks its receipt', async () => {
  // the demo meeting on the village convention of Lục Ngạn's first village starts in 3 days: move it to now
  srv.db.sql("UPDATE meetings SET starts_at = CAST(strftime('%s','now') AS INTEGER) - 60 WHERE matter_id = (SELECT id FROM matters WHERE form = 'meeting' LIMIT 1)");
  const id = srv.db.sql("SELECT id FROM matters WHERE form = 'meeting' LIMIT 1");
  await login('truongthon.lucngan');
  await page.goto(`${srv.base}/units/07582-01/matters`);
  await axe('18-matters');
  await page.click(`a[href="/matters/${id}"]`);
  await axe('19-meeting');
  await page.click(`a[href="/matters/${id}/attendance"]`);
  await axe('20-attendance');
  for (let k = 0; k < 3; k++) {
    await page.click('ul.attendance button.absent >> nth=0');
    await page.waitForLoadState();
  }
  assert.equal(await page.locator('ul.attendance button.present').count(), 3);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `attendance list is ${wide}px wider than the screen`);
  await page.goto(`${srv.base}/matters/${id}`);
  await page.fill('#f-for-1', '2');
  await page.fill('#f-ag-1', '1');
  await page.click('form[action$="/count"] button[type=submit]');
  // the review step: the counts shown, nothing recorded until confirmed
  await page.waitForSelector('.confirm');
  await axe('21-count-review');
  await page.click('main form button[type=submit]');
  await page.waitForURL(`${srv.base}/matters/${id}?done=counted`);
  assert.match(await page.textContent('#done'), /Đã ghi kết quả kiểm phiếu/);
  assert.match(await page.textContent('main'), /Biên bản/);
  await axe('21-minutes');
  await page.click('header button.link'); // logout

  // a household representative votes online in step 2 of the open demo matter, then reads the result page
  await login('dan.lucngan');
  const open = srv.db.sql("SELECT m.id FROM matters m JOIN units u ON u.id = m.unit_id WHERE u.code = '07582-01' AND m.form = 'online' LIMIT 1");
  srv.db.sql(`UPDATE matters SET secret = 1 WHERE id = ${open}`); // a secret vote: checked by receipt after the close
  await page.goto(`${srv.base}/matters/${open}`);
  await axe('22-online-vote');
  await page.check('input[name=choice][value=for]');
  await page.click('form[action$="/vote"] button[type=submit]');
  const receipt = (await page.inputValue('main .receipt-code')).trim();
  assert.match(receipt, /^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await axe('23-receipt');
  // after the close, the household finds its receipt in the published list, with its choice
  srv.db.sql(`UPDATE matters SET closes_at = ${Math.floor(Date.now() / 1000) - 1} WHERE id = ${open}`);
  await page.goto(`${srv.base}/matters/${open}`);
  await page.fill('#q', receipt);
  await page.click('form.search button[type=submit]');
  const row = await page.textContent('main #checked');
  assert.ok(row.includes(receipt) && row.includes('Đồng ý'), row);
  await axe('24-receipt-checked');
});

test('an officer downloads a signed notice and a resident checks it on the verification page', async () => {
  await login('canbo.kinhbac');
  await page.goto(srv.base + '/units/09187/disclosures');
  await page.click('ul.postings li:first-child a');
  await page.waitForURL(/\/disclosures\/\d+$/);
  assert.match(await page.textContent('main'), /Văn bản số \d{2,}\/TB-UBND \(bản PDF có chữ ký số\)/);
  // the print button's file, as the browser gets it
  const href = await page.getAttribute('a.button[href$=".pdf"]', 'href');
  const res = await page.request.get(srv.base + href);
  assert.equal(res.status(), 200);
  const pdf = await res.body();
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.click('header button.link'); // logout
  // anyone checks it
  await page.goto(srv.base + '/documents/verify');
  await axe('17-verify');
  await page.setInputFiles('#f-file', { name: 'thong-bao.pdf', mimeType: 'application/pdf', buffer: pdf });
  await page.click('main form[enctype] button[type=submit]');
  await page.waitForSelector('#verdict');
  assert.match(await page.textContent('#verdict'), /Văn bản hợp lệ/);
  assert.match(await page.textContent('main'), /Ủy ban nhân dân Phường Kinh Bắc/);
  await axe('18-verified');
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wide <= 0, `the verdict is ${wide}px wider than the screen`);
});

test('the province dashboard on a phone and a desktop; from a province figure down to the missing records', async () => {
  await page.goto(srv.base + '/units/24/targets');
  assert.match(await page.textContent('h1'), /Bắc Ninh/);
  await axe('20-dashboard-360');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the dashboard is ${overflow}px wider than a 360 px screen`);
  // the drill-down: a province figure opens on the records that are missing, by name
  const api = await (await fetch(`${srv.base}/api/v1/targets?unit=24`)).json();
  const t4 = api.items.find((t) => t.id === 'T4');
  await page.click('a[href^="/units/24/targets/T4?"][href*="missing=1"]');
  await page.waitForURL(/\/targets\/T4\?.*missing=1/);
  await axe('21-drilldown-360');
  const missing = await (await fetch(`${srv.base}/api/v1/targets/T4/records?unit=24&missing=1&limit=1000`)).json();
  assert.equal(missing.total, t4.denominator - t4.numerator);
  const body = await page.textContent('main');
  for (const rec of missing.items.slice(0, 5)) assert.ok(body.includes(rec.title), rec.title);
  // a desktop screen
  const wide = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: 'vi-VN' });
  const desk = await wide.newPage();
  await desk.goto(srv.base + '/units/24/targets');
  await desk.addScriptTag({ content: AXE });
  const result = await desk.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  await desk.screenshot({ path: `${SHOTS}/22-dashboard-1280.png`, fullPage: true });
  await wide.close();
});

test('an entrant takes the law contest on a 360 px phone with JavaScript off', async () => {
  const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'vi-VN' });
  const phone = await phoneCtx.newPage();
  await phone.goto(srv.base + '/units/24/contests');
  await phone.click('main a[href^="/contests/"]');
  await phone.waitForURL(/\/contests\/\d+$/);
  const contestUrl = phone.url();
  await phone.fill('#f-name', 'Nguyễn Thị Dự Thi');
  await phone.fill('#f-phone', '0977 123 456');
  await phone.fill('#f-citizen_id', '027190012345');
  await phone.selectOption('#f-unit', '09187');
  await phone.click('main button[type=submit]');
  await phone.waitForURL(/\/attempts\//);
  const attemptUrl = phone.url();
  const questions = await phone.$$('fieldset.question');
  assert.equal(questions.length, 10);
  for (const q of questions) await (await q.$('input[type=radio]')).check();
  await phone.fill('#f-prediction', '42');
  // the hand-in answers on the same address: wait for its response, then for the result
  const [posted] = await Promise.all([
    phone.waitForResponse((res) => res.url() === attemptUrl && res.request().method() === 'POST'),
    phone.click('main button[type=submit]'),
  ]);
  assert.equal(posted.status(), 200);
  await phone.getByText('Đã nhận bài thi lúc').waitFor();
  assert.match(await phone.textContent('main'), /Số câu đúng/);
  await phone.screenshot({ path: `${SHOTS}/23-contest-result-360.png`, fullPage: true });
  await phoneCtx.close();
  // axe on the same pages (a second attempt of the same entrant shows the form again)
  await page.goto(contestUrl);
  await axe('25-contest');
  await page.fill('#f-name', 'Nguyễn Thị Dự Thi');
  await page.fill('#f-phone', '0977123456');
  await page.fill('#f-citizen_id', '027190012345');
  await page.selectOption('#f-unit', '09187');
  await page.click('main button[type=submit]');
  await page.waitForURL(/\/attempts\//);
  await axe('26-contest-attempt');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the attempt is ${overflow}px wider than a 360 px screen`);
  await page.goto(attemptUrl);
  await axe('27-contest-result');
});

// Issue #13: every demo role, signed in on a 360 px phone, opens /me (one tap
// on its name) and reaches its first task in one more; the inbox and the
// task's page pass axe and fit the screen.
test('every demo role reaches its first task from /me in at most two taps', async () => {
  const roles = ['canbo.kinhbac', 'chutich.kinhbac', 'mattran.kinhbac', 'thanhtra.kinhbac', 'giamsat.kinhbac',
    'totruong.kinhbac', 'dan.kinhbac', 'canbo.lucngan', 'truongthon.lucngan', 'dan.lucngan', 'admin.bacninh', 'giamsat.bacninh'];
  for (const u of roles) {
    await login(u);
    await page.click('header a[href="/me"]'); // tap 1
    await page.waitForURL(srv.base + '/me');
    await axe(`30-inbox-${u}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(wide <= 0, `${u}: /me is ${wide}px wider than the screen`);
    const first = await page.$('ul.tasks li a');
    if (!first) {
      assert.match(await page.textContent('ul.tasks'), /Không có việc nào đang chờ/, u);
    } else {
      const href = await first.getAttribute('href');
      await first.click(); // tap 2
      await page.waitForLoadState();
      const at = new URL(page.url());
      assert.equal(at.pathname + at.search + at.hash, href, u);
      assert.ok(await page.$('main h1'), `${u}: the task's page has a heading`);
      assert.doesNotMatch(await page.textContent('main h1'), /Không có quyền|Không tìm thấy/, `${u}: ${href}`);
      await axe(`31-task-${u}`);
    }
    await page.click('header button.link'); // logout
    await page.waitForURL(srv.base + '/');
  }
});

test('a logged-out resident opens a vote link, logs in, answers and checks the receipt', async () => {
  const lamp = srv.db.sql("SELECT id FROM matters WHERE title = 'Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1'");
  await page.goto(`${srv.base}/matters/${lamp}`);
  await axe('32-vote-link-visitor');
  await page.click('main a.button[href^="/login?next="]');
  await page.fill('#f-username', 'dan.kinhbac');
  await page.fill('#f-password', PASSWORD);
  await page.click('main button[type=submit]');
  await page.waitForURL(`${srv.base}/matters/${lamp}`);
  await page.check('input[name=choice][value=for]');
  await page.click('form[action$="/vote"] button[type=submit]');
  await page.waitForSelector('main .receipt-code');
  const receipt = (await page.inputValue('main .receipt-code')).trim();
  assert.match(receipt, /^R-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await axe('33-voted');
  // the check: one field, typed carelessly
  await page.fill('#q', ` ${receipt.toLowerCase().replaceAll('-', ' ')} `);
  await page.click('form.search button[type=submit]');
  await page.waitForSelector('#checked');
  assert.match(await page.textContent('#checked'), new RegExp(`Có trong hòm phiếu:\\s*${receipt}`));
  await axe('34-receipt-checked');
  await page.click('header button.link');
  await page.waitForURL(srv.base + '/');
});

test('a resident chooses channels on /me on a 360 px screen and reads the notifications', async () => {
  await login('dan.lucngan');
  await page.goto(srv.base + '/me');
  // the inbox leads to the unread notifications
  await page.click('ul.tasks a[href="/me/notifications"]');
  await page.waitForURL(srv.base + '/me/notifications');
  assert.ok(await page.$('li.unread'), 'unread notifications are marked');
  assert.match(await page.textContent('main ul.tasks'), /Thôn Trung/);
  await axe('35-notifications');
  // Zalo as well as SMS, and the commune's disclosures
  await page.check('input[name=channels][value=zalo]');
  await page.check('input[name=topics][value=commune]');
  await page.fill('#f-phone', '0912 000 002');
  await page.click('form:has(input[value=prefs]) button[type=submit]');
  await page.waitForURL(srv.base + '/me/notifications?saved=1');
  assert.match(await page.textContent('main'), /Đã lưu lựa chọn nhận thông báo/);
  assert.ok(await page.isChecked('input[name=channels][value=zalo]'));
  assert.ok(await page.isChecked('input[name=channels][value=sms]'));
  assert.equal(await page.inputValue('#f-phone'), '0912000002');
  await axe('36-notification-choices');
  // the width is the phone's: nothing scrolls sideways
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
  await page.click('form:has(input[value=read]) button[type=submit]');
  await page.waitForURL(srv.base + '/me/notifications');
  assert.equal(await page.$('li.unread'), null);
  await page.click('header button.link');
  await page.waitForURL(srv.base + '/');
});

// Issue #15: a resident files a petition with a photo on a 360 px phone,
// receives the code and follows it; an officer accepts and answers it from
// the /me inbox and prints the rating QR code; the resident rates it from the
// link the QR code holds (read back from the PDF with zbarimg).
test('a petition with a photo on a phone, answered from the /me inbox, rated from its QR code', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'vi-VN' });
  const phone = await phoneCtx.newPage();
  await phone.goto(srv.base + '/units/07582-01/feedback');
  await axeOn(phone, '40-feedback-form-360');
  await phone.check('input[name=kind][value=petition]');
  await phone.selectOption('#f-category', 'ha-tang');
  await phone.fill('#f-body', 'Cống thoát nước đầu thôn Trung bị vỡ, nước tràn ra đường');
  await phone.setInputFiles('#f-files', { name: 'cong-vo.png', mimeType: 'image/png', buffer: png });
  await phone.fill('#f-name', 'Hà Thị Dân');
  await phone.fill('#f-phone', '0912 777 888');
  await phone.click('main button[type=submit]');
  await phone.waitForURL(/\/track\/PAKN-\d{4}-[0-9A-Z]{6}\?new=1$/);
  const code = phone.url().match(/(PAKN-\d{4}-[0-9A-Z]{6})/)[1];
  assert.match(await phone.textContent('main'), new RegExp(`Mã theo dõi của bạn là ${code}`));
  await axeOn(phone, '41-case-filed-360');
  // following it later by its code, typed as people type
  await phone.goto(srv.base + '/track');
  await phone.fill('#q', code.toLowerCase().replaceAll('-', ' '));
  await phone.click('form.search button');
  await phone.waitForURL(new RegExp(`/track/${code}$`));
  await axeOn(phone, '42-track-360');
  // the officer: /me, the case, accept, answer
  await login('canbo.lucngan');
  await page.click('header a[href="/me"]');
  await page.waitForURL(srv.base + '/me');
  const link = page.locator('ul.tasks li a', { hasText: code });
  await link.click();
  await page.waitForURL(/\/cases\/\d+$/);
  const caseUrl = page.url();
  await axe('43-case-officer');
  await page.click('summary:has-text("Thụ lý")');
  await page.click('form[action$="/accept"] button[type=submit]');
  await page.waitForURL(caseUrl);
  await page.click('summary:has-text("Giải quyết, trả lời")');
  await page.fill('#f-answer', 'Đã sửa cống, thông thoát nước ngày hôm nay.');
  await page.click('form[action$="/resolve"] button[type=submit]');
  await page.getByText('Đường dẫn đánh giá dùng một lần').waitFor();
  await axe('44-case-answered');
  // the QR code printed at the desk
  const qr = await page.request.get(caseUrl + '/qr.pdf');
  assert.equal(qr.status(), 200);
  const dir = mkdtempSync(join(tmpdir(), 'coso-qr-'));
  writeFileSync(join(dir, 'qr.pdf'), await qr.body());
  spawnSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', join(dir, 'qr.pdf'), join(dir, 'p')]);
  const z = spawnSync('zbarimg', ['-q', '--raw', join(dir, 'p-1.png')], { encoding: 'utf8' });
  const rateUrl = z.stdout.trim();
  assert.match(rateUrl, new RegExp(`/rate/${code}\\?t=[A-Za-z0-9_-]+$`));
  await page.click('header button.link'); // logout
  // the resident rates it from the QR link, once
  await phone.goto(rateUrl);
  await axeOn(phone, '45-rate-360');
  await phone.check('input[name=level][value="5"]');
  await phone.check('input[name=on_time][value="1"]');
  await phone.click('main button[type=submit]');
  await phone.getByText('Cảm ơn bạn đã đánh giá').waitFor();
  await phone.goto(srv.base + `/track/${code}`);
  assert.match(await phone.textContent('main'), /Rất hài lòng/);
  const again = await phone.goto(rateUrl);
  assert.equal(again.status(), 409, 'rated already');
  await phoneCtx.close();
});

// Issue #16: a resident reads a draft on a 360 px phone, comments on one
// clause from the form under it, and later sees the answer there; between,
// the officer answers every comment from the synthesis and the chair signs
// it off, each page checked by axe.
test('a resident comments on one clause of a draft on a phone and later reads the answer under it', async () => {
  const phoneCtx = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'vi-VN' });
  const phone = await phoneCtx.newPage();
  const id = srv.db.sql("SELECT id FROM consultations WHERE title LIKE 'Dự thảo Quy chế thực hiện dân chủ ở phường Kinh Bắc'");
  await phone.goto(srv.base + '/login');
  await phone.fill('#f-username', 'dan.kinhbac');
  await phone.fill('#f-password', PASSWORD);
  await phone.click('main button[type=submit]');
  await phone.waitForURL(srv.base + '/');
  await phone.goto(`${srv.base}/consultations/${id}`);
  await axeOn(phone, '50-consultation-360');
  // the form under clause 2 of article 3, opened with one tap
  const clause = phone.locator('#dieu-3-khoan-2');
  await clause.locator('summary').click();
  await clause.locator('textarea[name=body]').fill('Đề nghị công khai từng khoản đóng góp theo từng tổ dân phố.');
  await clause.locator('input[name=quote]').fill('các khoản đóng góp');
  await axeOn(phone, '51-comment-form-360');
  await clause.locator('.comment-form button[type=submit]').click();
  await phone.waitForURL(/done=commented#dieu-3-khoan-2$/);
  assert.match(await phone.textContent('main'), /Ý kiến đã được ghi nhận/);
  // the period ends; the officer answers every comment from the synthesis
  srv.db.sql(`UPDATE consultations SET opens_day = opens_day - 40, closes_day = closes_day - 40 WHERE id = ${id}`);
  await login('canbo.kinhbac');
  await page.goto(`${srv.base}/consultations/${id}/synthesis`);
  await axe('52-synthesis');
  const units = await page.locator('table a[href*="synthesis?anchor="]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of units) {
    await page.goto(srv.base + href);
    if (!(await page.locator('form[action$="/answers"]').count())) continue;
    await page.fill('#f-answer', href.endsWith('dieu-3-khoan-2') ? 'Tiếp thu: công khai theo từng tổ dân phố.' : 'Tiếp thu, đã sửa dự thảo.');
    await page.click('form[action$="/answers"] button[type=submit]');
    await page.waitForURL(/done=answered/);
  }
  await axe('53-synthesis-clause');
  await page.click('header button.link');
  // the chair signs off, with the reasons the kept clause calls for
  await login('chutich.kinhbac');
  await page.goto(`${srv.base}/consultations/${id}/synthesis`);
  await page.fill('#f-decision', 'Ban hành Quy chế theo dự thảo đã tiếp thu.');
  await page.fill('#f-majority_reasons', 'Mức đóng góp giữ nguyên vì đã được Hội nghị tổ dân phố thống nhất.');
  await page.click('form[action$="/signoff"] button[type=submit]');
  await page.getByText('Sau đó không thể sửa trả lời').waitFor();
  await axe('54-signoff-review');
  await page.click('form[action$="/signoff"] button[type=submit]');
  await page.waitForURL(/synthesis\?done=result_published/);
  await page.click('header button.link');
  // the resident, later: the answer under the clause
  await phone.goto(`${srv.base}/consultations/${id}#dieu-3-khoan-2`);
  const answered = await phone.locator('#dieu-3-khoan-2 .answer').first().textContent();
  assert.match(answered, /Tiếp thu: công khai theo từng tổ dân phố\./);
  await axeOn(phone, '55-answer-360');
  await phoneCtx.close();
});

test('a board member notifies an inspection and records it on a phone: a finding with a photo, the record, a recommendation; a resident follows a project', async () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const board = Number(srv.db.sql("SELECT b.id FROM boards b JOIN units u ON u.id = b.unit_id WHERE u.code = '07582' AND b.kind = 'inspection'"));
  const iso = (d) => new Date(Date.now() + 7 * 3600e3 + d * 86400e3).toISOString().slice(0, 10);
  await login('thanhtra.lucngan');
  await page.goto(`${srv.base}/boards/${board}`);
  await axeOn(page, '60-board-360');
  // too soon: refused with the rule, what was typed kept
  await page.fill('#f-subject', 'Việc thu, chi quỹ Phòng chống thiên tai năm nay');
  await page.fill('#f-inspection-content', 'Kiểm tra sổ sách thu, chi và chứng từ của quỹ');
  await page.fill('#f-start', iso(1));
  await page.fill('#f-end', iso(2));
  await page.click('form[action$="/inspections"] button[type=submit]');
  await page.waitForSelector('#problems');
  assert.match(await page.textContent('#problems'), /Thông báo muộn: ngày bắt đầu sớm nhất là/);
  assert.equal(await page.inputValue('#f-subject'), 'Việc thu, chi quỹ Phòng chống thiên tai năm nay');
  await axeOn(page, '61-inspection-refused-360');
  await page.fill('#f-start', iso(28));
  await page.fill('#f-end', iso(29));
  await page.click('form[action$="/inspections"] button[type=submit]');
  await page.waitForURL(/\/inspections\/\d+$/);
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  // the day comes (the notice and the visit moved four weeks back)
  srv.db.sql(`UPDATE inspections SET notified_day = notified_day - 28, start_day = start_day - 28, end_day = end_day - 28 WHERE id = ${id}`);
  await page.goto(`${srv.base}/inspections/${id}`);
  await page.fill('#f-finding', 'Khoản thu năm nay chưa được công khai tại nhà văn hóa thôn');
  await page.fill('#f-evidence', 'Ảnh bảng tin nhà văn hóa thôn Trung');
  await page.setInputFiles('#f-file', { name: 'bang-tin.png', mimeType: 'image/png', buffer: png });
  await page.click('form[action$="/findings"] button[type=submit]');
  await page.waitForURL(/#findings$/);
  assert.match(await page.textContent('#findings + ol'), /chưa được công khai tại nhà văn hóa/);
  await page.fill('#f-conclusion', 'Quỹ thu, chi đúng; việc công khai chưa đủ hình thức.');
  await page.click('form[action$="/record"] button[type=submit]');
  await page.waitForURL(new RegExp(`/inspections/${id}$`));
  assert.match(await page.textContent('main dl'), /chưa đủ hình thức/);
  await axeOn(page, '62-inspection-recorded-360');
  await page.fill('#f-title', 'Công khai khoản thu quỹ tại nhà văn hóa thôn');
  await page.fill('#f-body', 'Đề nghị Ủy ban nhân dân xã niêm yết khoản thu quỹ năm nay tại nhà văn hóa các thôn.');
  await page.click('form[action$="/recommendations"] button[type=submit]');
  await page.waitForURL(/\/track\/[A-Z]+-\d{4}-[0-9A-Z]{6}$/);
  assert.match(await page.textContent('main'), /Công khai khoản thu quỹ tại nhà văn hóa thôn/);
  await axeOn(page, '63-recommendation-360');
  await page.click('header button.link');
  await page.waitForURL(srv.base + '/');
  // a resident follows the road: the register, the project, its parts and history
  const anon = await browser.newContext({ viewport: { width: 360, height: 740 }, bypassCSP: true, locale: 'vi-VN' });
  const phone = await anon.newPage();
  await phone.goto(`${srv.base}/units/07582/projects`);
  await axeOn(phone, '64-projects-360');
  await phone.click('main a:has-text("Đường giao thông liên thôn")');
  await phone.waitForURL(/\/projects\/\d+$/);
  assert.equal(await phone.getAttribute('main p.lead progress', 'value'), '64', 'weighted 60/40 of 80 % and 40 %');
  assert.match(await phone.textContent('main p.lead'), /theo tỷ trọng các hạng mục/);
  assert.equal(await phone.locator('#parts + .scroll tbody tr').count(), 2);
  await axeOn(phone, '65-project-360');
  // from a part to its own page and back up
  await phone.click('#parts + .scroll tbody tr:first-child a');
  await phone.waitForURL(/\/projects\/\d+$/);
  assert.ok(await phone.locator('#history').count(), 'a part shows the history of its figure');
  await axeOn(phone, '66-project-part-360');
  await anon.close();
});
