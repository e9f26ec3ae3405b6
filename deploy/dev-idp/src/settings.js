import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function integer(env, name, fallback, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}`);
  }
  return value;
}

function flag(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
}

function text(env, name, fallback) {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

export function readSettings(env = process.env) {
  const port = integer(env, 'PORT', 9010, { min: 0, max: 65535 });
  const host = text(env, 'HOST', '127.0.0.1');
  // Without ISSUER the issuer is http://127.0.0.1:<listening port> (known after listen, so PORT=0 works).
  const issuer = env.ISSUER ? env.ISSUER.replace(/\/+$/, '') : undefined;
  const keysFile = env.KEYS_FILE ? path.resolve(env.KEYS_FILE) : path.join(folder, 'keys', 'signing-keys.json');
  const dataFile = env.DATA_FILE ? path.resolve(env.DATA_FILE) : undefined;

  return {
    port,
    host,
    issuer,
    // Requests arrive under the issuer's path (e.g. http://host/idp -> /idp/token).
    basePath: issuer ? new URL(issuer).pathname.replace(/\/+$/, '') : '',
    keysFile,
    dataFile,
    initialAccessToken: text(env, 'INITIAL_ACCESS_TOKEN', 'dev-initial-access-token'),
    clientSecretTtl: integer(env, 'CLIENT_SECRET_TTL_SECONDS', 0),
    clockTolerance: integer(env, 'CLOCK_TOLERANCE_SECONDS', 15),
    accessTokenTtl: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 600, { min: 1 }),
    defaultAudience: text(env, 'DEFAULT_AUDIENCE', 'urn:portalgrains:api'),
    devAdmin: flag(env, 'DEV_ADMIN', true),
    devLogin: flag(env, 'DEV_LOGIN', true),
    devLoginSecret: text(env, 'DEV_LOGIN_SECRET', 'portal-dev-login-secret'),
    devLoginAudience: text(env, 'DEV_LOGIN_AUDIENCE', 'portal'),
    devLoginTokenTtl: integer(env, 'DEV_LOGIN_TOKEN_TTL_SECONDS', 3600, { min: 1 }),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    logRequests: flag(env, 'LOG_REQUESTS', false),
    cookieKey: text(env, 'COOKIE_KEY', 'dev-idp-cookie-signing-key'),
  };
}
