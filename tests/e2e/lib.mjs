// Shared helpers for the end-to-end tests: start the real `coso serve` on a
// free loopback port with a fresh database (a copy of the demo template made
// by tests/run-all.sh), talk HTTP with a cookie jar, check HTML with tidy.
//
// Environment (set by tests/run-all.sh):
//   COSO_BIN            the binary under test
//   COSO_TEST_BACKEND   sqlite | pg
//   COSO_TEST_TEMPLATE  sqlite: path of the demo template file
//   COSO_TEST_PG        pg: base URL of the throwaway cluster (postgresql://coso@127.0.0.1:PORT,
//                       or every member of a Patroni cluster: postgresql://coso@H1:P1,H2:P2,H3:P3)
//   COSO_TEST_PG_PARAMS pg: appended to every database URL (?target_session_attrs=read-write)
//   COSO_TEST_PROXY     1: every server is reached through nginx, configured as
//                       docs/deploy.md shows (tests/ha/run.sh, issue #18)
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, writeFileSync, rmSync, readFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import assert from 'node:assert/strict';

export const BIN = process.env.COSO_BIN || 'build/coso';
export const BACKEND = process.env.COSO_TEST_BACKEND || 'sqlite';
export const PASSWORD = 'coso-demo-2025';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

let dbCounter = 0;

// A fresh database: a copy of the demo template. Returns its URL and a cleanup.
export function freshDb() {
  if (BACKEND === 'pg') {
    const name = `t_${process.pid}_${++dbCounter}`;
    const base = process.env.COSO_TEST_PG, params = process.env.COSO_TEST_PG_PARAMS || '';
    psql(`${base}/postgres${params}`, `CREATE DATABASE ${name} TEMPLATE coso_template`);
    // a cluster's standbys replay the new database a moment later, and libpq
    // does not try the next member when one says it has no such database
    const hosts = base.slice(base.indexOf('@') + 1).split(',');
    if (hosts.length > 1) {
      for (const h of hosts)
        for (let i = 0; ; i++) {
          const r = spawnSync('psql', ['-X', '-q', '-d', `postgresql://coso@${h}/${name}?connect_timeout=2`, '-c', 'SELECT 1'], { encoding: 'utf8' });
          if (r.status === 0) break;
          if (i > 300) throw new Error(`${h} never had ${name}: ${r.stderr}`);
          execFileSync('sleep', ['0.1']);
        }
    }
    return {
      url: `${base}/${name}${params}`,
      sql: (q) => psql(`${base}/${name}${params}`, q),
      drop: () => psql(`${base}/postgres${params}`, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'coso-e2e-'));
  const file = join(dir, 'test.db');
  copyFileSync(process.env.COSO_TEST_TEMPLATE, file);
  return {
    url: file,
    sql: (q) => execFileSync('sqlite3', ['-batch', '-noheader', '-cmd', '.timeout 10000', file, q], { encoding: 'utf8' }).trim(),
    drop: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function psql(url, q) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', q], {
    encoding: 'utf8',
  }).trim();
}

// Runs the binary with arguments; returns {status, stdout, stderr}.
export function cli(args, opts = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', ...opts });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Starts a server on a fresh database (or on opts.db, kept). Call stop() when
// done; kill9() ends it the hard way, leaving the database for a restart.
export async function startServer(extraEnv = {}, opts = {}) {
  const db = opts.db || freshDb();
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`, '--threads', '4'], {
    // the delivery worker only where a test asks for it (its gateways, its clock)
    env: { ...process.env, COSO_LOG_LEVEL: 'warn', COSO_NOTIFY_WORKER: '0', ...extraEnv },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const direct = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${direct}/healthz`);
      if (r.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (i > 200 || proc.exitCode !== null) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const proxy = process.env.COSO_TEST_PROXY === '1' && !opts.direct ? await startProxy([port]) : null;
  return {
    base: proxy ? proxy.base : direct,
    direct,
    db,
    stderr: () => stderr,
    async kill9() {
      proc.kill('SIGKILL');
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode ? r() : proc.on('exit', r)));
      if (proxy) await proxy.stop();
    },
    async stop() {
      if (proxy) await proxy.stop();
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r() : proc.on('exit', r)));
      if (!opts.db) db.drop();
      // a sanitizer build reports leaks and errors on exit
      assert.doesNotMatch(stderr, /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/, stderr);
    },
  };
}

