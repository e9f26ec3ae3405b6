// An SMTP server for tests: accepts every message on SMTP_PORT (default 1025, no TLS, no authentication) and
// lists what it received as JSON on HTTP_PORT (default 1080):
//   GET    /messages  -> [{ messageId, from, to: [..], subject, text, receivedAt }]
//   DELETE /messages  -> forgets them
//   GET    /healthz   -> 200
// Recipients whose local part starts with "refuse-" are refused for good (550), with "defer-" for now (451), so
// that tests can reach those paths. Only single-part text messages are decoded (what the portal sends); for
// anything else `text` is the raw body.
import http from 'node:http';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.SMTP_PORT ?? 1025);
const httpPort = Number(process.env.HTTP_PORT ?? 1080);
const host = process.env.HOST ?? '127.0.0.1';
const maxMessages = 10000;
const messages = [];

const smtp = new SMTPServer({
  secure: false,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onRcptTo(address, session, callback) {
    const local = address.address.split('@')[0].toLowerCase();
    if (local.startsWith('refuse-')) return callback(smtpError(550, '5.1.1 mailbox unavailable'));
    if (local.startsWith('defer-')) return callback(smtpError(451, '4.3.0 try again later'));
    return callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (chunk) => chunks.push(chunk));
    stream.on('end', () => {
      try {
        const parsed = parseMessage(Buffer.concat(chunks));
        messages.push({
          ...parsed,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          receivedAt: new Date().toISOString(),
        });
        if (messages.length > maxMessages) messages.splice(0, messages.length - maxMessages);
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});
smtp.on('error', (error) => console.error('smtp error:', error.message));
smtp.listen(smtpPort, host, () => console.log(`smtp-sink: SMTP on ${host}:${smtpPort}`));

const api = http.createServer((req, res) => {
  const path = new URL(req.url, 'http://localhost').pathname;
  if (req.method === 'GET' && path === '/messages') return sendJson(res, 200, messages);
  if (req.method === 'DELETE' && path === '/messages') {
    messages.length = 0;
    return sendJson(res, 200, []);
  }
  if (req.method === 'GET' && path === '/healthz') return sendJson(res, 200, { messages: messages.length });
  return sendJson(res, 404, { error: 'not found' });
});
api.listen(httpPort, host, () => console.log(`smtp-sink: HTTP API on http://${host}:${httpPort}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    smtp.close(() => {});
    api.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}

function smtpError(code, text) {
  const error = new Error(text);
  error.responseCode = code;
  return error;
}

function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

// RFC 5322 header section / body split, with unfolding of continuation lines (§2.2.3).
function parseMessage(raw) {
  const text = raw.toString('latin1');
  const blank = /\r?\n\r?\n/.exec(text);
  const headerText = blank ? text.slice(0, blank.index) : text;
  const bodyStart = blank ? blank.index + blank[0].length : text.length;
  const headers = {};
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = Buffer.from(text.slice(bodyStart), 'latin1');
  const charset = /charset="?([^";\s]+)"?/i.exec(headers['content-type'] ?? '')?.[1] ?? 'utf-8';
  return {
    messageId: headers['message-id'] ?? null,
    subject: decodeEncodedWords(headers.subject ?? ''),
    contentType: headers['content-type'] ?? 'text/plain',
    text: decodeBody(body, (headers['content-transfer-encoding'] ?? '7bit').toLowerCase(), charset),
  };
}

function decodeBody(body, transferEncoding, charset) {
  let bytes = body;
  if (transferEncoding === 'base64') bytes = Buffer.from(body.toString('latin1').replace(/\s+/g, ''), 'base64');
  else if (transferEncoding === 'quoted-printable') bytes = decodeQuotedPrintable(body.toString('latin1'));
  return decodeCharset(bytes, charset).replace(/\r\n/g, '\n');
}

// RFC 2045 §6.7: soft line breaks "=\r\n" vanish, "=XX" is one byte.
function decodeQuotedPrintable(text) {
  const unwrapped = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < unwrapped.length; i++) {
    const hex = unwrapped.slice(i + 1, i + 3);
    if (unwrapped[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unwrapped.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

// RFC 2047 encoded words: =?charset?B|Q?text?= ; whitespace between adjacent encoded words is dropped (§6.2).
function decodeEncodedWords(value) {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, encoding, encoded) => {
      const bytes = encoding.toUpperCase() === 'B'
        ? Buffer.from(encoded, 'base64')
        : decodeQuotedPrintable(encoded.replace(/_/g, ' '));
      return decodeCharset(bytes, charset);
    });
}

function decodeCharset(bytes, charset) {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}
