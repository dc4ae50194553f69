import { readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Provider, interactionPolicy, type KoaContext } from 'oidc-provider';
import type { ServerContext } from '../../context.js';
import { ACR, ACR_ORDER, acrRank, findTestAccount, SCOPE_CLAIMS, TEST_ACCOUNTS } from './accounts.js';
import { loadOrCreateIdpKeys, type IdpKeys } from './keys.js';
import { errorPage, langFrom, loggedOutPage, loginPage, logoutPage, requestedLevel } from './pages.js';

/** Where the built-in provider is mounted in this process (its issuer is <server URL>idp). */
export const IDP_PATH = '/idp';

/** Redirect URIs of the demo client: every demo page (and '/') on the server's own origin, plus configured ones. */
function demoRedirectUris(siteBase: string, demoDir: string, extra: string[]): string[] {
  let pages: string[] = [];
  try {
    pages = readdirSync(demoDir)
      .filter((f) => f.endsWith('.html'))
      .sort();
  } catch {
    /* no demo folder: only the site root */
  }
  return [...new Set([siteBase, ...pages.map((p) => new URL(p, siteBase).href), ...extra])];
}

/** Login prompt check: a session whose acr is below the requested minimum must log in again (step-up). */
const stepUpCheck = new interactionPolicy.Check(
  'acr_below_requested',
  'the trust level of the session is below the requested one',
  (ctx: KoaContext) => {
    // A login that just happened counts, whatever its level: the client refuses a too-low acr itself.
    if (ctx.oidc.result?.login) return false;
    const acrValues = ctx.oidc.params?.acr_values;
    if (typeof acrValues !== 'string' || !ctx.oidc.session?.accountId) return false;
    const min = Math.min(
      ...acrValues
        .split(/\s+/)
        .map(acrRank)
        .filter((r) => r >= 0),
    );
    return Number.isFinite(min) && acrRank(ctx.oidc.session.acr) < min;
  },
);

function issuerOf(ctx: ServerContext): string {
  return ctx.config.idp.issuer ?? new URL(IDP_PATH.slice(1), ctx.selfUrl()).href;
}

/** The redirect URIs registered for the built-in provider's client. */
function builtInRedirectUris(ctx: ServerContext): string[] {
  const issuer = issuerOf(ctx);
  const siteBase = new URL('../', issuer.endsWith('/') ? issuer : `${issuer}/`).href;
  return demoRedirectUris(siteBase, ctx.config.demoDir, ctx.config.idp.redirectUris);
}

function createProvider(ctx: ServerContext, keys: IdpKeys): Provider {
  const { config } = ctx;
  const issuer = issuerOf(ctx);
  const redirectUris = builtInRedirectUris(ctx);
  const issuerPath = new URL(issuer).pathname.replace(/\/$/, '');
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.push(stepUpCheck);

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: config.idp.clientId,
        client_name: 'ozg-form Demo (Musterstadt)',
        token_endpoint_auth_method: 'none',
        response_types: ['code'],
        grant_types: ['authorization_code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
        // So that every ID token carries acr, also when the client did not send acr_values.
        default_acr_values: ACR_ORDER,
      },
    ],
    jwks: keys.jwks,
    cookies: { keys: keys.cookieKeys },
    acrValues: ACR_ORDER,
    claims: { openid: ['sub'], acr: null, auth_time: null, sid: null, iss: null, ...SCOPE_CLAIMS },
    scopes: ['openid', ...Object.keys(SCOPE_CLAIMS)],
    responseTypes: ['code'],
    // The demo client reads the person's data from the ID token (a broker like Keycloak puts mapped
    // attributes there too), so scope claims go into the ID token, not only to userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) =>
      client.redirectUris.some((u) => new URL(u).origin === origin),
    async findAccount(_ctx: unknown, sub: string) {
      const account = findTestAccount(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${issuerPath}/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (kctx: KoaContext, form: string) => {
          kctx.type = 'html';
          kctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (kctx: KoaContext) => {
          kctx.type = 'html';
          kctx.body = loggedOutPage();
        },
      },
    },
    renderError: async (kctx: KoaContext, out: { error: string; error_description?: string }) => {
      kctx.type = 'html';
      kctx.body = errorPage(out.error, out.error_description);
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 1800,
      Session: 8 * 3600,
      Grant: 8 * 3600,
    },
  });
  provider.proxy = config.idp.proxy;
  return provider;
}

/**
 * GET /account/config.json tells the browser's AccountService which provider to use; with the built-in
 * provider enabled, also mounts it under /idp (Koa app inside a Fastify raw route, same origin as the demo).
 */
