import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context.js';
import { HttpProblem } from '../problem.js';
import { STANDIN_PREFIX } from '../fitconnect/standin.js';
import { FitConnectClient, type FitConnectEndpoints } from './fitconnect-client.js';
import { CaseSecrets } from './secrets.js';
import { registerSubmissionApi } from './submissions.js';
import { registerCaseApi } from './cases.js';
import { registerPaymentApi } from './payments.js';

export const GATEWAY_PREFIX = '/gateway/v1';

export interface GatewayRow {
  idempotency_key: string; submission_id: string; case_id: string; secret_hash: string; leika: string;
  announced: string; sent_attachments: string; sent: number; created_at: number;
}

export interface Gateway {
  ctx: ServerContext;
  fc: FitConnectClient;
  secrets: CaseSecrets;
  destinationId(): string;
  /** Finds the gateway's record of a case and checks the presented secret; 404 on any mismatch. */
  authorizeCase(req: FastifyRequest, by: { caseId?: string; submissionId?: string }): GatewayRow;
}

function endpoints(ctx: ServerContext): FitConnectEndpoints {
  const g = ctx.config.gateway;
  const standIn = new URL(STANDIN_PREFIX.slice(1) + '/', ctx.selfUrl());
  if (g.submissionApiUrl) {
    return {
      submissionApiUrl: g.submissionApiUrl,
      tokenUrl: g.tokenUrl!,
      jwksUrl: g.jwksUrl ?? new URL('/.well-known/jwks.json', g.submissionApiUrl).href,
    };
  }
  return {
    submissionApiUrl: new URL('v1/', standIn).href,
    tokenUrl: g.tokenUrl ?? new URL('token', standIn).href,
    jwksUrl: g.jwksUrl ?? new URL('.well-known/jwks.json', standIn).href,
  };
}

export function presentedSecret(req: FastifyRequest): string | undefined {
  const h = req.headers['x-case-secret'];
  if (typeof h === 'string' && h) return h;
  const q = (req.query as { secret?: string } | undefined)?.secret;
  return typeof q === 'string' && q ? q : undefined;
}

export async function registerGateway(app: FastifyInstance, ctx: ServerContext): Promise<Gateway> {
  const fc = new FitConnectClient(ctx.config.gateway, () => endpoints(ctx));
  const secrets = new CaseSecrets(ctx.db);
  const dummyHash = CaseSecrets.hash('no-such-case');
  const gw: Gateway = {
    ctx, fc, secrets,
    destinationId() {
      const id = ctx.config.gateway.destinationId ?? ctx.standIn?.destinationId;
      if (!id) throw new HttpProblem(503, 'Service Unavailable', 'no FIT-Connect destination configured');
      return id;
    },
    authorizeCase(req, by) {
      const row = by.caseId
        ? ctx.db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE case_id = ?').get(by.caseId)
        : ctx.db.prepare<GatewayRow>('SELECT * FROM gw_submissions WHERE submission_id = ?').get(by.submissionId);
      const secret = presentedSecret(req) ?? '';
      // Compare even when the case does not exist, so timing does not tell the two apart.
      const ok = CaseSecrets.matches(secret, row?.secret_hash ?? dummyHash);
      if (!row || !ok || !secret) throw new HttpProblem(404, 'Not Found', 'Unbekannter Vorgang / unknown case');
      return row;
    },
  };
  await app.register(async (r) => {
    r.addHook('onSend', async (_req, reply) => { reply.header('cache-control', 'no-store'); });
    await registerSubmissionApi(r, gw);
    await registerCaseApi(r, gw);
    await registerPaymentApi(r, gw);
  }, { prefix: GATEWAY_PREFIX });
  return gw;
}
