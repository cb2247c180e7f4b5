// The server outlives its database connections: when PostgreSQL drops them
// (a restart, a failover, an administrator), each worker reconnects on its
// next request instead of failing forever.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, psql, BACKEND } from './lib.mjs';

test('connections dropped by PostgreSQL are re-established', { skip: BACKEND !== 'pg' && 'PostgreSQL only' }, async () => {
  const srv = await startServer();
  try {
    const name = srv.db.url.split('/').pop();
    const base = srv.db.url.slice(0, srv.db.url.lastIndexOf('/'));
    assert.equal((await fetch(srv.base + '/api/v1/units/24')).status, 200);
    const killed = psql(`${base}/postgres`,
      `SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}'`);
    assert.ok(Number(killed) >= 1, 'the server had connections to drop');
    const codes = [];
    for (let i = 0; i < 20; i++) {
      codes.push((await fetch(srv.base + `/api/v1/units/24?n=${i}`)).status);
    }
    assert.ok(codes.slice(-10).every((c) => c === 200), `recovered: ${codes.join(' ')}`);
    assert.ok(codes.every((c) => c === 200 || c === 500 || c === 503), codes.join(' '));
    assert.equal((await fetch(srv.base + '/healthz')).status, 200);
  } finally {
    await srv.stop();
  }
});
