// The binary's commands: help, version, init, user management, schema checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, freshDb, BACKEND } from './lib.mjs';

test('help for every command', () => {
  for (const cmd of ['init', 'serve', 'import', 'user']) {
    const r = cli([cmd, '--help']);
    assert.equal(r.status, 0, cmd);
    assert.match(r.stdout, /usage: coso/);
  }
  assert.equal(cli(['--help']).status, 0);
  assert.equal(cli(['bogus']).status, 2);
  assert.match(cli(['version']).stdout, /^coso \d+\.\d+\.\d+ \(schema \d+\)/);
});

test('init is idempotent; user add/passwd/list/token', () => {
  const db = freshDb();
  try {
    let r = cli(['init', '--db', db.url]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /national unit list is up to date/);
    r = cli(['user', 'add', 'moi.nguoi', '--db', db.url, '--name', 'Người Mới', '--role', 'commune_officer', '--unit', '07210'],
      { input: 'mat-khau-rat-dai\n' });
    assert.equal(r.status, 0, r.stderr);
    r = cli(['user', 'add', 'x.y', '--db', db.url, '--name', 'X', '--role', 'commune_officer', '--unit', '07210-01'],
      { input: 'mat-khau-rat-dai\n' });
    assert.equal(r.status, 1, 'role at the wrong kind of unit');
    r = cli(['user', 'add', 'short.pw', '--db', db.url, '--name', 'X', '--role', 'sysadmin'], { input: 'short\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /10/);
    r = cli(['user', 'passwd', 'moi.nguoi', '--db', db.url], { input: 'mat-khau-moi-hon\n' });
    assert.equal(r.status, 0, r.stderr);
    r = cli(['user', 'passwd', 'khong.co', '--db', db.url], { input: 'mat-khau-moi-hon\n' });
    assert.equal(r.status, 1);
    r = cli(['user', 'list', '--db', db.url]);
    assert.match(r.stdout, /moi\.nguoi\s+active\s+Người Mới/);
    assert.ok(!r.stdout.includes('mat-khau'), 'passwords never printed');
  } finally {
    db.drop();
  }
});

test('serve refuses a database whose schema is newer than the binary', () => {
  const db = freshDb();
  try {
    db.sql("INSERT INTO schema_migrations(version, name, applied_at) VALUES (999, 'future.sql', 0)");
    const r = cli(['serve', '--db', db.url, '--listen', '127.0.0.1:1']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /newer than this binary/);
    const i = cli(['init', '--db', db.url]);
    assert.equal(i.status, 1);
  } finally {
    db.drop();
  }
});

test('a bad database URL fails clearly', () => {
  const r = cli(['serve', '--db', BACKEND === 'pg' ? 'postgresql://nobody@127.0.0.1:1/x' : '/nonexistent/dir/x.db',
    '--listen', '127.0.0.1:1']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot open database/);
});

test('init records public acts that predate the ledger, then verifies clean', () => {
  const db = freshDb();
  try {
    const before = Number(db.sql('SELECT COUNT(*) FROM ledger_leaves'));
    db.sql(`INSERT INTO events(at, kind, subject, public, payload) VALUES (1700000000, 'holiday.save', 'holiday:2023-11-14', 1, '{}')`);
    const r = cli(['init', '--db', db.url]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Ledger: 1 earlier public acts recorded/);
    assert.equal(Number(db.sql('SELECT COUNT(*) FROM ledger_leaves')), before + 1, 'an unchanged list adds nothing');
    const v = cli(['ledger', 'verify', '--db', db.url]);
    assert.equal(v.status, 0, v.stdout);
    assert.match(v.stdout, /ok: every leaf, node and checkpoint agrees/);
    assert.equal(cli(['init', '--db', db.url]).stdout.includes('earlier public acts'), false, 'only once');
  } finally {
    db.drop();
  }
});

test('sql/schema.sql and sql/schema.pg.sql are what the migrations make', async () => {
  const { execFileSync } = await import('node:child_process');
  const { readFileSync } = await import('node:fs');
  const { BIN } = await import('./lib.mjs');
  const file = BACKEND === 'pg' ? 'sql/schema.pg.sql' : 'sql/schema.sql';
  const args = BACKEND === 'pg' ? ['pg', process.env.COSO_TEST_PG, BIN] : ['sqlite', BIN];
  const made = execFileSync('tools/schema.sh', args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  assert.ok(made.includes('CREATE TABLE matter_votes') || made.includes('CREATE TABLE public.matter_votes'));
  assert.equal(made, readFileSync(file, 'utf8'), `${file} differs from the migrations: run \`make schema\` and commit it`);
});
