// The transparency ledger, checked by a verifier written here from the specs
// (RFC 6962 / RFC 9162 hashing and proofs, C2SP signed notes with Ed25519),
// sharing no code with the server. Tampering behind the server's back is
// caught by `coso ledger verify`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, Client, cli, tidy, BACKEND, freshDb } from './lib.mjs';

const sha256 = (...parts) => createHash('sha256').update(Buffer.concat(parts.map((p) => Buffer.from(p)))).digest();
const leafHash = (leaf) => sha256([0], leaf);
const nodeHash = (l, r) => sha256([1], l, r);

function mth(hashes) {
  if (hashes.length === 0) return sha256([]);
  if (hashes.length === 1) return hashes[0];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return nodeHash(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
}

// RFC 9162 2.1.3.2
function verifyInclusion(index, size, hash, proof, root) {
  if (index >= size) return false;
  let fn = BigInt(index), sn = BigInt(size - 1), r = hash;
  for (const p of proof) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

// RFC 9162 2.1.4.2
function verifyConsistency(m, n, rootM, rootN, proof) {
  if (m === n) return proof.length === 0 && rootM.equals(rootN);
  if (proof.length === 0) return false;
  const path = (m & (m - 1)) === 0 ? [rootM, ...proof] : proof;
  let fn = BigInt(m - 1), sn = BigInt(n - 1);
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && fr.equals(rootM) && sr.equals(rootN);
}

// C2SP signed-note verifier key: NAME+HEXID+BASE64(0x01 || key)
function parseKey(line) {
  const m = line.trim().match(/^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/);
  assert.ok(m, 'verifier key format');
  const raw = Buffer.from(m[3], 'base64');
  assert.equal(raw.length, 33);
  assert.equal(raw[0], 1, 'Ed25519 algorithm byte');
  const pub = raw.subarray(1);
  const id = sha256(m[1], '\n', [1], pub).subarray(0, 4);
  assert.equal(id.toString('hex'), m[2], 'key id = SHA-256(name || \\n || 0x01 || key)[:4]');
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]);
  return { name: m[1], id, key: createPublicKey({ key: der, format: 'der', type: 'spki' }) };
}

function verifyNote(note, k) {
  const cut = note.indexOf('\n\n');
  assert.ok(cut > 0, 'blank line before signatures');
  const body = note.slice(0, cut + 1);
  const [origin, size, root, extra] = body.split('\n');
  assert.equal(origin, k.name);
  assert.match(size, /^(0|[1-9][0-9]*)$/);
  assert.equal(extra, '');
  const sigs = note.slice(cut + 2).split('\n').filter(Boolean);
  const mine = sigs.find((l) => l.startsWith(`\u2014 ${k.name} `));
  assert.ok(mine, 'a signature line by the log');
  const sig = Buffer.from(mine.split(' ')[2], 'base64');
  assert.equal(sig.length, 68);
  assert.ok(sig.subarray(0, 4).equals(k.id), 'signature key id');
  assert.ok(edVerify(null, Buffer.from(body), k.key, sig.subarray(4)), 'Ed25519 signature');
  return { size: Number(size), root: Buffer.from(root, 'base64') };
}

function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object')
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  return JSON.stringify(v);
}

let srv;
// the last checkpoint the server signs is kept outside the database (beside a SQLite file
// by default; on PostgreSQL where COSO_LEDGER_CHECKPOINT says)
const keptAt = join(mkdtempSync(join(tmpdir(), 'coso-signed-')), 'checkpoint');
before(async () => (srv = await startServer({ COSO_LEDGER_CHECKPOINT: keptAt })));
after(async () => srv.stop());

const get = async (p) => {
  const r = await fetch(srv.base + p);
  return { status: r.status, type: r.headers.get('content-type'), buf: Buffer.from(await r.arrayBuffer()) };
};