export async function registerAccount(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { config } = ctx;
  let provider: Provider | undefined;
  const keys = config.idp.enabled ? await loadOrCreateIdpKeys(config.dataDir) : undefined;
  // The issuer contains the port, known only after listen(): create the provider on first use.
  const getProvider = (): Provider => {
    if (!keys) throw new Error('built-in OpenID provider is disabled');
    provider ??= createProvider(ctx, keys);
    return provider;
  };

  app.get('/account/config.json', async (_req, reply) => {
    const issuer = config.account.issuer ?? (keys ? getProvider().issuer : undefined);
    if (!issuer) return reply.code(404).send({ error: 'no OpenID provider configured' });
    reply.header('cache-control', 'no-store');
    // The pages registered at the provider: the form checks its own address before it offers a login
    // (a page missing there would leave the person on the provider's error page).
    const redirectUris = config.account.issuer ? config.account.redirectUris : builtInRedirectUris(ctx);
    return {
      issuer,
      clientId: config.account.clientId ?? config.idp.clientId,
      scopes: config.account.scopes,
      claimMap: config.account.claimMap,
      ...(config.account.acrValues ? { acrValues: config.account.acrValues } : {}),
      ...(redirectUris?.length ? { redirectUris } : {}),
    };
  });
  if (!keys) return;

  // 1. oidc-provider itself. Fastify must not touch the body: oidc-provider reads the raw stream.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => {
      done(null, undefined);
    });
    const handler = async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
      reply.hijack();
      const raw = req.raw as IncomingMessage & { originalUrl?: string };
      raw.originalUrl = raw.url;
      raw.url = (raw.url ?? '/').slice(IDP_PATH.length) || '/';
      await getProvider().callback()(raw, reply.raw);
    };
    scope.all(`${IDP_PATH}/*`, handler);
  });

  // 2. Our own interaction pages: account choice (no passwords), consent is implied for the demo client.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );
    const noStore = (reply: FastifyReply): FastifyReply =>
      reply
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    // Expired or foreign interactions (no/old cookie) get a readable page instead of problem+json.
    scope.setErrorHandler((err: Error & { statusCode?: number; error?: string }, _req, reply) =>
      noStore(reply)
        .code(err.statusCode && err.statusCode < 500 ? err.statusCode : 400)
        .type('text/html; charset=utf-8')
        .send(errorPage(err.error ?? err.name, err.message)),
    );

    scope.get(`${IDP_PATH}/interaction/:uid`, async (req, reply) => {
      const p = getProvider();
      const details = await p.interactionDetails(req.raw, reply.raw as ServerResponse);
      const lang = langFrom(details.params.ui_locales);
      const html = loginPage({
        lang,
        uid: details.uid,
        base: new URL(p.issuer).pathname.replace(/\/$/, ''),
        clientName: 'ozg-form Demo (Musterstadt)',
        accounts: TEST_ACCOUNTS,
        minLevel: requestedLevel(details.params.acr_values),
      });
      return noStore(reply).type('text/html; charset=utf-8').send(html);
    });

    scope.post(`${IDP_PATH}/interaction/:uid/login`, async (req, reply) => {
      const p = getProvider();
      const details = await p.interactionDetails(req.raw, reply.raw as ServerResponse);
      const body = (req.body ?? {}) as Record<string, string>;
      const account = findTestAccount(String(body.account ?? ''));
      if (!account)
        return noStore(reply)
          .code(400)
          .type('text/html; charset=utf-8')
          .send(errorPage('invalid_account', 'Bitte wählen Sie ein Konto. / Please choose an account.'));
      const clientId = String(details.params.client_id);
      const grant = new p.Grant({ accountId: account.id, clientId });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      grant.addOIDCClaims(['acr', 'auth_time']);
      const grantId = await grant.save();
      // The account's real trust level, whatever was requested: the client decides whether it suffices.
      const to = await p.interactionResult(
        req.raw,
        reply.raw as ServerResponse,
        {
          login: { accountId: account.id, acr: ACR[account.level], amr: account.amr, remember: false },
          consent: { grantId },
        },
        { mergeWithLastSubmission: false },
      );
      return reply.code(303).header('cache-control', 'no-store').redirect(to, 303);
    });

    scope.post(`${IDP_PATH}/interaction/:uid/abort`, async (req, reply) => {
      const to = await getProvider().interactionResult(
        req.raw,
        reply.raw as ServerResponse,
        {
          error: 'access_denied',
          error_description: 'Anmeldung abgebrochen / login cancelled',
        },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(to, 303);
    });
  });
}
