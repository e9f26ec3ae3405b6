// Writes a new private JWK Set (one RS256 and one ES256 key) to the given file
// (default ./keys/signing-keys.json). Development keys only.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { generateKeySet } from './src/keys.js';

const file = process.argv[2] ?? './keys/signing-keys.json';
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(generateKeySet(), null, 2)}\n`);
console.log(`wrote ${file}`);
