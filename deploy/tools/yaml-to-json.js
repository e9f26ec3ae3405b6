#!/usr/bin/env node
// Prints a YAML file (e.g. docker-compose.yml) as JSON, merge keys (<<) and anchors resolved as Compose resolves them.
//   node deploy/tools/yaml-to-json.js FILE
const { readFileSync } = require('node:fs');
const YAML = require('yaml');

const file = process.argv[2];
if (!file) {
  console.error('usage: yaml-to-json.js FILE');
  process.exit(2);
}
const document = YAML.parseDocument(readFileSync(file, 'utf8'), { merge: true });
if (document.errors.length > 0) {
  console.error(document.errors.map((e) => e.message).join('\n'));
  process.exit(1);
}
process.stdout.write(JSON.stringify(document.toJS({ maxAliasCount: 1000 }), null, 2));
