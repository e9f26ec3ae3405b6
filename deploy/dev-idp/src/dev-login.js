import { errors } from 'oidc-provider';

// A custom token grant for the portal's own users in tests and local runs: the static
// confidential client `portal-dev-login` asks for an access token about any user
// (sub, email, name, scope, roles). The token goes through oidc-provider's own JWT access
// token pipeline, so it is signed with the provider's current RS256 key like every other token.
export const DEV_LOGIN_GRANT_TYPE = 'urn:portalgrains:grant-type:dev-login';
export const DEV_LOGIN_CLIENT_ID = 'portal-dev-login';

const PARAMETERS = ['sub', 'email', 'name', 'scope', 'roles'];

function splitSpaces(value) {
  return (value ?? '').split(' ').filter(Boolean);
}

export function registerDevLoginGrant(provider, settings) {
  async function devLoginHandler(ctx) {
    const { client, params } = ctx.oidc;
    if (client.clientId !== DEV_LOGIN_CLIENT_ID) {
      throw new errors.UnauthorizedClient(`only ${DEV_LOGIN_CLIENT_ID} may use this grant type`);
    }
    if (typeof params.sub !== 'string' || params.sub.length === 0) {
      throw new errors.InvalidRequest('missing required parameter \'sub\'');
    }

    const scope = splitSpaces(params.scope).join(' ') || undefined;
    const token = new provider.ClientCredentials({ client, scope });
    token.resourceServer = new provider.ResourceServer(settings.devLoginAudience, {
      audience: settings.devLoginAudience,
      scope: scope ?? '',
      accessTokenTTL: settings.devLoginTokenTtl,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'RS256' } },
    });
    ctx.oidc.entity('ClientCredentials', token);
    const value = await token.save();

    ctx.body = {
      access_token: value,
      token_type: 'Bearer',
      expires_in: token.expiration,
      scope,
    };
  }

  provider.registerGrantType(DEV_LOGIN_GRANT_TYPE, devLoginHandler, PARAMETERS);
}

// formats.customizers.jwt: turns the client-credentials shaped payload into a user token.
export function customizeDevLoginToken(ctx, token, jwt) {
  const params = ctx?.oidc?.params;
  if (token.kind !== 'ClientCredentials' || params?.grant_type !== DEV_LOGIN_GRANT_TYPE) {
    return;
  }
  const { payload } = jwt;
  payload.sub = params.sub;
  if (params.email) payload.email = params.email;
  if (params.name) payload.name = params.name;
  if (params.roles !== undefined) payload.roles = splitSpaces(params.roles);
}
