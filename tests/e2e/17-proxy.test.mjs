// Issue #9, item 8: the nginx configuration of docs/deploy.md, run for real in
// front of `coso serve`: the block marked "tested" is extracted from the page,
// given this test's ports and temporary paths, and its keep-alive times scaled
// down (nginx 2 s, coso 3 s, as 60 s and 75 s in production: nginx closes an
// idle upstream connection first). Pages, a login and form posts after idle
// gaps go through it without a 502. The proxy does not depend on the database: SQLite only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, startProxy, Client, BACKEND } from './lib.mjs';

const skip = BACKEND !== 'sqlite';
let srv, proxy, proxyBase;

before(async () => {
  if (skip) return;
  srv = await startServer({ COSO_IDLE_TIMEOUT: '3', COSO_TRUST_PROXY: '1' }, { direct: true });
  proxy = await startProxy([new URL(srv.base).port], { keepalive: '2s' });
  assert.ok(proxy.conf.includes('keepalive_timeout 2s;'), 'the block was adapted: keepalive_timeout 2s;');
  proxyBase = proxy.base;
});
after(async () => {
  if (skip) return;
  if (proxy) await proxy.stop();
  if (srv) await srv.stop();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('through the documented nginx: pages, login, and posts after idle gaps longer than nginx keeps a connection', { skip }, async () => {
  const c = new Client(proxyBase);
  let r = await c.get('/units/09187');
  assert.equal(r.status, 200);
  assert.match(r.text_, /Kinh Bắc/);
  assert.equal((await fetch(`${proxyBase}/readyz`)).status, 200);
  r = await c.login('canbo.kinhbac');
  assert.equal(r.status, 303, r.text_.slice(0, 200));
  for (let i = 1; i <= 3; i++) {
    await sleep(2500); // nginx has closed its idle connection to coso (2 s); coso would at 3 s
    r = await c.post('/admin/units', { parent: '09187', code: `09187-8${i}`, kind: 'residential_group', name: `Tổ dân phố số 8${i}` },
      { csrfFrom: '/admin' });
    assert.equal(r.status, 303, `post ${i} after an idle gap: ${r.status} ${r.text_.slice(0, 200)}`);
  }
  // no request was cut: neither coso nor nginx saw a failed upstream
  assert.doesNotMatch(srv.stderr(), /"status":502/);
  const log = proxy.errors();
  assert.doesNotMatch(log, /upstream prematurely closed|Connection reset by peer/, log);
});
