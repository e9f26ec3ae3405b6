// State behind the /__dev endpoints: request counters and injected registration faults.

export const STAT_KINDS = ['discovery', 'jwks', 'registration', 'registrationManagement', 'token'];

export function classifyRequest(method, pathname) {
  if (pathname === '/.well-known/openid-configuration' && method === 'GET') return 'discovery';
  if (pathname === '/jwks' && method === 'GET') return 'jwks';
  if (pathname === '/reg' && method === 'POST') return 'registration';
  if (/^\/reg\/[^/]+$/.test(pathname) && ['GET', 'PUT', 'DELETE'].includes(method)) return 'registrationManagement';
  if (pathname === '/token' && method === 'POST') return 'token';
  return undefined;
}

export class Stats {
  #since = new Date();
  #counts = Object.fromEntries(STAT_KINDS.map((kind) => [kind, 0]));

  count(kind) {
    if (kind) this.#counts[kind] += 1;
  }

  snapshot() {
    return { ...this.#counts, since: this.#since.toISOString() };
  }

  reset() {
    for (const kind of STAT_KINDS) this.#counts[kind] = 0;
    this.#since = new Date();
  }
}

export class Faults {
  #registrationStatus; // { status, remaining, retryAfter }
  #registrationDrop; // { remaining }

  // Accepts { registrationStatus: 503, count: 3, retryAfter?: 2 } and/or
  // { registrationDropResponse: true, count: 1 }. Returns an error message or undefined.
  set(body) {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
    const count = body.count ?? 1;
    if (!Number.isSafeInteger(count) || count < 1) return 'count must be a positive integer';
    const { registrationStatus, registrationDropResponse, retryAfter } = body;
    if (registrationStatus === undefined && registrationDropResponse === undefined) {
      return 'expected registrationStatus and/or registrationDropResponse';
    }
    if (registrationStatus !== undefined
      && (!Number.isSafeInteger(registrationStatus) || registrationStatus < 200 || registrationStatus > 599)) {
      return 'registrationStatus must be an HTTP status between 200 and 599';
    }
    if (retryAfter !== undefined && (!Number.isSafeInteger(retryAfter) || retryAfter < 0)) {
      return 'retryAfter must be a non-negative integer (seconds)';
    }
    if (registrationDropResponse !== undefined && typeof registrationDropResponse !== 'boolean') {
      return 'registrationDropResponse must be a boolean';
    }
    if (registrationStatus !== undefined) {
      this.#registrationStatus = { status: registrationStatus, remaining: count, retryAfter };
    }
    if (registrationDropResponse === true) this.#registrationDrop = { remaining: count };
    if (registrationDropResponse === false) this.#registrationDrop = undefined;
    return undefined;
  }

  clear() {
    this.#registrationStatus = undefined;
    this.#registrationDrop = undefined;
  }

  snapshot() {
    return {
      registrationStatus: this.#registrationStatus ? { ...this.#registrationStatus } : null,
      registrationDropResponse: this.#registrationDrop ? { ...this.#registrationDrop } : null,
    };
  }

  // The fault to apply to this registration POST, consuming one use of it.
  takeRegistrationFault() {
    if (this.#registrationStatus) {
      const { status, retryAfter } = this.#registrationStatus;
      if (--this.#registrationStatus.remaining <= 0) this.#registrationStatus = undefined;
      return { kind: 'status', status, retryAfter };
    }
    if (this.#registrationDrop) {
      if (--this.#registrationDrop.remaining <= 0) this.#registrationDrop = undefined;
      return { kind: 'drop' };
    }
    return undefined;
  }
}
