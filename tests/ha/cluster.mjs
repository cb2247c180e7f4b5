// A three-member PostgreSQL 15 cluster under Patroni with etcd, on this
// machine's loopback (issue #18): etcd on BASE (peer BASE+1), member i's
// PostgreSQL on BASE+10+i and its Patroni REST API on BASE+20+i, every member
// configured from tests/ha/patroni.yml (strict synchronous mode). As root,
// Patroni and PostgreSQL run as the 'postgres' system user.
//
//   node tests/ha/cluster.mjs start DIR BASE   prints the multi-host URL
//   node tests/ha/cluster.mjs stop DIR
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync, openSync, chmodSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = process.getuid() === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const ports = (base) => ({
  etcd: base,
  peer: base + 1,
  pg: [1, 2, 3].map((i) => base + 10 + i),
  rest: [1, 2, 3].map((i) => base + 20 + i),
});

// The URL coso connects with: every member, the one that takes writes chosen by libpq.
export const clusterUrl = (base, db = 'postgres') =>
  `postgresql://coso@${ports(base).pg.map((p) => `127.0.0.1:${p}`).join(',')}/${db}?target_session_attrs=read-write&connect_timeout=2`;

function detached(cmd, args, log, env = {}) {
  const out = openSync(log, 'a');
  const p = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  p.unref();
  return p.pid;
}

function asPostgres(cmd, args) {
  return root ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]] : [cmd, args];
}

export async function rest(base, i, path) {
  try {
    const r = await fetch(`http://127.0.0.1:${ports(base).rest[i]}${path}`, { signal: AbortSignal.timeout(2000) });
    return { status: r.status, body: await r.json().catch(() => null) };
  } catch {
    return { status: 0, body: null };
  }
}

// The members as Patroni sees them (asked of any member that answers).
export async function members(base) {
  for (let i = 0; i < 3; i++) {
    const r = await rest(base, i, '/cluster');
    if (r.body?.members) return r.body.members;
  }
  return [];
}

export async function waitFor(what, fn, ms = 90000) {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(250)) {
    const v = await fn();
    if (v) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

// A leader and a synchronous standby, every live member running or streaming.
export async function healthy(base, want = 3) {
  const m = await members(base);
  const live = m.filter((x) => ['running', 'streaming'].includes(x.state));
  return live.length >= want && m.some((x) => x.role === 'leader' && x.state === 'running') &&
    m.some((x) => x.role === 'sync_standby' && ['running', 'streaming'].includes(x.state)) ? m : null;
}

export function startMember(dir, base, i) {
  const d = join(dir, `pg${i + 1}`);
  const p = ports(base);
  let conf = readFileSync(new URL('./patroni.yml', import.meta.url), 'utf8')
    .replaceAll('@NAME@', `pg${i + 1}`).replaceAll('@DIR@', d).replaceAll('@REST@', String(p.rest[i]))
    .replaceAll('@PG@', String(p.pg[i])).replaceAll('@ETCD@', `127.0.0.1:${p.etcd}`);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, 'patroni.yml'), conf);
  if (root) execFileSync('chown', ['-R', 'postgres:', d]);
  const [cmd, args] = asPostgres('patroni', [join(d, 'patroni.yml')]);
  const pid = detached(cmd, args, join(d, 'patroni.log'), { HOME: d });
  writeFileSync(join(d, 'patroni.pid'), String(pid));
  return pid;
}

export async function startCluster(dir, base) {
  dir = resolve(dir);
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o755);
  const p = ports(base);
  const epid = detached('etcd', ['--name', 'e1', '--data-dir', join(dir, 'etcd'),
    '--listen-client-urls', `http://127.0.0.1:${p.etcd}`, '--advertise-client-urls', `http://127.0.0.1:${p.etcd}`,
    '--listen-peer-urls', `http://127.0.0.1:${p.peer}`, '--initial-advertise-peer-urls', `http://127.0.0.1:${p.peer}`,
    '--initial-cluster', `e1=http://127.0.0.1:${p.peer}`, '--logger', 'zap', '--log-outputs', 'stderr'], join(dir, 'etcd.log'));
  writeFileSync(join(dir, 'etcd.pid'), String(epid));
  await waitFor('etcd', async () => {
    try {
      return (await fetch(`http://127.0.0.1:${p.etcd}/health`)).status === 200;
    } catch {
      return false;
    }
  }, 30000);
  // the first member bootstraps; the others clone it once it leads
  startMember(dir, base, 0);
  await waitFor('the first member to lead', async () => (await rest(base, 0, '/leader')).status === 200, 60000);
  startMember(dir, base, 1);
  startMember(dir, base, 2);
  await waitFor('a leader, a synchronous standby and three members', () => healthy(base), 120000);
  return clusterUrl(base);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const pidOf = (file) => (existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0);

// A member lost as a machine is lost: Patroni and PostgreSQL killed at once,
// no goodbye to anyone.
export function killMember(dir, i) {
  const d = join(resolve(dir), `pg${i + 1}`);
  const pp = pidOf(join(d, 'patroni.pid'));
  const pm = pidOf(join(d, 'data', 'postmaster.pid'));
  for (const pid of [pp, pm]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
  if (pm) {
    try {
      execFileSync('pkill', ['-9', '-P', String(pm)]);
    } catch { /* none left */ }
  }
}

// A member's PostgreSQL as Patroni started it, by its data directory.
export function postmasterPid(dir, i) {
  return pidOf(join(resolve(dir), `pg${i + 1}`, 'data', 'postmaster.pid'));
}

export async function stopCluster(dir) {
  dir = resolve(dir);
  for (let i = 0; i < 3; i++) killMember(dir, i);
  const e = pidOf(join(dir, 'etcd.pid'));
  if (e && alive(e)) process.kill(e, 'SIGKILL');
  await sleep(300);
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, dir, base] = process.argv.slice(2);
  if (cmd === 'start') {
    try {
      console.log(await startCluster(dir, Number(base)));
    } catch (e) {
      console.error(e.message);
      for (const f of ['etcd.log', 'pg1/patroni.log', 'pg2/patroni.log', 'pg3/patroni.log'])
        if (existsSync(join(dir, f))) console.error(`--- ${f}\n` + readFileSync(join(dir, f), 'utf8').slice(-3000));
      await stopCluster(dir);
      process.exit(1);
    }
  } else if (cmd === 'stop') {
    await stopCluster(dir);
  } else {
    console.error('usage: node tests/ha/cluster.mjs start DIR BASE | stop DIR');
    process.exit(2);
  }
}
