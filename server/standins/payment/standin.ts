import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { STANDIN_PATHS, type ServerConfig } from '../../config.js';
import type { Db } from '../../db.js';
import { ClientCredentialsTokens } from '../client-credentials.js';
import { sendProblem } from '../../problem.js';
import { finishedPage, paymentPage } from './page.js';
import {
  paymentRequestSchema,
  toCents,
  XB_ID,
  type PaymentMethod,
  type PaymentRequest,
  type PaymentStatus,
  type PaymentTransaction,
  type XBezahldiensteCode,
} from '../../standards/xbezahldienste.js';

/** Prefix under which the XBezahldienste stand-in is mounted on this server. */
export const PAYMENT_STANDIN_PREFIX = STANDIN_PATHS.payment;
const TOKEN_LIFETIME_S = 1800;

interface TxRow {
  transaction_id: string;
  originator_id: string;
  endpoint_id: string;
  request_id: string;
  reference: string;
  request: string;
  status: PaymentStatus;
  payment_method: PaymentMethod | null;
  created_at: number;
  updated_at: number;
}

class XbProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: XBezahldiensteCode,
    detail: string,
  ) {
    super(detail);
  }
}

const problem = (reply: FastifyReply, status: number, code: XBezahldiensteCode, detail: string): FastifyReply =>
  sendProblem(reply, { type: `urn:xbezahldienste:error:${code}`, title: code, status, detail, code });

/**
 * A local XBezahldienste 1.0 provider for the demo and the tests: OAuth2 client credentials, create
 * and read payment transactions, and a payment page on which the tester decides the outcome.
 * Transactions are kept in SQLite (xb_transactions).
 */
