// Issue #9, item 8: PostgreSQL outages and restarts, on a throwaway cluster of
// this test's own (the shared one keeps serving the other tests): the first
// request after a restart is served (a lost connection is made again before
// use); during an outage people and API clients get 503 with Retry-After, not
// "please log in"; /readyz tells a writable primary from a standby while
// /healthz stays liveness; a crash of the database during a burst of ballots
// loses no acknowledged ballot. PostgreSQL only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, psql, BACKEND, freePort } from './lib.mjs';

const skip = BACKEND !== 'pg';
const PGBIN = '/usr/lib/postgresql/15/bin';
const root = skip ? null : mkdtempSync(join(tmpdir(), 'coso-pgo-'));
// ports from the kernel (a random one could be an ephemeral port another
// test's client holds at that moment)
let port, base;
const dir = root && join(root, 'pg');
let srv;

const asPg = (args) => {
  const cmd = process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', ...args]] : [args[0], args.slice(1)];
  return spawnSync(cmd[0], cmd[1], { encoding: 'utf8' });
};
const pgctl = (...args) => {
  const r = asPg([`${PGBIN}/pg_ctl`, '-D', `${dir}/data`, '-w', '-t', '60', ...args]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
};
const pgStart = () => pgctl('-l', `${dir}/server.log`, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`, 'start');

before(async () => {
  if (skip) return;
  port = await freePort();
  base = `postgresql://coso@127.0.0.1:${port}`;
  chmodSync(root, 0o755);
  execFileSync('tests/pg.sh', ['start', dir, String(port)]);
  // the demo database of the shared cluster, copied into this one
  const dump = join(root, 'demo.dump');
  execFileSync('pg_dump', ['-Fc', '-d', `${process.env.COSO_TEST_PG}/coso_template`, '-f', dump]);
  psql(`${base}/postgres`, 'CREATE DATABASE coso');
  execFileSync('pg_restore', ['--no-owner', '-d', `${base}/coso`, dump]);
  srv = await startServer({}, { db: { url: `${base}/coso`, sql: (q) => psql(`${base}/coso`, q), drop: () => {} } });
});
after(async () => {
  if (skip) return;
  if (srv) await srv.stop();
  spawnSync('tests/pg.sh', ['stop', dir]);
  rmSync(root, { recursive: true, force: true });
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('after the database restarts, the first request on every thread is served', { skip }, async () => {
  const c = new Client(srv.base);
  await c.login('canbo.kinhbac');
  assert.equal((await c.get('/units/09187')).status, 200);
  pgctl('-m', 'fast', 'stop');
  pgStart();
  // more requests than threads (4): each thread meets its dead connection once
  for (let i = 0; i < 12; i++) {
    assert.equal((await fetch(`${srv.base}/healthz`)).status, 200, `healthz ${i}`);
    const r = await c.get('/units/09187');
    assert.equal(r.status, 200, `signed-in page ${i}`);
    assert.match(r.text_, /canbo\.kinhbac|Đăng xuất/);
    assert.equal((await fetch(`${srv.base}/api/v1/units/09187-01`)).status, 200, `read API ${i}`);
  }
  // a write right after a restart (the start of a transaction is retried)
  pgctl('-m', 'fast', 'stop');
  pgStart();
  const w = await c.post('/admin/units', { parent: '09187', code: '09187-91', kind: 'residential_group', name: 'Tổ dân phố số 91' }, { csrfFrom: '/admin' });
  assert.equal(w.status, 303, w.text_.slice(0, 300));
});

test('during an outage: 503 with Retry-After and a Vietnamese page, never "please log in"; back when it returns', { skip }, async () => {
  const c = new Client(srv.base);
  await c.login('canbo.kinhbac');
  const token = cli(['user', 'token', 'canbo.kinhbac', '--db', `${base}/coso`]).stdout.trim();
  assert.ok(token.length > 20);
  pgctl('-m', 'fast', 'stop');
  try {
    let r = await c.get('/units/09187');
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '5');
    assert.match(r.text_, /tạm thời không kết nối được/);
    assert.doesNotMatch(r.text_, /Vui lòng đăng nhập/);
    r = await fetch(`${srv.base}/api/v1/units/09187`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 503);
    assert.equal(r.headers.get('retry-after'), '5');
    assert.equal((await r.json()).error.code, 'busy');
    r = await c.post('/logout', {}, { csrfFrom: undefined });
    assert.equal(r.status, 503, 'a form post is not taken for a forged one');
    assert.equal((await fetch(`${srv.base}/healthz`)).status, 503);
    assert.equal((await fetch(`${srv.base}/readyz`)).status, 503);
    assert.equal((await fetch(`${srv.base}/units/09187`)).status, 503, 'anonymous too');
  } finally {
    pgStart();
  }
  assert.equal((await c.get('/units/09187')).status, 200);
  const r = await fetch(`${srv.base}/api/v1/units/09187`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  assert.equal((await fetch(`${srv.base}/readyz`)).status, 200);
});

test('/readyz: 503 on a node pointed at a read-only standby, while /healthz stays 200', { skip }, async () => {
  const sdir = join(root, 'standby');
  const sport = await freePort();
  mkdirSync(sdir);
  if (process.getuid() === 0) execFileSync('chown', ['postgres:', sdir]);
  let r = asPg([`${PGBIN}/pg_basebackup`, '-h', '127.0.0.1', '-p', String(port), '-U', 'coso', '-D', `${sdir}/data`, '-R', '-X', 'stream']);
  assert.equal(r.status, 0, r.stderr);
  r = asPg([`${PGBIN}/pg_ctl`, '-D', `${sdir}/data`, '-l', `${sdir}/server.log`, '-w', '-t', '60', '-o',
    `-p ${sport} -k ${sdir} -c listen_addresses=127.0.0.1`, 'start']);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  let node;
  try {
    const url = `postgresql://coso@127.0.0.1:${sport}/coso`;
    node = await startServer({}, { db: { url, sql: (q) => psql(url, q), drop: () => {} } });
    assert.equal((await fetch(`${node.base}/healthz`)).status, 200, 'alive');
    const ready = await fetch(`${node.base}/readyz`);
    assert.equal(ready.status, 503);
    assert.match(await ready.text(), /read-only/);
    assert.equal((await fetch(`${srv.base}/readyz`)).status, 200, 'the primary is ready');
  } finally {
    if (node) await node.stop();
    asPg([`${PGBIN}/pg_ctl`, '-D', `${sdir}/data`, '-m', 'immediate', '-w', 'stop']);
  }
});

test('the database crashes during a burst of ballots: every acknowledged ballot is there after its restart', { skip }, async () => {
  const tokensFile = join(root, 'tokens');
  const seed = cli(['decisions', '--db', `${base}/coso`, 'bench-seed', '800', tokensFile]);
  assert.equal(seed.status, 0, seed.stderr);
  const matter = Number(seed.stdout.trim());
  const tokens = readFileSync(tokensFile, 'utf8').trim().split('\n');
  const acked = new Map();
  let next = 0, crashed = false, refused = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      try {
        const r = await fetch(`${srv.base}/api/v1/matters/${matter}/ballots`, {
          method: 'POST', body: '{"choice":"for"}',
          headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
        });
        if (r.status === 201) acked.set(i, (await r.json()).receipt);
        else {
          refused++;
          await r.text();
        }
      } catch {
        refused++;
      }
      if (crashed && acked.size > 0 && next < tokens.length) await sleep(5);
    }
  };
  const burst = Promise.all(Array.from({ length: 16 }, worker));
  while (acked.size < 100) await sleep(5);
  pgctl('-m', 'immediate', 'stop'); // no checkpoint, no goodbye: a crash
  crashed = true;
  await sleep(300);
  pgStart();
  await burst;
  assert.ok(refused > 0, 'some ballots were refused while the database was down');
  const opened = cli(['ballots', '--db', `${base}/coso`, 'receipts', String(matter), 'prepoll']);
  assert.equal(opened.status, 0, opened.stderr);
  const stored = new Set(opened.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]));
  for (const [, receipt] of acked) assert.ok(stored.has(receipt), `acknowledged ${receipt} is stored`);
  const turnout = Number(psql(`${base}/coso`, `SELECT COUNT(*) FROM matter_turnout WHERE matter_id = ${matter}`));
  assert.equal(turnout, stored.size, 'one ballot per household that took part');
  // the server went on after the restart: ballots sent after it were acknowledged
  assert.ok(acked.size > 100, `${acked.size} acknowledged in all`);
});
