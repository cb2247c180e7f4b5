// Local fake gateways for the notification tests (issue #14): an SMS
// brandname gateway (HTTP, JSON), Zalo (ZNS template messages and the OAuth
// token endpoint) and an SMTP sink. Each can be told to fail, delay or drop:
//   gw.mode = 'ok' | 'fail500' | 'error200' | 'slow' | 'drop'
//   gw.failNext = N (the next N requests answer 500, then back to mode)
//   gw.delayMs = ms (with 'slow')
//   gw.down() / await gw.up() (the port refuses connections, then listens again)
// The SMS gateway honours the Idempotency-Key header, as a good provider
// does: a request with a key it has already taken is answered 200 again and
// not counted twice. `messages` holds what was taken (one per key),
// `requests` counts every request that arrived.
import http from 'node:http';
import net from 'node:net';

function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // unref'd: a test file whose after() failed before stopping its gateway
    // still ends (red), instead of hanging the suite until CI's deadline
    server.listen(port, '127.0.0.1', () => resolve(server.unref().address().port));
  });
}

function readBody(req) {
  return new Promise((resolve) => {
    let b = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (b += d));
    req.on('end', () => resolve(b));
  });
}

class HttpGateway {
  constructor(handler) {
    this.handler = handler;
    this.mode = 'ok';
    this.failNext = 0;
    this.delayMs = 0;
    this.requests = 0;
    this.sockets = new Set();
  }
  async start(port = 0) {
    this.server = http.createServer(async (req, res) => {
      this.requests++;
      const body = await readBody(req);
      if (this.mode === 'drop') {
        req.socket.destroy();
        return;
      }
      if (this.mode === 'slow' && this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.failNext > 0) {
        this.failNext--;
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
      if (this.mode === 'fail500') {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('internal error');
        return;
      }
      this.handler(req, body, res);
    });
    this.server.keepAliveTimeout = 30000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.port = await listen(this.server, port);
    this.base = `http://127.0.0.1:${this.port}`;
    return this;
  }
  // the gateway is down: the port refuses connections
  async down() {
    await new Promise((r) => {
      this.server.close(r);
      for (const s of this.sockets) s.destroy();
    });
  }
  async up() {
    await this.start(this.port);
  }
  async stop() {
    await this.down();
  }
}

export async function smsGateway() {
  const gw = new HttpGateway((req, body, res) => {
    let m;
    try {
      m = JSON.parse(body);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"status":"error","reason":"bad json"}');
      return;
    }
    if (gw.mode === 'error200') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"error","reason":"brandname not registered"}');
      return;
    }
    if (req.headers.authorization !== `Bearer ${gw.secret}`) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"status":"error","reason":"unauthorised"}');
      return;
    }
    const key = req.headers['idempotency-key'];
    if (!gw.byKey.has(key)) {
      gw.byKey.set(key, m);
      gw.messages.push({ ...m, key });
    } else gw.duplicates++;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', message_id: `gw-${gw.byKey.size}` }));
  });
  gw.secret = 'sms-secret-' + Math.random().toString(36).slice(2);
  gw.messages = [];
  gw.byKey = new Map();
  gw.duplicates = 0;
  return gw.start();
}

// Zalo: POST /token (refresh_token, app_id, grant_type; header secret_key)
// rotates the tokens; POST /message/template (header access_token) sends.
// quota: what is left today (0: refused with Zalo's error); notZalo: the
// numbers that are not Zalo users (refused).
export async function zaloGateway() {
  const gw = new HttpGateway((req, body, res) => {
    const json = (o) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(o));
    if (req.url === '/token') {
      const f = new URLSearchParams(body);
      gw.tokenCalls++;
      if (req.headers.secret_key !== gw.appSecret || f.get('refresh_token') !== gw.refresh || f.get('grant_type') !== 'refresh_token') {
        json({ error: -14014, error_name: 'Invalid refresh token' });
        return;
      }
      gw.access = 'acc-' + gw.tokenCalls;
      gw.refresh = 'ref-' + gw.tokenCalls; // single use: rotated
      json({ access_token: gw.access, refresh_token: gw.refresh, expires_in: '90000' });
      return;
    }
    if (req.headers.access_token !== gw.access) {
      json({ error: -124, message: 'Access token is invalid' });
      return;
    }
    const m = JSON.parse(body);
    if (gw.quota <= 0) {
      json({ error: -1308, message: 'Quota exceeded' });
      return;
    }
    if (gw.notZalo.has(m.phone)) {
      json({ error: -108, message: 'Phone number is not a Zalo user' });
      return;
    }
    gw.quota--;
    gw.messages.push(m);
    json({ error: 0, message: 'Success', data: { msg_id: 'z' + gw.messages.length, quota: { dailyQuota: '500', remainingQuota: String(gw.quota) } } });
  });
  gw.appSecret = 'zalo-app-secret';
  gw.refresh = 'ref-0';
  gw.access = '';
  gw.tokenCalls = 0;
  gw.quota = 100;
  gw.notZalo = new Set();
  gw.messages = [];
  return gw.start();
}

// An SMTP sink: says yes to everything, keeps each message (from, to, data).
export async function smtpSink() {
  const sink = { messages: [] };
  sink.server = net.createServer((s) => {
    s.setEncoding('utf8');
    let buf = '', data = null, cur = { to: [] };
    const say = (l) => s.write(l + '\r\n');
    say('220 coso-test-sink ESMTP');
    s.on('data', (d) => {
      buf += d;
      for (;;) {
        if (data !== null) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          data += buf.slice(0, end);
          buf = buf.slice(end + 5);
          sink.messages.push({ ...cur, data: data.replace(/\r\n\.\./g, '\r\n.') });
          data = null;
          cur = { to: [] };
          say('250 OK queued');
          continue;
        }
        const i = buf.indexOf('\r\n');
        if (i < 0) return;
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') s.write('250-coso-test-sink\r\n250 8BITMIME\r\n');
        else if (cmd === 'MAIL') (cur.from = line.slice(10).trim()), say('250 OK');
        else if (cmd === 'RCPT') cur.to.push(line.slice(8).trim()), say('250 OK');
        else if (cmd === 'DATA') (data = ''), say('354 go ahead');
        else if (cmd === 'QUIT') say('221 bye'), s.end();
        else say('250 OK');
      }
    });
    s.on('error', () => {});
  });
  sink.port = await listen(sink.server);
  sink.stop = () => new Promise((r) => sink.server.close(r));
  return sink;
}

// Waits until f() is true (polling), or fails after ms; explain(), if given,
// says in the error what was there instead (what arrived, the queue's rows).
export async function until(f, ms = 15000, what = 'condition', explain = null) {
  const t0 = Date.now();
  for (;;) {
    if (await f()) return;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}${explain ? `\n${await explain()}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
