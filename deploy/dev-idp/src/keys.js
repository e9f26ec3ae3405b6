import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// RFC 7638 JWK thumbprint, used as the kid so a kid always identifies one key.
function thumbprint(jwk) {
  const members = jwk.kty === 'RSA'
    ? { e: jwk.e, kty: 'RSA', n: jwk.n }
    : { crv: jwk.crv, kty: 'EC', x: jwk.x, y: jwk.y };
  return crypto.hash('sha256', JSON.stringify(members), 'base64url');
}

export function generateSigningKey(alg) {
  const { privateKey } = alg === 'ES256'
    ? crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' })
    : crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  return { ...jwk, kid: thumbprint(jwk), alg, use: 'sig' };
}

export function generateKeySet() {
  return { keys: [generateSigningKey('RS256'), generateSigningKey('ES256')] };
}

function validateKeySet(keySet, file) {
  if (!keySet || !Array.isArray(keySet.keys) || keySet.keys.length === 0) {
    throw new Error(`${file} must hold a private JWK Set: { "keys": [ ... ] }`);
  }
  for (const jwk of keySet.keys) {
    if (!jwk.d) {
      throw new Error(`${file}: every key must be a private JWK (kid ${jwk.kid ?? '?'} has no "d")`);
    }
  }
  if (!keySet.keys.some((jwk) => jwk.kty === 'RSA')) {
    throw new Error(`${file} must contain at least one RSA key (access tokens are signed RS256)`);
  }
}

// Loads the private JWK Set; a missing file is created with fresh keys so a second IdP
// (tests that need different keys) only has to point KEYS_FILE somewhere new.
export function loadKeySet(file) {
  if (!fs.existsSync(file)) {
    const keySet = generateKeySet();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(keySet, null, 2)}\n`, { mode: 0o600 });
    return { keySet, created: true };
  }
  const keySet = JSON.parse(fs.readFileSync(file, 'utf8'));
  validateKeySet(keySet, file);
  return { keySet, created: false };
}
