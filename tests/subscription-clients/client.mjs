// Subscribes to the portal with the graphql-ws or graphql-sse client library, as a front end does, and prints one
// JSON line per event on stdout: {"event":"connected"}, {"event":"next","payload":...}, {"event":"complete"},
// {"event":"error","error":...}, {"event":"closed","code":N,"reason":"..."}. Lines on stdin are more subscriptions
// (a JSON {"id","query","variables"}) on the same client; the process ends when stdin closes.
//
//   node client.mjs ws|sse URL QUERY [--header-token TOKEN] [--init-token TOKEN] [--variables JSON]
import { createClient as createWsClient } from 'graphql-ws';
import { createClient as createSseClient } from 'graphql-sse';
import WebSocket from 'ws';
import readline from 'node:readline';

const [transport, url, query, ...rest] = process.argv.slice(2);
const option = (name) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
const headerToken = option('--header-token');
const initToken = option('--init-token');
const variables = option('--variables') ? JSON.parse(option('--variables')) : undefined;
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

let client;
if (transport === 'ws') {
  class AuthorizedWebSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, headerToken ? { headers: { authorization: `Bearer ${headerToken}` } } : {});
    }
  }
  client = createWsClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: AuthorizedWebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: initToken ? { authorization: `Bearer ${initToken}` } : undefined,
    on: {
      connected: () => print({ event: 'connected' }),
      closed: (e) => print({ event: 'closed', code: e.code, reason: e.reason }),
    },
  });
} else {
  client = createSseClient({
    url,
    retryAttempts: 0,
    headers: headerToken ? { authorization: `Bearer ${headerToken}` } : {},
  });
}

const subscribe = (id, request) => client.subscribe(request, {
  next: (payload) => print({ event: 'next', id, payload }),
  error: (error) => print({ event: 'error', id, error: error?.code ? { code: error.code, reason: error.reason } : error instanceof Error ? error.message : error }),
  complete: () => print({ event: 'complete', id }),
});

subscribe('1', { query, variables });
readline.createInterface({ input: process.stdin })
  .on('line', (line) => { const { id, ...request } = JSON.parse(line); subscribe(id, request); })
  .on('close', () => { client.dispose(); setTimeout(() => process.exit(0), 200); });