// nginx in front of coso nodes, configured by the block of docs/deploy.md
// marked "tested: <marker>" (one node: the single-node block; several: the
// block for several nodes), given these ports and temporary paths; keepalive
// shortens nginx's keep-alive to the nodes as a test needs (17-proxy).
export async function startProxy(upstreams, { marker, keepalive } = {}) {
  marker ||= upstreams.length > 1 ? 'tests/ha/failover.test.mjs' : 'tests/e2e/17-proxy.test.mjs';
  const doc = readFileSync(new URL('../../docs/deploy.md', import.meta.url), 'utf8');
  const m = doc.match(new RegExp(`<!-- tested: ${marker.replaceAll('.', '\\.')} -->\n\`\`\`nginx\n([\\s\\S]*?)\`\`\``));
  assert.ok(m, `docs/deploy.md has the nginx block tested by ${marker}`);
  const dir = mkdtempSync(join(tmpdir(), 'coso-nginx-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  // the documented upstream servers (one a line), replaced by these nodes
  const servers = m[1].match(/^ *server \S+:\d+[^;]*;.*$/gm);
  assert.ok(servers && servers.length === upstreams.length, `the block names ${upstreams.length} upstream server(s)`);
  let conf = m[1];
  servers.forEach((line, i) => (conf = conf.replace(line, line.replace(/server \S+:\d+/, `server 127.0.0.1:${upstreams[i]}`))));
  // a test's nginx listens on a port of its own, not 80: coso builds its links
  // (feeds, QR codes) from the Host it is given, so it gets the port too
  conf = conf.replace('listen 80;', `listen 127.0.0.1:${port};`).replace('worker_processes auto;', 'worker_processes 1;')
    .replace('proxy_set_header Host $host;', 'proxy_set_header Host $http_host;');
  if (keepalive) conf = conf.replace('keepalive_timeout 60s;', `keepalive_timeout ${keepalive};`);
  assert.ok(conf.includes(`listen 127.0.0.1:${port};`), 'the block was adapted');
  conf = `pid ${dir}/nginx.pid;\nerror_log ${dir}/error.log warn;\n` + conf.replace('http {', `http {
    client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi;
    uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;`);
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  nginx.stderr.on('data', (d) => (err += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break;
    } catch { /* starting */ }
    if (i > 100 || nginx.exitCode !== null) throw new Error(`nginx did not start: ${err} ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    conf,
    errors: () => readFileSync(join(dir, 'error.log'), 'utf8'),
    async stop() {
      if (nginx.exitCode === null) {
        nginx.kill('SIGTERM');
        await new Promise((r) => (nginx.exitCode !== null ? r() : nginx.on('exit', r)));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// A browser-like client: cookie jar, no automatic redirects.
export class Client {
  constructor(base) {
    this.base = base;
    this.jar = new Map();
  }
  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i), v = pair.slice(i + 1);
      if (/Max-Age=0/i.test(c) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
  }
  async req(method, path, { body, headers = {} } = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = this.cookieHeader();
    const res = await fetch(this.base + path, { method, body, headers: h, redirect: 'manual' });
    this.store(res);
    res.text_ = await res.text();
    return res;
  }
  get(path, headers) {
    return this.req('GET', path, { headers });
  }
  // Fetches the CSRF token of the page's first form.
  async csrf(path = '/login') {
    const r = await this.get(path);
    const m = r.text_.match(/name="csrf" value="([^"]+)"/);
    assert.ok(m, `no CSRF field on ${path}`);
    return m[1];
  }
  async post(path, fields, { csrfFrom } = {}) {
    const form = new URLSearchParams(fields);
    if (csrfFrom !== undefined && !('csrf' in fields)) form.set('csrf', await this.csrf(csrfFrom));
    return this.req('POST', path, {
      body: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  async login(username, password = PASSWORD) {
    const r = await this.post('/login', { username, password }, { csrfFrom: '/login' });
    return r;
  }
}

// Checks an HTML page with tidy: errors and warnings fail.
export function tidy(html, label = 'page') {
  const dir = mkdtempSync(join(tmpdir(), 'coso-tidy-'));
  const f = join(dir, 'p.html');
  writeFileSync(f, html);
  const r = spawnSync('tidy', ['-q', '-e', '-utf8', '--gnu-emacs', 'yes', f], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, `tidy found problems in ${label}:\n${r.stderr}`);
}

// A residential group under a commune, for tests of village decisions: made by
// an officer of the commune, with its village head (`truong.<tag>`) and
// households H<i> imported from a CSV file, each with a representative who
// has an account (`ho<i>.<tag>`). add(from, to) imports more households the
// same way; clients are kept by household number in reps; hid(i) is the id of
// household H<i>.
export async function makeVillage(srv, { parent = '09187', code, tag, households = 3, officer = 'canbo.kinhbac', password = 'mat-khau-rat-dai', phone = '0912' }) {
  const off = new Client(srv.base);
  await off.login(officer);
  const r = await off.post('/admin/units', { parent, code, kind: 'residential_group', name: `Tổ dân phố ${tag}` }, { csrfFrom: '/admin' });
  assert.equal(r.status, 303, r.text_);
  const dir = mkdtempSync(join(tmpdir(), 'coso-village-'));
  const v = { code, reps: {}, head: new Client(srv.base) };
  const user = (name, full, role) => {
    const u = cli(['user', 'add', name, '--db', srv.db.url, '--name', full, '--role', role, '--unit', code], { input: password + '\n' });
    assert.equal(u.status, 0, u.stderr);
  };
  v.hid = (i) => srv.db.sql(`SELECT h.id FROM households h JOIN units u ON u.id = h.village_id WHERE u.code = '${code}' AND h.code = 'H${i}'`);
  v.add = async (from, to) => {
    const ids = Array.from({ length: to - from + 1 }, (_, k) => from + k);
    const csv = join(dir, `hh${from}.csv`);
    writeFileSync(csv, 'village_code,household_code,head,address,members,representative,phone\n' +
      ids.map((i) => `${code},H${i},Chủ hộ ${i},Số ${i} ngõ ${tag},3,,${phone}${String(i).padStart(10 - phone.length, '0')}`).join('\n') + '\n');
    const imp = cli(['import', '--db', srv.db.url, 'households', csv]);
    assert.equal(imp.status, 0, imp.stderr);
    for (const i of ids) {
      user(`ho${i}.${tag}`, `Đại diện hộ ${i}`, 'resident');
      srv.db.sql(`UPDATE users SET resident_id = (SELECT r.id FROM residents r WHERE r.household_id = ${v.hid(i)}
        AND r.is_representative = 1) WHERE username = 'ho${i}.${tag}'`);
      const c = new Client(srv.base);
      await c.login(`ho${i}.${tag}`, password);
      v.reps[i] = c;
    }
  };
  await v.add(1, households);
  user(`truong.${tag}`, `Tổ trưởng ${tag}`, 'village_head');
  await v.head.login(`truong.${tag}`, password);
  return v;
}

// A JSON request of a signed-in client, with the CSRF token of its session.
export async function apiJson(c, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (c.jar.size) headers['x-csrf-token'] = await c.csrf('/me');
  const r = await c.req(method, path, { body: body === undefined ? undefined : JSON.stringify(body), headers });
  let parsed = null;
  try { parsed = r.text_ ? JSON.parse(r.text_) : null; } catch { parsed = r.text_; }
  return { status: r.status, body: parsed, headers: r.headers };
}

// One entry of a zip file (an XLSX), by its central directory; null if absent.
export function unzipEntry(zip, name) {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0, n = zip.readUInt16LE(eocd + 10); i < n; i++) {
    const method = zip.readUInt16LE(p + 10), csize = zip.readUInt32LE(p + 20);
    const nlen = zip.readUInt16LE(p + 28), xlen = zip.readUInt16LE(p + 30), clen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42), fname = zip.subarray(p + 46, p + 46 + nlen).toString();
    if (fname === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + csize);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nlen + xlen + clen;
  }
  return null;
}

// A zip file of the given entries ({name: text}), deflated, as Excel writes
// XLSX files: for tests that upload a spreadsheet.
export function zipFiles(files) {
  const table = new Int32Array(256).map((_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  const crc32 = (buf) => {
    let c = -1;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  };
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8'), packed = deflateRawSync(data), fname = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10); central.writeUInt32LE(crc, 16); central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(fname.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, fname, packed);
    centrals.push(central, fname);
    offset += 30 + fname.length + packed.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// An XLSX of one sheet from rows of text cells (shared strings, as Excel
// writes them; numbers as numbers).
export function xlsxOf(rows) {
  const strings = [], index = new Map();
  const si = (s) => {
    if (!index.has(s)) { index.set(s, strings.length); strings.push(s); }
    return index.get(s);
  };
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (k) => String.fromCharCode(65 + k);
  const body = rows.map((row, r) => row === null ? '' : `<row r="${r + 1}">${row.map((v, k) => (typeof v === 'number'
    ? `<c r="${col(k)}${r + 1}"><v>${v}</v></c>` : `<c r="${col(k)}${r + 1}" t="s"><v>${si(v)}</v></c>`)).join('')}</row>`).join('');
  return zipFiles({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`,
  });
}
