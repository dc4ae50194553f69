/**
 * XBezahldienste 1.0 messages as the gateway and the stand-in exchange them (field names as in the
 * standard, including its spelling `grosAmount`). Amounts are euros with two decimals.
 */
export type PaymentStatus = 'INITIAL' | 'PAYED' | 'FAILED' | 'CANCELED';
export type PaymentMethod = 'GIROPAY' | 'PAYDIRECT' | 'CREDITCARD' | 'PAYPAL' | 'OTHER';

export interface PaymentItem {
  id: string;
  reference?: string;
  description: string;
  taxRate: number;
  quantity: number;
  totalNetAmount: number;
  totalTaxAmount: number;
  singleNetAmount: number;
  singleTaxAmount: number;
  bookingData?: Record<string, string>;
}

export interface PaymentRequest {
  requestId: string;
  requestTimestamp: string;
  currency: 'EUR';
  grosAmount: number;
  purpose: string;
  description?: string;
  redirectUrl: string;
  items: PaymentItem[];
  requestor?: Record<string, unknown>;
}

export interface PaymentInformation {
  transactionUrl?: string;
  transactionRedirectUrl?: string;
  transactionId: string;
  transactionReference: string;
  transactionTimestamp: string;
  paymentMethod?: PaymentMethod;
  paymentMethodDetail?: string;
  status: PaymentStatus;
  statusDetail?: string;
}

export interface PaymentTransaction {
  paymentRequest: PaymentRequest;
  paymentInformation: PaymentInformation;
}

/** Error codes of XBezahldienste problem responses. */
export type XBezahldiensteCode =
  | 'NO_VALID_ORIGINATOR_OR_ENDPOINT'
  | 'PAYMENT_EXISTS'
  | 'CALCULATION_ERROR'
  | 'BOOKING_DATA_MISSING'
  | 'VALIDATION_ERROR'
  | 'UNSPECIFIED'
  | 'FORBIDDEN';

export const XB_ID = '^[A-Za-z0-9_-]{1,36}$';

/** JSON schema of a PaymentRequest as the stand-in accepts it (limits from XBezahldienste 1.0). */
export const paymentRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['requestId', 'requestTimestamp', 'currency', 'grosAmount', 'purpose', 'redirectUrl', 'items'],
  properties: {
    requestId: { type: 'string', pattern: XB_ID },
    requestTimestamp: { type: 'string', format: 'date-time' },
    currency: { const: 'EUR' },
    grosAmount: { type: 'number', exclusiveMinimum: 0, maximum: 999999 },
    purpose: { type: 'string', minLength: 1, maxLength: 27, pattern: '^[A-Za-z0-9 _-]+$' },
    description: { type: 'string', maxLength: 250 },
    redirectUrl: { type: 'string', maxLength: 2082, pattern: '^https?://' },
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 99,
      items: {
        type: 'object',
        additionalProperties: false,
        required: [
          'id',
          'description',
          'taxRate',
          'quantity',
          'totalNetAmount',
          'totalTaxAmount',
          'singleNetAmount',
          'singleTaxAmount',
        ],
        properties: {
          id: { type: 'string', pattern: XB_ID },
          reference: { type: 'string', maxLength: 36 },
          description: { type: 'string', minLength: 1, maxLength: 250 },
          taxRate: { type: 'number', minimum: 0, maximum: 100 },
          quantity: { type: 'integer', minimum: 1 },
          totalNetAmount: { type: 'number', minimum: 0 },
          totalTaxAmount: { type: 'number', minimum: 0 },
          singleNetAmount: { type: 'number', minimum: 0 },
          singleTaxAmount: { type: 'number', minimum: 0 },
          bookingData: { type: 'object', additionalProperties: { type: 'string' } },
        },
      },
    },
    requestor: { type: 'object' },
  },
} as const;

/** Euros (number with two decimals) <-> cents (integer), without floating-point drift. */
export const toEuro = (cents: number): number => Math.round(cents) / 100;
export const toCents = (euro: number): number => Math.round(euro * 100);
