// Issue #18: one ledger signer at a time, elected through the database (a
// lease taken and renewed in the transaction that signs), and the private key
// only on the hosts that may sign: a node given the service key instead seals
// ballots and serves proofs, and never signs. Three nodes on one database:
// A and B hold the ledger key, C only the service key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { startServer, freshDb, cli, Client } from './lib.mjs';

const dir = mkdtempSync(join(tmpdir(), 'coso-signer-'));
const svc = join(dir, 'service.key');
let db, a, b, c;

const metric = async (srv, name) => {
  const t = await (await fetch(`${srv.base}/metrics`)).text();
  const m = t.match(new RegExp(`^${name} (\\d+)$`, 'm'));
  return m ? Number(m[1]) : null;
};
const until = async (what, fn, ms = 20000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) {
    const v = await fn();
    if (v) return v;
  }
  throw new Error(`timed out: ${what}`);
};

before(async () => {
  db = freshDb();
  const r = cli(['ledger', 'service-key', '--out', svc]);
  assert.equal(r.status, 0, r.stderr);
  a = await startServer({ COSO_NODE_NAME: 'node-a', COSO_LEDGER_CHECKPOINT: join(dir, 'a.cp') }, { db });
  b = await startServer({ COSO_NODE_NAME: 'node-b', COSO_LEDGER_CHECKPOINT: join(dir, 'b.cp') }, { db });
  c = await startServer({ COSO_NODE_NAME: 'node-c', COSO_LEDGER_KEY: join(dir, 'absent.key'), COSO_SERVICE_KEY: svc }, { db });
});
after(async () => {
  for (const s of [a, b, c]) if (s) await s.stop().catch(() => {});
  db.drop();
});

test('the service key: 0600, derived one way from the ledger key, names no private key', () => {
  assert.equal(statSync(svc).mode & 0o777, 0o600);
  const text = readFileSync(svc, 'utf8');
  assert.match(text, /^coso-service-key v1\nverifier coso\.local\/ledger\+[0-9a-f]{8}\+\S+\nballot [0-9a-f]{64}\nnotify [0-9a-f]{64}\n$/);
  const key = readFileSync(process.env.COSO_LEDGER_KEY, 'utf8').trim().split('+').pop();
  const seed = Buffer.from(key, 'base64').subarray(1).toString('hex');
  assert.ok(!text.includes(seed), 'not the seed');
  const bad = cli(['serve', '--db', db.url, '--listen', '127.0.0.1:1'], { env: { ...process.env, COSO_LEDGER_KEY: join(dir, 'absent.key'), COSO_SERVICE_KEY: join(dir, 'nothing') } });
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /cannot read the service key/);
});

test('exactly one node signs; the node without the key never does; a checkpoint by hand is refused meanwhile', async () => {
  const signers = await until('a signer elected', async () => {
    const s = [await metric(a, 'coso_ledger_signer'), await metric(b, 'coso_ledger_signer')];
    return s[0] + s[1] === 1 ? s : null;
  });
  assert.equal(await metric(c, 'coso_ledger_signer'), 0);
  assert.equal(await metric(c, 'coso_ledger_key_present'), 0);
  assert.equal(await metric(a, 'coso_ledger_key_present'), 1);
  const holder = db.sql('SELECT holder FROM ledger_signer');
  assert.equal(holder, signers[0] ? 'node-a' : 'node-b');
  // a few rounds later the same node still holds it (renewed, not taken over)
  await new Promise((r) => setTimeout(r, 4500));
  assert.equal(db.sql('SELECT holder FROM ledger_signer'), holder);
  assert.equal(await metric(signers[0] ? b : a, 'coso_ledger_signer'), 0);
  const r = cli(['ledger', '--db', db.url, 'checkpoint']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /a running node holds the signer's lease/);
  // every node serves the same checkpoint and key; C's key line is the signer's
  const key = await (await fetch(`${a.base}/ledger/key`)).text();
  assert.equal(await (await fetch(`${c.base}/ledger/key`)).text(), key);
});

test('a ballot sealed on the node without the key is found on the others; its act is signed by the one signer', async () => {
  const dan = new Client(c.base);
  await dan.login('dan.kinhbac');
  const lamp = Number(db.sql("SELECT id FROM matters WHERE title = 'Lắp đèn chiếu sáng các ngõ xóm tổ dân phố số 1'"));
  const size0 = Number(db.sql('SELECT COALESCE(MAX(size), 0) FROM ledger_checkpoints'));
  const r = await dan.req('POST', `/api/v1/matters/${lamp}/ballots`, {
    body: JSON.stringify({ choice: 'for' }),
    headers: { 'content-type': 'application/json', 'x-csrf-token': await dan.csrf('/me'), 'idempotency-key': randomUUID() },
  });
  assert.equal(r.status, 201, r.text_);
  const receipt = JSON.parse(r.text_).receipt;
  for (const s of [a, b, c]) {
    const p = await (await fetch(`${s.base}/matters/${lamp}?receipt=${receipt}`)).text();
    assert.ok(p.includes(`Có trong hòm phiếu:</strong> <code>${receipt}</code>`), `found on ${s.base}`);
  }
  // a public act (an outreach activity) through C: signed into a checkpoint by the signer
  const off = new Client(c.base);
  await off.login('canbo.kinhbac');
  const today = new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);
  const o = await off.post('/units/09187/outreach', { kind: 'poster', title: 'Áp phích về dân chủ ở cơ sở', held_on: today, reach: '40' }, { csrfFrom: '/units/09187/outreach' });
  assert.equal(o.status, 303, o.text_);
  await until('a checkpoint over the new act', async () => Number(db.sql('SELECT COALESCE(MAX(size), 0) FROM ledger_checkpoints')) > size0);
  const v = cli(['ledger', '--db', db.url, 'verify']);
  assert.equal(v.status, 0, v.stdout);
});

test('the signer stops: the other key holder takes over within the lease; the keyless node still never signs', async () => {
  const holder = db.sql('SELECT holder FROM ledger_signer');
  const [gone, stays] = holder === 'node-a' ? [a, b] : [b, a];
  await gone.kill9(); // no goodbye: the lease runs out (10 s), then the other takes it
  await until('the other node signs', async () => (await metric(stays, 'coso_ledger_signer')) === 1, 30000);
  assert.equal(db.sql('SELECT holder FROM ledger_signer'), holder === 'node-a' ? 'node-b' : 'node-a');
  assert.equal(await metric(c, 'coso_ledger_signer'), 0);
  if (gone === a) a = null;
  else b = null;
  // a clean stop lets the lease go at once
  await stays.stop();
  if (stays === a) a = null;
  else b = null;
  assert.equal(db.sql('SELECT expires_at FROM ledger_signer'), '0');
});
