import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fitConnectEndpoints, paymentEndpoints, type ServerConfig } from '../config.js';
import type { Db } from '../db.js';
import { HttpProblem } from '../problem.js';
import { FitConnectClient } from './fitconnect-client.js';
import { CaseSecrets, loadSecretKey } from './secrets.js';
import { PaymentBinding } from './payment-binding.js';
import { PaymentProviderClient } from './payment-provider.js';
import { PublishedForms } from './published-forms.js';
import { registerSubmissionApi } from './submissions.js';
import { registerCaseApi } from './cases.js';
import { registerPaymentApi } from './payments.js';
import { registerFormRoutes } from './forms.js';
import { publishFolders } from '../publish.js';
import { nestingDepth } from './requests.js';

export const GATEWAY_PREFIX = '/gateway/v1';
/** How deep a request's JSON may nest (answers of nested groups stay far below). */
const MAX_BODY_DEPTH = 64;

export interface GatewayRow {
  idempotency_key: string;
  submission_id: string;
  case_id: string;
  secret_hash: string;
  leika: string;
  announced: string;
  sent_attachments: string;
  sent: number;
  created_at: number;
  service_name: string | null;
  payment_key: string | null;
  upstream: string;
  /** The published form (and version) the application was filled in, when the page loaded it from here. */
  form_id: string | null;
  form_version: number | null;
}

/** What the gateway needs from the process it runs in (no stand-in: their URLs come from the config). */
export interface GatewayContext {
  config: ServerConfig;
  db: Db;
  /** Base URL of this server incl. trailing slash; known after listen(). */
  selfUrl(): string;
}

export interface Gateway {
  ctx: GatewayContext;
  fc: FitConnectClient;
  secrets: CaseSecrets;
  forms: PublishedForms;
  provider: PaymentProviderClient;
  payments: PaymentBinding;
  destinationId(): string;
  /** Deletes applications not sent within unsentTtlHours (and their attachment records); returns how many. */
  expireUnsent(now?: number): number;
  /** Finds the gateway's record of a case and checks the presented secret; 404 on any mismatch. */
  authorizeCase(req: FastifyRequest, by: { caseId?: string; submissionId?: string }): GatewayRow;
}

export function presentedSecret(req: FastifyRequest): string | undefined {
  const h = req.headers['x-case-secret'];
  if (typeof h === 'string' && h) return h;
  const q = (req.query as { secret?: string } | undefined)?.secret;
  return typeof q === 'string' && q ? q : undefined;
}

export async function registerGateway(app: FastifyInstance, ctx: GatewayContext): Promise<Gateway> {
  const fc = new FitConnectClient(ctx.config.gateway, () => fitConnectEndpoints(ctx.config.gateway, ctx.selfUrl()));
  const secrets = new CaseSecrets(loadSecretKey(ctx.config.gateway, ctx.config.dataDir, ctx.db));
  const dummyHash = CaseSecrets.hash('no-such-case');
  const forms = new PublishedForms(ctx.db);
  // The demo (and a test) publishes the forms of these folders at start; a municipality uses ozg-form-publish.
  publishFolders(forms, ctx.config.gateway.publishAtStart, (refused) =>
    app.log.error({ event: 'publish-refused' }, refused.text('en')),
  );
  const provider = new PaymentProviderClient(ctx.config.payment, () =>
    paymentEndpoints(ctx.config.payment, ctx.selfUrl()),
  );
  const gw: Gateway = {
    ctx,
    fc,
    secrets,
    forms,
    provider,
    payments: new PaymentBinding(ctx.db, forms, provider, app.log),
    destinationId() {
      const id = ctx.config.gateway.destinationId;
      if (!id) throw new HttpProblem(503, 'Service Unavailable', 'no FIT-Connect destination configured');
      return id;
    },
    expireUnsent(now = Date.now()) {
      const before = now - ctx.config.gateway.unsentTtlHours * 3600_000;
      return ctx.db.transaction(() => {
        ctx.db.prepare('DELETE FROM gw_intents WHERE created_at < ?').run(before);
        // Payments of applications never sent: none of their attempts paid as far as the gateway
        // learnt, none carried an application, nothing changed since. (The provider keeps its record of
        // a transaction; one paid there after all is the cash office's to pay back.)
        ctx.db
          .prepare(
            `DELETE FROM gw_payments AS p WHERE p.updated_at < ? AND p.status != 'PAYED'
            AND NOT EXISTS (SELECT 1 FROM gw_payment_attempts a WHERE a.idempotency_key = p.idempotency_key
              AND (a.status = 'PAYED' OR a.created_at >= ?))
            AND NOT EXISTS (SELECT 1 FROM gw_payment_bindings b WHERE b.payment_key = p.idempotency_key)`,
          )
          .run(before, before);
        ctx.db
          .prepare(
            `DELETE FROM gw_payment_attempts WHERE idempotency_key NOT IN (SELECT idempotency_key FROM gw_payments)`,
          )
          .run();
        return ctx.db.prepare('DELETE FROM gw_submissions WHERE sent = 0 AND created_at < ?').run(before).changes;
      })();
    },
    authorizeCase(req, by) {
      const row = by.caseId
        ? ctx.db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE case_id = ?').get(by.caseId)
        : ctx.db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE submission_id = ?').get(by.submissionId);
      const secret = presentedSecret(req) ?? '';
      // Compare even when the case does not exist, so timing does not tell the two apart.
      const ok = CaseSecrets.matches(secret, row?.secret_hash ?? dummyHash);
      if (!row || !ok || !secret) {
        req.log.warn(
          { event: 'case-secret-miss', caseId: by.caseId, submissionId: by.submissionId },
          'wrong or missing case secret',
        );
        throw new HttpProblem(404, 'Not Found', 'Unbekannter Vorgang / unknown case');
      }
      return row;
    },
  };
  await app.register(
    async (r) => {
      r.addHook('onSend', async (_req, reply) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      });
      // No answers nest this deep; a body that does is refused before anything walks it (hashing, fees).
      // After the route's schema: a body of the wrong shape (a 2 MiB array where two strings belong) is
      // refused by it at the first wrong key, without walking all of it here (376 ms a request before).
      r.addHook('preHandler', async (req) => {
        if (nestingDepth(req.body, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
          throw new HttpProblem(400, 'Bad Request', `the JSON body nests deeper than ${MAX_BODY_DEPTH} levels`, {
            code: 'TOO_DEEP',
          });
        }
      });
      registerFormRoutes(r, gw, GATEWAY_PREFIX);
      await registerSubmissionApi(r, gw);
      await registerCaseApi(r, gw);
      await registerPaymentApi(r, gw);
    },
    { prefix: GATEWAY_PREFIX },
  );
  // Unfinished applications expire (their upstream submission is left to FIT-Connect's own expiry).
  const sweep = setInterval(() => {
    gw.expireUnsent();
  }, 15 * 60_000);
  sweep.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
  });
  gw.expireUnsent();
  return gw;
}