async function waitForSize(k, min) {
  for (let i = 0; i < 100; i++) {
    const cp = verifyNote((await get('/ledger/checkpoint')).buf.toString(), k);
    if (cp.size >= min) return cp;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no new checkpoint');
}

test('checkpoint, key, every entry and proofs verify independently', async () => {
  const k = parseKey((await get('/ledger/key')).buf.toString());
  const cpr = await get('/ledger/checkpoint');
  assert.match(cpr.type, /^text\/plain/);
  const cp = verifyNote(cpr.buf.toString(), k);
  assert.ok(cp.size > 600, 'the demo records its public acts');
  const hashes = [];
  for (let i = 0; i < cp.size; i++) {
    const e = await get(`/ledger/entries/${i}`);
    assert.equal(e.status, 200);
    assert.equal(e.type, 'application/octet-stream');
    const leaf = JSON.parse(e.buf.toString('utf8'));
    assert.equal(leaf.v, 1);
    assert.ok(Number.isInteger(leaf.event) && leaf.kind && leaf.subject && leaf.at);
    // canonical: sorted keys at every level, no whitespace
    assert.equal(e.buf.toString('utf8'), canonical(leaf));
    hashes.push(leafHash(e.buf));
  }
  assert.ok(mth(hashes).equals(cp.root), 'root recomputed from every entry');
  for (const i of [0, 1, 2, 7, 100, 255, 256, 257, cp.size - 2, cp.size - 1]) {
    for (const size of [i + 1, Math.floor((i + cp.size) / 2) + 1, cp.size]) {
      const r = JSON.parse((await get(`/ledger/proof/inclusion?index=${i}&size=${size}`)).buf);
      assert.equal(r.index, i);
      assert.equal(r.size, size);
      const proof = r.proof.map((p) => Buffer.from(p, 'base64'));
      assert.ok(verifyInclusion(i, size, hashes[i], proof, mth(hashes.slice(0, size))), `inclusion ${i} in ${size}`);
    }
  }
  for (const [m, n] of [[1, cp.size], [7, 8], [100, cp.size], [256, cp.size], [cp.size - 1, cp.size], [cp.size, cp.size]]) {
    const r = JSON.parse((await get(`/ledger/proof/consistency?from=${m}&to=${n}`)).buf);
    const proof = r.proof.map((p) => Buffer.from(p, 'base64'));
    assert.ok(verifyConsistency(m, n, mth(hashes.slice(0, m)), mth(hashes.slice(0, n)), proof), `consistency ${m}..${n}`);
  }
});

test('a new public act is appended, checkpointed within seconds, consistent with the past', async () => {
  const k = parseKey((await get('/ledger/key')).buf.toString());
  const old = verifyNote((await get('/ledger/checkpoint')).buf.toString(), k);
  const chair = new Client(srv.base);
  await chair.login('chutich.lucngan');
  const r = await chair.post('/admin/units', { parent: '07582', code: '07582-30', kind: 'village', name: 'Thôn Mới' },
    { csrfFrom: '/units/07582' });
  assert.equal(r.status, 303);
  const cp = await waitForSize(k, old.size + 1);
  const leaf = (await get(`/ledger/entries/${old.size}`)).buf;
  const j = JSON.parse(leaf);
  assert.equal(j.kind, 'unit.create');
  assert.equal(j.unit, '07582-30');
  assert.equal(j.subject, 'unit:07582-30');
  const cons = JSON.parse((await get(`/ledger/proof/consistency?from=${old.size}&to=${cp.size}`)).buf);
  assert.ok(verifyConsistency(old.size, cp.size, old.root, cp.root, cons.proof.map((p) => Buffer.from(p, 'base64'))));
  const inc = JSON.parse((await get(`/ledger/proof/inclusion?index=${old.size}&size=${cp.size}`)).buf);
  assert.ok(verifyInclusion(old.size, cp.size, leafHash(leaf), inc.proof.map((p) => Buffer.from(p, 'base64')), cp.root));
  // the public page of the act shows its ledger index and links to it
  const page = await new Client(srv.base).get('/units/07582');
  assert.match(page.text_, new RegExp(`<a href="/ledger/${old.size}">Sổ minh bạch #${old.size}</a>`));
  const entry = await new Client(srv.base).get(`/ledger/${old.size}`);
  assert.equal(entry.status, 200);
  assert.match(entry.text_, /Thêm đơn vị/);
  assert.match(entry.text_, /href="\/units\/07582-30"/);
  assert.match(entry.text_, /<a class="button" href="\/units\/07582-30">Xem nội dung được ghi nhận<\/a>/);
  // titled by its unit and act, local time, what the proof means, the detail folded
  assert.match(entry.text_, /<h1>Thôn Mới: Thêm đơn vị<\/h1>/);
  assert.match(entry.text_, /Ghi vào sổ minh bạch lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\./);
  assert.match(entry.text_, /<details><summary>Thông tin kỹ thuật để kiểm tra<\/summary>/);
  // leaf 0 is the national list: its page is the home page
  assert.match((await new Client(srv.base).get('/ledger/0')).text_, /<a class="button" href="\/">Xem nội dung được ghi nhận<\/a>/);
  tidy(entry.text_, 'ledger entry');
  tidy((await new Client(srv.base).get('/ledger')).text_, 'ledger');
  // the CLI agrees, online and offline
  const dir = mkdtempSync(join(tmpdir(), 'coso-cp-'));
  let v = cli(['ledger', 'verify', '--url', srv.base, '--save', join(dir, 'cp')]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  v = cli(['ledger', 'verify', '--url', srv.base, '--checkpoint', join(dir, 'cp')]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /consistency: \d+ -> \d+ entries, ok/);
  v = cli(['ledger', 'verify', '--db', srv.db.url]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  // offline, against the checkpoint a verifier saved; and saved offline
  v = cli(['ledger', 'verify', '--db', srv.db.url, '--checkpoint', join(dir, 'cp'), '--save', join(dir, 'cp2')]);
  assert.equal(v.status, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /consistency with the saved checkpoint: \d+ -> \d+ entries, ok/);
  assert.match(readFileSync(join(dir, 'cp2'), 'utf8'), /^coso\.local\/ledger\+[0-9a-f]{8}\+/);
  // a saved checkpoint altered, or from another log: refused
  const kept = readFileSync(join(dir, 'cp'), 'utf8');
  writeFileSync(join(dir, 'bad'), kept.replace(/\n(\S+)\n(\d+)\n/, (m, origin, size) => `\n${origin}\n${Number(size) + 1}\n`));
  v = cli(['ledger', 'verify', '--db', srv.db.url, '--checkpoint', join(dir, 'bad')]);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /FAIL: the saved checkpoint does not verify/);
  writeFileSync(join(dir, 'other'), kept.replace(/^[^\n]+/, 'coso.local/ledger+00000000+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
  v = cli(['ledger', 'verify', '--db', srv.db.url, '--checkpoint', join(dir, 'other')]);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /signed by another key/);
});

test('bad proof requests are refused with JSON errors', async () => {
  for (const q of ['inclusion?index=5', 'inclusion?index=x&size=3', 'inclusion?index=3&size=3', 'inclusion?index=0&size=99999999',
                   'consistency?from=5&to=2', 'consistency?from=1&to=99999999', 'consistency?from=-1&to=2']) {
    const r = await get('/ledger/proof/' + q);
    assert.equal(r.status, 400, q);
    assert.ok(JSON.parse(r.buf).error.code);
  }
  assert.equal((await get('/ledger/entries/99999999')).status, 404);
  assert.equal((await get('/ledger/99999999')).status, 404);
});

test('tampering behind the server\'s back is detected, with the first index that differs', async () => {
  const sql = srv.db.sql;
  const unprotect = BACKEND === 'pg'
    ? 'ALTER TABLE events DISABLE TRIGGER ALL; ALTER TABLE ledger_leaves DISABLE TRIGGER ALL; ALTER TABLE ledger_nodes DISABLE TRIGGER ALL;'
    : 'DROP TRIGGER events_no_update; DROP TRIGGER ledger_leaves_no_update; DROP TRIGGER ledger_nodes_no_update;';
  // a verifier's saved checkpoint, before anything is touched
  const dir = mkdtempSync(join(tmpdir(), 'coso-cp-'));
  assert.equal(cli(['ledger', 'verify', '--url', srv.base, '--save', join(dir, 'cp')]).status, 0);
  sql(unprotect);
  // an event rewritten after it was recorded
  const ev = sql('SELECT event_id FROM ledger_leaves WHERE idx = 123');
  sql(`UPDATE events SET subject = 'unit:FORGED' WHERE id = ${ev}`);
  let v = cli(['ledger', 'verify', '--db', srv.db.url]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, /first index that differs is 123\b/);
  // a stored leaf rewritten as well: now the server serves it, and its proof fails
  sql(`UPDATE ledger_leaves SET leaf = replace(leaf, 'unit:', 'unit:X') WHERE idx = 45`);
  v = cli(['ledger', 'verify', '--db', srv.db.url]);
  assert.match(v.stdout, /first index that differs is 45\b/, v.stdout);
  // the edit bypassed the server, so its 1-second micro-cache may still hold
  // the old bytes: past that, the server serves what is stored
  await new Promise((res) => setTimeout(res, 1100));
  v = cli(['ledger', 'verify', '--url', srv.base]);
  assert.equal(v.status, 1, v.stdout);
  assert.match(v.stdout, /FAIL: entry 45 is not included/);
  // a tree node changed
  // (a hash that already starts with 00 gets ff: the change is always a change)
  sql("UPDATE ledger_nodes SET hash = CASE WHEN substr(hash, 1, 2) = '00' THEN 'ff' ELSE '00' END || substr(hash, 3) WHERE level = 3 AND idx = 2");
  v = cli(['ledger', 'verify', '--db', srv.db.url]);
  assert.match(v.stdout, /first index that differs is 16\b/);
  assert.match(v.stdout, /index 16: tree node at level 3 differs/);
  // the last entries gone (a failover to a replica that had fallen behind): the log is
  // smaller than the checkpoint a verifier saved, which no longer holds
  sql(BACKEND === 'pg' ? 'SELECT 1' : 'DROP TRIGGER ledger_leaves_no_delete');
  sql('DELETE FROM ledger_leaves WHERE idx >= (SELECT MAX(idx) - 2 FROM ledger_leaves)');
  v = cli(['ledger', 'verify', '--db', srv.db.url, '--checkpoint', join(dir, 'cp')]);
  assert.equal(v.status, 1);
  assert.match(v.stdout, /FAIL: the log has \d+ entries, fewer than the \d+ of the checkpoint saved \(rolled back or forked\)/, v.stdout);
  // the running signer notices too: it stops signing and says so (readiness, metrics, log)
  assert.ok(readFileSync(keptAt, 'utf8').startsWith('coso.local/ledger+'), 'the signer kept its last checkpoint');
  let ready;
  for (let i = 0; i < 60; i++) {
    ready = await new Client(srv.base).get('/readyz');
    if (ready.status === 503) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.equal(ready.status, 503);
  assert.match(ready.text_, /ledger signing stopped/);
  assert.match((await new Client(srv.base).get('/metrics')).text_, /^coso_ledger_signing_halted 1$/m);
  assert.match(srv.stderr(), /signing stopped, the log does not extend the checkpoint this node signed last/);
});

test('verify reports a public act without a ledger entry, and a checkpoint row that differs from its signed note', async () => {
  const db = freshDb(); // the demo, untouched: it verifies clean first
  try {
    let v = cli(['ledger', 'verify', '--db', db.url]);
    assert.equal(v.status, 0, v.stdout + v.stderr);
    // a public act recorded behind the ledger's back (the application never does this)
    db.sql(`INSERT INTO events(at, kind, subject, public, payload) VALUES (1767225600, 'unit.create', 'unit:SILENT', 1, '{}')`);
    const id = db.sql("SELECT id FROM events WHERE subject = 'unit:SILENT'");
    v = cli(['ledger', 'verify', '--db', db.url]);
    assert.equal(v.status, 1, v.stdout);
    assert.match(v.stdout, new RegExp(`FAIL: the first public act without a ledger entry is event ${id} \\(unit\\.create, unit:SILENT\\)`));
    assert.match(v.stdout, /TAMPERED: public acts are missing from the ledger/);
    // a checkpoint row whose root column was rewritten (its note still signed as before)
    db.sql(BACKEND === 'pg' ? 'ALTER TABLE ledger_checkpoints DISABLE TRIGGER ALL' : 'DROP TRIGGER ledger_checkpoints_no_update');
    const size = db.sql('SELECT MIN(size) FROM ledger_checkpoints WHERE size > 10');
    db.sql(`UPDATE ledger_checkpoints SET root = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=' WHERE size = ${size}`);
    v = cli(['ledger', 'verify', '--db', db.url]);
    assert.equal(v.status, 1);
    assert.match(v.stdout, new RegExp(`checkpoint ${size}: the stored root differs from its signed note`));
    assert.match(v.stdout, new RegExp(`first index that differs is ${size - 1}\\b`));
  } finally {
    db.drop();
  }
});
