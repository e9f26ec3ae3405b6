// Subscription benchmark: N idle subscriptions on one silo (graphql-transport-ws, 10 per connection), the silo's
// resident memory before and after, then changes (checkouts, after 5 unmeasured) timed from sending the mutation to
// the change's delivery on the last of the N subscriptions' connections to get it.
//   node bench/subscriptions/subscriptions-bench.mjs PORTAL_URL IDP_URL HOST_PID [N] [CHANGES]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const require = createRequire(new URL('../../tests/subscription-clients/package.json', import.meta.url));
const WebSocket = require('ws');

const [portal, idp, pid, n = '1000', changes = '50'] = process.argv.slice(2);
const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
const login = async (form) => (await (await fetch(`${idp}/token`, { method: 'POST',
  headers: { authorization: 'Basic ' + Buffer.from('portal-dev-login:portal-dev-login-secret').toString('base64') },
  body: new URLSearchParams({ grant_type: 'urn:portalgrains:grant-type:dev-login', ...form }) })).json()).access_token;
const gql = async (token, query, variables) => (await (await fetch(`${portal}/graphql`, { method: 'POST',
  headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })).json());

const s = Date.now().toString(36);
const admin = await login({ sub: 'bench-admin', scope: 'portal:admin' });
const dev = await login({ sub: `bench-dev-${s}` });
await gql(admin, 'mutation($i: UpsertProviderInput!) { upsertProvider(input: $i) { errors { code } } }', { i: { id: `bench-${s}`, name: 'bench', kind: 'OTHER',
  wellKnownUrl: `${idp}/.well-known/openid-configuration`, initialAccessToken: 'dev-initial-access-token', clientTypes: [{ id: 'm2m', name: 'm2m',
  responseTypes: [], grantTypes: ['client_credentials'], tokenEndpointAuthMethod: 'client_secret_basic' }] } });
await gql(admin, 'mutation($i: UpsertProductInput!) { upsertProduct(input: $i) { errors { code } } }', { i: { id: `p-${s}`, name: 'p', published: true, dcrEnabled: true,
  providerId: `bench-${s}`, scopes: ['bench:read'], clientTypeIds: ['m2m'], policyId: 'p' } });
await gql(admin, 'mutation($i: UpsertPlanInput!) { upsertPlan(input: $i) { errors { code } } }', { i: { id: `g-${s}`, name: 'g', scopes: ['bench:g'], policyId: 'g' } });

const before = rss();
const sockets = [];
const delivered = new Map();
const counts = new Map();
const connect = () => new Promise((resolve, reject) => {
  const ws = new WebSocket(portal.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws', { headers: { authorization: `Bearer ${admin}` } });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
  ws.on('message', (data) => {
    const m = JSON.parse(data);
    if (m.type === 'connection_ack') resolve(ws);
    if (m.type === 'ping') ws.send('{"type":"pong"}');
    if (m.type === 'next') { const r = m.payload.data.accessRequestChanged; const k = `${r.id}/${r.status}`; const c = (counts.get(k) ?? 0) + 1; counts.set(k, c); if (c === Number(n)) delivered.set(k, performance.now()); }
  });
  ws.on('error', reject);
});
for (let c = 0; c < Number(n) / 10; c++) {
  const ws = await connect();
  for (let i = 0; i < 10; i++) ws.send(JSON.stringify({ id: `${i}`, type: 'subscribe', payload: { query: 'subscription { accessRequestChanged { id status } }' } }));
  sockets.push(ws);
}
await new Promise((r) => setTimeout(r, 5000));
const after = rss();

const latencies = [];
for (let i = -5; i < Number(changes); i++) {
  const sent = performance.now();
  const answer = await gql(dev, `mutation { checkout(input: {productId: "p-${s}", planId: "g-${s}", clientTypeId: "m2m", newApplication: {name: "b${i}"}}) { accessRequest { id } } }`);
  const done = performance.now();
  if (!answer.data?.checkout?.accessRequest) throw new Error(JSON.stringify(answer));
  const key = `${answer.data.checkout.accessRequest.id}/PENDING`;
  while (!delivered.has(key)) await new Promise((r) => setTimeout(r, 1));
  if (i >= 0) latencies.push(delivered.get(key) - sent);
}
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
console.log(`RESULT subscriptions ${n} subscriptions on ${sockets.length} connections: silo RSS +${((after - before) / 1048576).toFixed(1)} MiB `
  + `(${((after - before) / Number(n) / 1024).toFixed(1)} KiB per subscription); checkout sent to its change delivered to all p50 ${q(0.5)} ms, p99 ${q(0.99)} ms over ${latencies.length} changes`);
sockets.forEach((ws) => ws.close());
process.exit(0);
