// Development HTTP bridge: Kong Konnect's DCR HTTP integration (POST /, DELETE /{client_id},
// POST /{client_id}/new-secret, POST /{client_id}/event-hook, X-API-KEY) in front of the dev IdP's RFC 7591/7592
// endpoints, so that clients registered through it get real tokens. Not for production: it keeps the clients'
// registration access tokens in memory and forgets them on restart. No dependencies (Node 20+).
import * as http from 'node:http';

const settings = {
  port: Number(process.env.PORT ?? 9020),
  host: process.env.HOST ?? '127.0.0.1',
  apiKey: process.env.API_KEY ?? 'dev-bridge-api-key',
  idpUrl: (process.env.IDP_URL ?? 'http://127.0.0.1:9010').replace(/\/+$/, ''),
  initialAccessToken: process.env.IDP_INITIAL_ACCESS_TOKEN ?? 'dev-initial-access-token',
};
const log = (message) => console.log(`[dev-bridge] ${message}`);

// client_id -> { registrationAccessToken, registrationClientUri, metadata (as last sent to the IdP) }
const clients = new Map();
const EVENT_TYPES = new Set(['add_registration', 'remove_registration', 'update_application']);

function send(res, status, body) {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) });
  res.end(payload);
}

const fail = (res, status, error, description) => send(res, status, { error, error_description: description });

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

async function idp(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = {};
  try { json = text ? JSON.parse(text) : {}; } catch { json = {}; }
  return { status: response.status, json };
}

// An IdP error as the bridge's: 4xx stays 400 with the IdP's error, anything else is 502.
function relay(res, answer) {
  const status = answer.status >= 400 && answer.status < 500 ? 400 : 502;
  return fail(res, status, answer.json.error ?? 'idp_error', answer.json.error_description ?? `the IdP answered HTTP ${answer.status}`);
}

function toIdpMetadata(clientId, metadata) {
  return {
    ...(clientId ? { client_id: clientId } : {}),
    client_name: metadata.client_name,
    redirect_uris: metadata.redirect_uris,
    grant_types: metadata.grant_types,
    token_endpoint_auth_method: metadata.token_endpoint_auth_method,
    ...(metadata.scopes.length ? { scope: metadata.scopes.join(' ') } : {}),
  };
}

const strings = (value) => Array.isArray(value) && value.every((item) => typeof item === 'string');

async function createApplication(req, res) {
  const body = await readJson(req);
  if (typeof body.client_name !== 'string' || !strings(body.redirect_uris) || !strings(body.grant_types)
    || typeof body.token_endpoint_auth_method !== 'string' || (body.scopes !== undefined && !strings(body.scopes))) {
    return fail(res, 400, 'invalid_request', 'client_name, redirect_uris, grant_types and token_endpoint_auth_method are required');
  }
  const metadata = {
    client_name: body.client_name,
    redirect_uris: body.redirect_uris,
    grant_types: body.grant_types,
    token_endpoint_auth_method: body.token_endpoint_auth_method,
    scopes: body.scopes ?? [],
  };
  const answer = await idp('POST', `${settings.idpUrl}/reg`, settings.initialAccessToken, toIdpMetadata(null, metadata));
  if (answer.status !== 201) return relay(res, answer);
  const { client_id: clientId, client_secret: clientSecret } = answer.json;
  clients.set(clientId, {
    registrationAccessToken: answer.json.registration_access_token,
    registrationClientUri: answer.json.registration_client_uri,
    metadata,
  });
  log(`registered ${clientId} for developer ${body.developer_id ?? '(none)'}`);
  return send(res, 201, {
    client_id: clientId,
    client_secret: clientSecret,
    client_id_issued_at: answer.json.client_id_issued_at,
    client_secret_expires_at: answer.json.client_secret_expires_at,
  });
}

async function deleteApplication(res, clientId, client) {
  const answer = await idp('DELETE', client.registrationClientUri, client.registrationAccessToken);
  if (answer.status !== 204) return relay(res, answer);
  clients.delete(clientId);
  log(`deleted ${clientId}`);
  return send(res, 204);
}

async function newSecret(res, clientId) {
  const answer = await idp('POST', `${settings.idpUrl}/__dev/clients/${encodeURIComponent(clientId)}/new-secret`);
  if (answer.status !== 200) return relay(res, answer);
  log(`new secret for ${clientId}`);
  return send(res, 200, { client_id: clientId, client_secret: answer.json.client_secret });
}

function applyEvent(metadata, event) {
  const next = { ...metadata, scopes: [...metadata.scopes] };
  switch (event.event_type) {
    case 'add_registration':
      if (!next.scopes.includes(event.api_product_version_id)) next.scopes.push(event.api_product_version_id);
      break;
    case 'remove_registration':
      next.scopes = next.scopes.filter((scope) => scope !== event.api_product_version_id);
      break;
    default:
      if (typeof event.application_name === 'string') next.client_name = event.application_name;
      if (strings(event.redirect_uris)) next.redirect_uris = event.redirect_uris;
      if (strings(event.grant_types)) next.grant_types = event.grant_types;
  }
  return next;
}

async function eventHook(req, res, clientId, client) {
  const event = await readJson(req);
  if (!EVENT_TYPES.has(event.event_type) || event.client_id !== clientId
    || (event.event_type !== 'update_application' && typeof event.api_product_version_id !== 'string')) {
    return fail(res, 400, 'invalid_request', 'event_type, client_id and (for registrations) api_product_version_id are required');
  }
  const metadata = applyEvent(client.metadata, event);
  const answer = await idp('PUT', client.registrationClientUri, client.registrationAccessToken, toIdpMetadata(clientId, metadata));
  if (answer.status !== 200) return relay(res, answer);
  // The dev IdP issues a new registration access token with every PUT.
  clients.set(clientId, { ...client, registrationAccessToken: answer.json.registration_access_token ?? client.registrationAccessToken, metadata });
  log(`${event.event_type} for ${clientId}`);
  return send(res, 200, {});
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.headers['x-api-key'] !== settings.apiKey) {
    return fail(res, 401, 'unauthorized', 'missing or wrong X-API-KEY');
  }
  if (req.method === 'POST' && pathname === '/') return createApplication(req, res);

  const match = /^\/([^/]+)(\/new-secret|\/event-hook)?$/.exec(pathname);
  if (!match) return fail(res, 404, 'not_found', `no route ${req.method} ${pathname}`);
  const clientId = decodeURIComponent(match[1]);
  const client = clients.get(clientId);
  if (!client) return fail(res, 404, 'not_found', `no application ${clientId}`);
  const route = `${req.method} ${match[2] ?? ''}`;
  switch (route) {
    case 'DELETE ':
      return deleteApplication(res, clientId, client);
    case 'POST /new-secret':
      return newSecret(res, clientId);
    case 'POST /event-hook':
      return eventHook(req, res, clientId, client);
    default:
      return fail(res, 405, 'method_not_allowed', `no route ${req.method} ${pathname}`);
  }
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => {
    console.error(`[dev-bridge] ${req.method} ${req.url} failed:`, err.message);
    if (!res.headersSent) fail(res, 500, 'server_error', 'the bridge failed');
  });
});

server.listen(settings.port, settings.host, () => {
  log(`listening on http://${settings.host}:${server.address().port}, forwarding to ${settings.idpUrl}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