export async function registerPaymentStandIn(
  app: FastifyInstance,
  config: ServerConfig,
  db: Db,
  selfUrl: () => string,
): Promise<void> {
  const cfg = config.paymentStandIn;
  const tokens = new ClientCredentialsTokens(cfg, TOKEN_LIFETIME_S);
  const base = (): URL => new URL(PAYMENT_STANDIN_PREFIX.slice(1) + '/', selfUrl());
  const view = (row: TxRow): PaymentTransaction => {
    const request = JSON.parse(row.request) as PaymentRequest;
    return {
      paymentRequest: request,
      paymentInformation: {
        transactionUrl: new URL(
          `paymenttransaction/${row.originator_id}/${row.endpoint_id}/${row.transaction_id}`,
          base(),
        ).href,
        ...(row.status === 'INITIAL'
          ? { transactionRedirectUrl: new URL(`pay/${row.transaction_id}`, base()).href }
          : {}),
        transactionId: row.transaction_id,
        transactionReference: row.reference,
        transactionTimestamp: new Date(row.updated_at).toISOString(),
        ...(row.payment_method ? { paymentMethod: row.payment_method } : {}),
        status: row.status,
      },
    };
  };
  const byId = (id: string): TxRow | undefined =>
    db.prepare<TxRow>('SELECT * FROM xb_transactions WHERE transaction_id = ?').get(id);

  await app.register(
    async (r) => {
      r.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 4096 },
        (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
      );
      r.setErrorHandler((err: FastifyError | XbProblem, _req, reply) => {
        if (err instanceof XbProblem) return problem(reply, err.status, err.code, err.message);
        if ((err as FastifyError).validation) return problem(reply, 400, 'VALIDATION_ERROR', err.message);
        const status = (err as FastifyError).statusCode ?? 500;
        return problem(
          reply,
          status >= 400 && status < 500 ? status : 500,
          'UNSPECIFIED',
          status < 500 ? err.message : 'internal error',
        );
      });

      const authenticate = (req: FastifyRequest): void => {
        if (tokens.clientOf(req.headers.authorization) === undefined)
          throw new XbProblem(401, 'FORBIDDEN', 'missing, invalid or expired access token');
      };
      const checkParties = (p: { originatorId: string; endPointId: string }): void => {
        if (p.originatorId !== cfg.originatorId || p.endPointId !== cfg.endPointId) {
          throw new XbProblem(404, 'NO_VALID_ORIGINATOR_OR_ENDPOINT', 'unknown originatorId or endPointId');
        }
      };

      r.post('/token', async (req, reply) => tokens.token(req, reply));

      const parties = {
        type: 'object',
        required: ['originatorId', 'endPointId'],
        properties: {
          originatorId: { type: 'string', pattern: XB_ID },
          endPointId: { type: 'string', pattern: XB_ID },
        },
      } as const;

      r.post<{ Params: { originatorId: string; endPointId: string }; Body: PaymentRequest }>(
        '/paymenttransaction/:originatorId/:endPointId',
        {
          schema: { params: parties, body: paymentRequestSchema },
          // Authentication before validation: a stranger learns nothing about the request format.
          preValidation: async (req) => authenticate(req),
        },
        async (req, reply) => {
          checkParties(req.params);
          const b = req.body;
          let sum = 0;
          for (const item of b.items) {
            const single = toCents(item.singleNetAmount + item.singleTaxAmount);
            const total = toCents(item.totalNetAmount + item.totalTaxAmount);
            if (single * item.quantity !== total)
              throw new XbProblem(422, 'CALCULATION_ERROR', `item ${item.id}: quantity × single amount ≠ total`);
            sum += total;
          }
          if (sum !== toCents(b.grosAmount))
            throw new XbProblem(422, 'CALCULATION_ERROR', 'grosAmount is not the sum of the items');
          const { originatorId, endPointId } = req.params;
          const exists = db
            .prepare('SELECT 1 FROM xb_transactions WHERE originator_id = ? AND endpoint_id = ? AND request_id = ?')
            .get(originatorId, endPointId, b.requestId);
          if (exists) throw new XbProblem(409, 'PAYMENT_EXISTS', `a transaction for requestId ${b.requestId} exists`);
          const now = Date.now();
          const seq =
            (db.prepare<{ n: number }>('SELECT COUNT(*) AS n FROM xb_transactions').get()!.n + 1) % 100_000_000;
          const reference = `${new Date(now).getUTCFullYear()}${String(seq).padStart(8, '0')}`; // Kassenzeichen, e.g. 202600000001
          const id = randomBytes(24).toString('base64url');
          db.prepare(
            `INSERT INTO xb_transactions (transaction_id, originator_id, endpoint_id, request_id, reference, request, status,
        created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'INITIAL', ?, ?)`,
          ).run(id, originatorId, endPointId, b.requestId, reference, JSON.stringify(b), now, now);
          return reply
            .code(201)
            .header('cache-control', 'no-store')
            .send(view(byId(id)!));
        },
      );

      r.get<{ Params: { originatorId: string; endPointId: string; transactionId: string } }>(
        '/paymenttransaction/:originatorId/:endPointId/:transactionId',
        {
          schema: {
            params: {
              ...parties,
              required: [...parties.required, 'transactionId'],
              properties: {
                ...parties.properties,
                transactionId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,44}$' },
              },
            },
          },
          preValidation: async (req) => authenticate(req),
        },
        async (req, reply) => {
          checkParties(req.params);
          const row = byId(req.params.transactionId);
          if (!row || row.originator_id !== req.params.originatorId || row.endpoint_id !== req.params.endPointId) {
            throw new XbProblem(404, 'VALIDATION_ERROR', 'unknown transactionId');
          }
          return reply.header('cache-control', 'no-store').send(view(row));
        },
      );

      // The page the person is sent to (transactionRedirectUrl). No script; CSP allows only inline styles.
      const html = (reply: FastifyReply, code: number, body: string): FastifyReply =>
        reply
          .code(code)
          .header('cache-control', 'no-store')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
          .type('text/html; charset=utf-8')
          .send(body);
      const txParam = {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,44}$' } },
      } as const;

      r.get<{ Params: { id: string } }>('/pay/:id', { schema: { params: txParam } }, async (req, reply) => {
        const row = byId(req.params.id);
        if (!row) return html(reply, 404, finishedPage('unbekannt / unknown'));
        if (row.status !== 'INITIAL') return html(reply, 200, finishedPage(row.status));
        return html(reply, 200, paymentPage(view(row), new URL(`pay/${row.transaction_id}`, base()).pathname));
      });

      r.post<{ Params: { id: string }; Body: { outcome?: string; method?: string } }>(
        '/pay/:id',
        { schema: { params: txParam } },
        async (req, reply) => {
          const row = byId(req.params.id);
          if (!row) return html(reply, 404, finishedPage('unbekannt / unknown'));
          const outcome = ({ bezahlen: 'PAYED', abbrechen: 'CANCELED', fehlgeschlagen: 'FAILED' } as const)[
            String(req.body?.outcome)
          ];
          if (!outcome) return html(reply, 400, finishedPage('ungültige Auswahl / invalid choice'));
          const methods: PaymentMethod[] = ['CREDITCARD', 'GIROPAY', 'PAYPAL', 'PAYDIRECT', 'OTHER'];
          const method = methods.find((m) => m === req.body?.method) ?? 'OTHER';
          // Only an open transaction changes; a second submit (back button) just goes back again.
          db.prepare(
            `UPDATE xb_transactions SET status = ?, payment_method = ?, updated_at = ?
          WHERE transaction_id = ? AND status = 'INITIAL'`,
          ).run(outcome, outcome === 'PAYED' ? method : null, Date.now(), row.transaction_id);
          const request = JSON.parse(row.request) as PaymentRequest;
          return reply.code(303).header('cache-control', 'no-store').redirect(request.redirectUrl, 303);
        },
      );
    },
    { prefix: PAYMENT_STANDIN_PREFIX },
  );
}
