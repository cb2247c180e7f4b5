// Issue #18: reads that scale out. A node started with the cluster's standbys
// as replicas (COSO_REPLICAS) answers anonymous public reads from them while
// they are at most COSO_REPLICA_MAX_LAG seconds behind, measured against the
// primary's WAL position; a standby further behind is not read from, and with
// none fresh enough the primary answers. Signed-in people, writes, and a
// visitor who has just written (the coso_fresh cookie) read from the primary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, freshDb, Client } from '../e2e/lib.mjs';
import { members, healthy, waitFor, postmasterPid } from './cluster.mjs';

const BASE = Number(process.env.HA_BASE), DIR = process.env.HA_DIR;
const BOUND = 10;
let db, srv, standbys, standbyIdx;

const metrics = async () => {
  const t = await (await fetch(`${srv.base}/metrics`)).text();
  const num = (re) => Number(t.match(re)?.[1]);
  return {
    replica: num(/^coso_db_replica_reads_total\{by="replica"\} (\d+)$/m),
    primary: num(/^coso_db_replica_reads_total\{by="primary"\} (\d+)$/m),
    stale: [...t.matchAll(/^coso_db_replica_staleness_seconds\{replica="\d+"\} (\S+)$/gm)].map((m) => Number(m[1])),
  };
};
const fresh = (m) => m.stale.every((s) => s >= 0 && s <= BOUND);
// A standby's replay stopped (its startup process, which replays the WAL; its
// WAL receiver still receives and acknowledges, so writes go on): it falls
// behind. (pg_wal_replay_pause() would not do: Patroni resumes it at once.)
const replay = (pause) => {
  for (const i of standbyIdx) {
    const pid = execFileSync('pgrep', ['-P', String(postmasterPid(DIR, i)), '-f', 'startup'], { encoding: 'utf8' }).trim();
    process.kill(Number(pid), pause ? 'SIGSTOP' : 'SIGCONT');
  }
};

before(async () => {
  await waitFor('a healthy cluster', () => healthy(BASE, 3), 120000);
  db = freshDb();
  const name = new URL(db.url.replace(/^postgresql:\/\/[^/]*/, 'http://x')).pathname.slice(1);
  const sb = (await members(BASE)).filter((m) => m.role !== 'leader');
  standbys = sb.map((m) => m.port);
  standbyIdx = sb.map((m) => Number(m.name.slice(2)) - 1);
  assert.equal(standbys.length, 2);
  srv = await startServer({
    COSO_REPLICAS: standbys.map((p) => `postgresql://coso@127.0.0.1:${p}/${name}`).join(' '),
    COSO_REPLICA_MAX_LAG: String(BOUND),
    COSO_CACHE: '0', // every read reaches the database
  }, { db, direct: true });
  await waitFor('both standbys measured fresh', async () => fresh(await metrics()), 30000);
});
after(async () => {
  try {
    replay(false);
  } catch { /* gone */ }
  if (srv) await srv.stop();
  db?.drop();
});

test('anonymous public reads go to the standbys; signed-in reads to the primary', async () => {
  const m0 = await metrics();
  for (let i = 0; i < 20; i++) assert.equal((await fetch(`${srv.base}/api/v1/units/09187`)).status, 200);
  const page = await fetch(`${srv.base}/units/09187`);
  assert.equal(page.status, 200);
  const m1 = await metrics();
  assert.equal(m1.replica - m0.replica, 21, 'answered by the standbys');
  assert.equal(m1.primary - m0.primary, 0);
  const officer = new Client(srv.base);
  await officer.login('canbo.kinhbac');
  for (let i = 0; i < 5; i++) assert.equal((await officer.get('/api/v1/units/09187')).status, 200);
  const m2 = await metrics();
  assert.equal(m2.replica, m1.replica, 'a signed-in person reads from the primary');
});

test('one who has just written reads it back; others may read a standby within the bound, and beyond it the primary answers', async () => {
  replay(true); // the standbys stop replaying: from now on they fall behind
  const visitor = new Client(srv.base);
  const csrf = await visitor.csrf('/units/07582/feedback');
  const r = await visitor.req('POST', '/api/v1/cases', {
    body: JSON.stringify({ unit: '07582', kind: 'petition', category: 'khac', description: 'Đèn đường ngõ 3 bị hỏng nhiều ngày', anonymous: true }),
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
  });
  assert.equal(r.status, 201, r.text_);
  assert.match(r.headers.get('set-cookie') || '', /coso_fresh=1; Path=\/; Max-Age=12/);
  const code = JSON.parse(r.text_).code;
  // the visitor who filed it reads it at once (from the primary)
  assert.equal((await visitor.get(`/track/${code}`)).status, 200);
  // anyone else: a standby that has not replayed it, within the stated bound
  const m0 = await metrics();
  if (fresh(m0)) {
    const other = await fetch(`${srv.base}/track/${code}`);
    const m1 = await metrics();
    if (m1.replica === m0.replica + 1) assert.equal(other.status, 404, 'the standby is behind, within the bound');
  }
  // beyond the bound the standbys are set aside: the primary answers, with the case
  await waitFor('the standbys counted as too far behind', async () => (await metrics()).stale.every((s) => s < 0 || s > BOUND), 40000);
  const m2 = await metrics();
  assert.equal((await fetch(`${srv.base}/track/${code}`)).status, 200);
  const m3 = await metrics();
  assert.equal(m3.primary - m2.primary, 1, 'the primary answered');
  assert.equal(m3.replica, m2.replica);
  // replaying again, they catch up and answer again
  replay(false);
  await waitFor('fresh again', async () => fresh(await metrics()), 30000);
  const m4 = await metrics();
  assert.equal((await fetch(`${srv.base}/track/${code}`)).status, 200);
  assert.equal((await metrics()).replica - m4.replica, 1);
});
