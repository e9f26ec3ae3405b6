// Development OpenID provider for tests and local runs (oidc-provider). Not for production:
// the signing keys are committed and the /__dev endpoints are unauthenticated.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';

import { classifyRequest, Faults, Stats } from './src/admin.js';
import { generateSigningKey, loadKeySet } from './src/keys.js';
import { buildProvider, seedInitialAccessToken } from './src/provider.js';
import { readSettings } from './src/settings.js';
import { Store } from './src/store.js';

const settings = readSettings();
const log = (message) => console.log(`[dev-idp] ${message}`);

const store = new Store({
  dataFile: settings.dataFile,
  onError: (err) => console.error(`[dev-idp] could not write ${settings.dataFile}: ${err.message}`),
});
const loaded = store.load();

const { keySet, created } = loadKeySet(settings.keysFile);
let jwks = keySet;
const stats = new Stats();
const faults = new Faults();

let current; // { provider, handle }

function activate(nextJwks) {
  const provider = buildProvider(settings, { store, jwks: structuredClone(nextJwks) });
  provider.on('server_error', (ctx, err) => {
    console.error(`[dev-idp] server_error ${ctx.method} ${ctx.path}:`, err);
  });
  current = { provider, handle: provider.callback() };
  jwks = nextJwks;
  return provider;
}

function sendJson(res, status, body, headers = {}) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

async function readJson(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > 65536) throw new Error('body too large');
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw.length ? JSON.parse(raw) : {};
}

function publicKids() {
  return jwks.keys.map(({ kid, alg, kty }) => ({ kid, alg, kty }));
}

function listClients(searchParams) {
  const filters = ['client_name', 'software_id', 'scope'].filter((name) => searchParams.has(name));
  const clients = store.list('Client')
    .map(({ client_id, client_name, software_id, scope, redirect_uris, grant_types, jwks_uri }) => ({
      client_id, client_name, software_id, scope, redirect_uris, grant_types, jwks_uri,
    }))
    .filter((client) => filters.every((name) => client[name] === searchParams.get(name)));
  return { count: clients.length, clients };
}

// Gives a registered client a new secret, as the rotation APIs of some vendors do (RFC 7592 has none): the
// old secret is refused from now on. Used by the dev HTTP bridge's POST /{client_id}/new-secret.
function newClientSecret(res, clientId) {
  const client = store.find('Client', clientId);
  if (!client) return sendJson(res, 404, { error: 'not_found', error_description: `no client ${clientId}` });
  const clientSecret = randomBytes(48).toString('base64url');
  store.upsert('Client', clientId, { ...client, client_secret: clientSecret });
  return sendJson(res, 200, { client_id: clientId, client_secret: clientSecret });
}

async function handleAdmin(req, res, pathname, searchParams) {
  const route = `${req.method} ${pathname}`;
  const newSecret = /^\/__dev\/clients\/([^/]+)\/new-secret$/.exec(pathname);
  if (req.method === 'POST' && newSecret) return newClientSecret(res, decodeURIComponent(newSecret[1]));
  switch (route) {
    case 'GET /__dev/stats':
      return sendJson(res, 200, stats.snapshot());
    case 'POST /__dev/stats/reset':
      stats.reset();
      return sendJson(res, 200, stats.snapshot());
    case 'GET /__dev/faults':
      return sendJson(res, 200, faults.snapshot());
    case 'POST /__dev/faults': {
      let body;
      try {
        body = await readJson(req);
      } catch {
        return sendJson(res, 400, { error: 'invalid_request', error_description: 'body must be JSON' });
      }
      const problem = faults.set(body);
      if (problem) return sendJson(res, 400, { error: 'invalid_request', error_description: problem });
      return sendJson(res, 200, faults.snapshot());
    }
    case 'DELETE /__dev/faults':
      faults.clear();
      return sendJson(res, 200, faults.snapshot());
    case 'GET /__dev/clients':
      return sendJson(res, 200, listClients(searchParams));
    case 'GET /__dev/keys':
      return sendJson(res, 200, { keys: publicKids() });
    case 'POST /__dev/rotate-keys': {
      const key = generateSigningKey('RS256');
      activate({ keys: [key, ...jwks.keys] });
      log(`signing keys rotated, new RS256 kid ${key.kid}`);
      return sendJson(res, 200, { kid: key.kid, keys: publicKids() });
    }
    default:
      return sendJson(res, 404, { error: 'not_found', error_description: `no dev endpoint ${route}` });
  }
}

