#!/usr/bin/env node
// Validates Kubernetes manifests against the API schemas of kubernetes-models (pinned in deploy/tools): every
// document of every file must be a known apiVersion/kind and pass the model's validate().
//   node deploy/k8s/validate.js [FILE...]    (default: every *.yaml beside this script)
// Prints one line per object and exits 1 when any fails. Install the tools first: deploy/tools/install.sh.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const tools = join(here, '..', 'tools');
const requireFromTools = createRequire(join(tools, 'package.json'));
let YAML;
try {
  YAML = requireFromTools('yaml');
} catch {
  console.error(`the deploy tools are not installed: run ${join(tools, 'install.sh')}`);
  process.exit(2);
}

const files = process.argv.length > 2
  ? process.argv.slice(2).map((f) => resolve(f))
  : readdirSync(here).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(here, f));

// apiVersion "apps/v1" -> kubernetes-models/apps/v1, "v1" (the core group) -> kubernetes-models/v1.
async function modelFor(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || !/^[a-z0-9.-]+(\/[a-z0-9]+)?$/.test(apiVersion)) return undefined;
  const url = pathToFileURL(join(tools, 'node_modules', 'kubernetes-models', ...apiVersion.split('/'), 'index.js'));
  try {
    const models = await import(url.href);
    return models[kind];
  } catch {
    return undefined;
  }
}

function describe(error) {
  const details = Array.isArray(error?.errors)
    ? error.errors.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')
    : String(error?.message ?? error);
  return details;
}

let failures = 0;
let objects = 0;
for (const file of files) {
  const documents = YAML.parseAllDocuments(readFileSync(file, 'utf8'));
  for (const document of documents) {
    if (document.errors.length > 0) {
      failures++;
      console.log(`FAIL ${basename(file)}: YAML: ${document.errors.map((e) => e.message).join('; ')}`);
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null || manifest === undefined) continue;
    objects++;
    const name = `${manifest.kind ?? '?'}/${manifest.metadata?.name ?? '?'}`;
    const Model = await modelFor(manifest.apiVersion, manifest.kind);
    if (!Model) {
      failures++;
      console.log(`FAIL ${basename(file)} ${name}: no schema for apiVersion ${manifest.apiVersion} kind ${manifest.kind}`);
      continue;
    }
    try {
      new Model(manifest).validate();
      console.log(`ok   ${basename(file)} ${manifest.apiVersion} ${name}`);
    } catch (error) {
      failures++;
      console.log(`FAIL ${basename(file)} ${name}: ${describe(error)}`);
    }
  }
}

console.log(`${objects} object(s), ${failures} failure(s)`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
