import Provider, { errors } from 'oidc-provider';
// oidc-provider keeps its configuration in a private per-instance cache; this module is the
// only way to reach it (the package pins 9.13.3, see openScopeVocabulary).
import internals from 'oidc-provider/lib/helpers/weak_cache.js';

import { DEV_LOGIN_CLIENT_ID, DEV_LOGIN_GRANT_TYPE, registerDevLoginGrant, customizeDevLoginToken } from './dev-login.js';

const SECRET_TTL_POLICY = 'dev-client-secret-ttl';

// RFC 6749 §3.3 scope-token: 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

// oidc-provider only accepts scope values it knows (client metadata validation, token
// requests). Registered clients bring their own vocabulary (API product and plan scopes), so
// every well-formed scope token counts as known; iteration (discovery scopes_supported)
// still lists only the base scopes.
class OpenScopeSet extends Set {
  has(value) {
    return super.has(value) || (typeof value === 'string' && SCOPE_TOKEN.test(value));
  }
}

// The `scopes` option is copied into a plain Set at construction, so the open behaviour is
// given to that copy afterwards. Everything reading it (client metadata validation,
// validateClientScope at the token endpoint) calls scopes.has().
function openScopeVocabulary(provider) {
  const scopes = internals(provider)?.configuration?.scopes;
  if (!(scopes instanceof Set)) {
    throw new Error('cannot open the scope vocabulary: oidc-provider internals changed (expected configuration.scopes to be a Set)');
  }
  Object.setPrototypeOf(scopes, OpenScopeSet.prototype);
}

function registeredScopes(client) {
  return new Set((client?.scope ?? '').split(' ').filter(Boolean));
}

// RFC 7591 §2.1: response_types and grant_types must agree. oidc-provider fills an omitted
// response_types with its default ["code"] and then adds or drops authorization_code to match,
// so a client_credentials-only registration would get authorization_code forced on it (and
// need redirect_uris). When the request omits response_types, derive it from grant_types.
function deriveResponseTypes(ctx, metadata) {
  const body = ctx?.oidc?.body;
  if (!body || body.response_types !== undefined || !Array.isArray(metadata.grant_types)) return;
  metadata.response_types = metadata.grant_types.includes('authorization_code') ? ['code'] : [];
}

// Builds one oidc-provider instance. Called at start and again on key rotation: the keystore
// is fixed at construction, while clients live in the shared store and survive the rebuild.
export function buildProvider(settings, { store, jwks }) {
  const clients = [];
  if (settings.devLogin) {
    clients.push({
      client_id: DEV_LOGIN_CLIENT_ID,
      client_secret: settings.devLoginSecret,
      client_name: 'Portal development login',
      grant_types: [DEV_LOGIN_GRANT_TYPE],
      response_types: [],
      redirect_uris: [],
      token_endpoint_auth_method: 'client_secret_basic',
    });
  }

  const provider = new Provider(settings.issuer, {
    adapter: store.adapterFactory(),
    jwks,
    clients,
    clockTolerance: settings.clockTolerance,
    cookies: { keys: [settings.cookieKey] },
    scopes: ['openid', 'offline_access'],
    // RFC 7591 §2 software_id / software_version are not built in; without this they are dropped.
    extraClientMetadata: {
      properties: ['software_id', 'software_version'],
      validator: (ctx, key, value, metadata) => {
        if (value !== undefined && typeof value !== 'string') {
          throw new errors.InvalidClientMetadata(`${key} must be a string`);
        }
        if (key === 'software_id') {
          if (ctx?.oidc?.body && metadata.grant_types?.includes(DEV_LOGIN_GRANT_TYPE)) {
            throw new errors.InvalidClientMetadata(`grant type ${DEV_LOGIN_GRANT_TYPE} is reserved for ${DEV_LOGIN_CLIENT_ID}`);
          }
          deriveResponseTypes(ctx, metadata);
        }
      },
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    ttl: {
      ClientCredentials: (ctx, token) => token.resourceServer?.accessTokenTTL ?? settings.accessTokenTtl,
      AccessToken: (ctx, token) => token.resourceServer?.accessTokenTTL ?? settings.accessTokenTtl,
      Session: 3600,
      Interaction: 600,
      Grant: 3600,
      IdToken: 3600,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      registration: {
        enabled: true,
        // A stored InitialAccessToken (seeded by seedInitialAccessToken) instead of a plain
        // string so the secret-expiry policy can run; requests without it or with another
        // value fail with invalid_token (RFC 7591 §3).
        initialAccessToken: true,
        issueRegistrationAccessToken: true,
        policies: {
          [SECRET_TTL_POLICY]: (ctx, properties) => {
            // Only on create: a PUT keeps the expiry the client already has.
            if (ctx.method === 'POST' && properties.client_secret && settings.clientSecretTtl > 0) {
              properties.client_secret_expires_at = Math.floor(Date.now() / 1000) + settings.clientSecretTtl;
            }
          },
        },
      },
      registrationManagement: {
        enabled: true,
        // A new registration access token on every PUT, as Keycloak does (RFC 7592 §2.2 allows it).
        rotateRegistrationAccessToken: true,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => settings.defaultAudience,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx, resource, client) => {
          const allowed = registeredScopes(client);
          if (ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials') {
            for (const requested of (ctx.oidc.params.scope ?? '').split(' ').filter(Boolean)) {
              if (!allowed.has(requested)) {
                throw new errors.InvalidScope('requested scope is not allowed', requested);
              }
            }
          }
          return {
            scope: [...allowed].join(' '),
            audience: resource,
            accessTokenTTL: settings.accessTokenTtl,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    formats: {
      customizers: {
        jwt: async (ctx, token, jwt) => customizeDevLoginToken(ctx, token, jwt),
      },
    },
    clientBasedCORS: () => true,
    findAccount: async () => undefined,
  });

  provider.proxy = settings.trustProxy;
  openScopeVocabulary(provider);

  if (settings.devLogin) {
    registerDevLoginGrant(provider, settings);
  }

  return provider;
}

export async function seedInitialAccessToken(provider, settings) {
  const token = new provider.InitialAccessToken({
    jti: settings.initialAccessToken,
    policies: settings.clientSecretTtl > 0 ? [SECRET_TTL_POLICY] : undefined,
  });
  await token.save();
}