function dropResponse(req, res) {
  // The provider commits the client, then every attempt to answer destroys the connection
  // instead, as when a proxy or the network loses the response after the IdP acted.
  const destroy = () => {
    req.socket.destroy();
    return res;
  };
  res.writeHead = destroy;
  res.write = () => {
    destroy();
    return false;
  };
  res.end = destroy;
}

async function handle(req, res) {
  const started = process.hrtime.bigint();
  let pathname = '/';
  if (settings.logRequests) {
    // Method, path and status only: no query string, headers or bodies (they carry secrets).
    res.once('close', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log(`${req.method} ${pathname} ${res.statusCode} ${ms.toFixed(1)}ms`);
    });
  }
  try {
    const url = new URL(req.url, 'http://localhost');
    pathname = url.pathname;
    if (settings.basePath) {
      if (pathname !== settings.basePath && !pathname.startsWith(`${settings.basePath}/`)) {
        return sendJson(res, 404, { error: 'not_found', error_description: 'outside the issuer path' });
      }
      pathname = pathname.slice(settings.basePath.length) || '/';
    }

    if (pathname.startsWith('/__dev/')) {
      if (!settings.devAdmin) return sendJson(res, 404, { error: 'not_found' });
      return await handleAdmin(req, res, pathname, url.searchParams);
    }

    if (!current) return sendJson(res, 503, { error: 'temporarily_unavailable' });

    const kind = classifyRequest(req.method, pathname);
    stats.count(kind);

    if (kind === 'registration') {
      const fault = faults.takeRegistrationFault();
      if (fault?.kind === 'status') {
        const headers = fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
        return sendJson(res, fault.status, {
          error: fault.status >= 500 ? 'temporarily_unavailable' : 'invalid_request',
          error_description: 'injected fault',
        }, headers);
      }
      if (fault?.kind === 'drop') dropResponse(req, res);
    }

    if (settings.basePath) {
      // Mounted below the issuer path: oidc-provider derives its URLs from req.originalUrl.
      req.originalUrl = req.url;
      req.url = req.url.slice(settings.basePath.length) || '/';
    }
    return await current.handle(req, res);
  } catch (err) {
    console.error(`[dev-idp] ${req.method} ${pathname} failed:`, err);
    if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
    return undefined;
  }
}

const server = http.createServer((req, res) => {
  handle(req, res);
});
server.keepAliveTimeout = 65_000;

server.listen(settings.port, settings.host, async () => {
  const { port } = server.address();
  if (!settings.issuer) {
    settings.issuer = `http://127.0.0.1:${port}`;
  }
  const provider = activate(jwks);
  await seedInitialAccessToken(provider, settings);
  if (created) log(`generated new signing keys in ${settings.keysFile}`);
  log(`store: ${store.persistent ? `${settings.dataFile} (${loaded} entries loaded)` : 'memory'}`);
  log(`signing keys: ${publicKids().map(({ kid, alg }) => `${alg} ${kid}`).join(', ')}`);
  log(`dev admin endpoints ${settings.devAdmin ? 'on' : 'off'}, dev login ${settings.devLogin ? 'on' : 'off'}`
    + `, client secret ttl ${settings.clientSecretTtl || 'none'}`);
  log(`listening on http://${settings.host}:${port}, issuer ${settings.issuer}`);
});

let stopping = false;
function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal} received, shutting down`);
  const force = setTimeout(() => {
    server.closeAllConnections();
    process.exit(0);
  }, 5000);
  force.unref();
  server.close(() => {
    try {
      store.close();
    } catch (err) {
      console.error(`[dev-idp] could not write ${settings.dataFile}: ${err.message}`);
    }
    process.exit(0);
  });
  server.closeIdleConnections();
}

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
