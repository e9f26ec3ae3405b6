import * as fs from 'node:fs';
import * as path from 'node:path';

// A storage adapter for oidc-provider that never evicts. The built-in memory adapter is an
// LRU of 1000 entries, which silently drops registered clients under load. Entries expire
// lazily (on read) and in a periodic sweep; optionally the whole store is persisted to a
// JSON file (debounced, atomic rename) so a restarted IdP keeps its clients.

const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

export class Store {
  #entries = new Map(); // `${model}:${id}` -> { payload, expiresAt (ms epoch) | null }
  #uidIndex = new Map(); // session uid -> key
  #userCodeIndex = new Map(); // user code -> key
  #grantIndex = new Map(); // grantId -> Set of keys
  #dataFile;
  #writeTimer;
  #sweepTimer;
  #onError;

  constructor({ dataFile, debounceMs = 200, onError = () => {} } = {}) {
    this.#dataFile = dataFile || undefined;
    this.debounceMs = debounceMs;
    this.#onError = onError;
    this.#sweepTimer = setInterval(() => this.sweep(), 60_000);
    this.#sweepTimer.unref();
  }

  get persistent() {
    return this.#dataFile !== undefined;
  }

  get size() {
    return this.#entries.size;
  }

  static key(model, id) {
    return `${model}:${id}`;
  }

  #live(key) {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.#remove(key);
      this.#changed();
      return undefined;
    }
    return entry;
  }

  #index(key, payload) {
    if (payload.uid) this.#uidIndex.set(payload.uid, key);
    if (payload.userCode) this.#userCodeIndex.set(payload.userCode, key);
    const model = key.slice(0, key.indexOf(':'));
    if (grantable.has(model) && payload.grantId) {
      let members = this.#grantIndex.get(payload.grantId);
      if (!members) {
        members = new Set();
        this.#grantIndex.set(payload.grantId, members);
      }
      members.add(key);
    }
  }

  #remove(key) {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    const { payload } = entry;
    if (payload.uid && this.#uidIndex.get(payload.uid) === key) this.#uidIndex.delete(payload.uid);
    if (payload.userCode && this.#userCodeIndex.get(payload.userCode) === key) {
      this.#userCodeIndex.delete(payload.userCode);
    }
    if (payload.grantId) {
      const members = this.#grantIndex.get(payload.grantId);
      members?.delete(key);
      if (members?.size === 0) this.#grantIndex.delete(payload.grantId);
    }
  }

  upsert(model, id, payload, expiresIn) {
    const key = Store.key(model, id);
    this.#remove(key);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
    this.#entries.set(key, { payload, expiresAt });
    this.#index(key, payload);
    this.#changed();
  }

  find(model, id) {
    return this.#live(Store.key(model, id))?.payload;
  }

  findByIndex(index, value) {
    const key = (index === 'uid' ? this.#uidIndex : this.#userCodeIndex).get(value);
    return key === undefined ? undefined : this.#live(key)?.payload;
  }

  consume(model, id) {
    const entry = this.#live(Store.key(model, id));
    if (entry) {
      entry.payload.consumed = Math.floor(Date.now() / 1000);
      this.#changed();
    }
  }

  destroy(model, id) {
    const key = Store.key(model, id);
    if (this.#entries.has(key)) {
      this.#remove(key);
      this.#changed();
    }
  }

  revokeByGrantId(grantId) {
    const members = this.#grantIndex.get(grantId);
    if (!members) return;
    for (const key of [...members]) this.#remove(key);
    this.#grantIndex.delete(grantId);
    this.#changed();
  }

  // Live payloads of one model, e.g. all registered clients.
  list(model) {
    const prefix = `${model}:`;
    const result = [];
    for (const key of [...this.#entries.keys()]) {
      if (key.startsWith(prefix)) {
        const entry = this.#live(key);
        if (entry) result.push(entry.payload);
      }
    }
    return result;
  }

  sweep() {
    const now = Date.now();
    let removed = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt !== null && entry.expiresAt <= now) {
        this.#remove(key);
        removed += 1;
      }
    }
    if (removed) this.#changed();
  }

  // An oidc-provider adapter factory: `adapter: store.adapterFactory()`.
  adapterFactory() {
    const store = this;
    return class StoreAdapter {
      constructor(model) {
        this.model = model;
      }

      async upsert(id, payload, expiresIn) { store.upsert(this.model, id, payload, expiresIn); }

      async find(id) { return store.find(this.model, id); }

      async findByUid(uid) { return store.findByIndex('uid', uid); }

      async findByUserCode(userCode) { return store.findByIndex('userCode', userCode); }

      async consume(id) { store.consume(this.model, id); }

      async destroy(id) { store.destroy(this.model, id); }

      async revokeByGrantId(grantId) { store.revokeByGrantId(grantId); }
    };
  }

  #changed() {
    if (!this.#dataFile || this.#writeTimer) return;
    this.#writeTimer = setTimeout(() => {
      this.#writeTimer = undefined;
      try {
        this.flush();
      } catch (err) {
        this.#onError(err);
      }
    }, this.debounceMs);
  }

  flush() {
    if (!this.#dataFile) return;
    if (this.#writeTimer) {
      clearTimeout(this.#writeTimer);
      this.#writeTimer = undefined;
    }
    const data = { version: 1, entries: Object.fromEntries(this.#entries) };
    const tmp = `${this.#dataFile}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.#dataFile), { recursive: true });
    fs.writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    fs.renameSync(tmp, this.#dataFile);
  }

  load() {
    if (!this.#dataFile || !fs.existsSync(this.#dataFile)) return 0;
    const data = JSON.parse(fs.readFileSync(this.#dataFile, 'utf8'));
    for (const [key, entry] of Object.entries(data.entries ?? {})) {
      this.#entries.set(key, entry);
      this.#index(key, entry.payload);
    }
    this.sweep();
    return this.#entries.size;
  }

  close() {
    clearInterval(this.#sweepTimer);
    this.flush();
  }
}
