import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database, { type Database as SqliteDatabase } from 'better-sqlite3';

export type Db = SqliteDatabase;

/**
 * One SQLite file under the data folder, created on first start. Tables prefixed fc_ belong to the
 * FIT-Connect stand-in (and its subscriber, the inbox); gw_ belong to the gateway, which would run
 * elsewhere in production and only talks to FIT-Connect over HTTP. xb_ belong to the XBezahldienste
 * stand-in (server/payment), the payment provider the gateway's gw_payments rows point to.
 */
export function openDb(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  const file = join(dataDir, 'ozg-form.sqlite');
  // Created 0600 before SQLite opens it (SQLite keeps the mode of an existing file for -wal and -shm).
  const old = process.umask(0o077);
  let db: Db;
  try {
    db = new Database(file);
  } finally {
    process.umask(old);
  }
  if (existsSync(file)) chmodSync(file, 0o600);
  // WAL with synchronous=FULL: a transaction the gateway acknowledged survives a power cut, not only a crash.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS fc_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS fc_submissions (
      id TEXT PRIMARY KEY, case_id TEXT NOT NULL, destination_id TEXT NOT NULL, client_id TEXT NOT NULL,
      service_name TEXT, service_identifier TEXT NOT NULL, announced TEXT NOT NULL, status TEXT NOT NULL,
      encrypted_metadata TEXT, encrypted_data TEXT, created_at INTEGER NOT NULL, submitted_at INTEGER);
    CREATE INDEX IF NOT EXISTS fc_submissions_case ON fc_submissions(case_id);
    CREATE TABLE IF NOT EXISTS fc_attachments (
      submission_id TEXT NOT NULL REFERENCES fc_submissions(id) ON DELETE CASCADE,
      attachment_id TEXT NOT NULL, jwe TEXT NOT NULL, PRIMARY KEY (submission_id, attachment_id));
    CREATE TABLE IF NOT EXISTS fc_events (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, jti TEXT UNIQUE NOT NULL, case_id TEXT NOT NULL,
      submission_id TEXT NOT NULL, event TEXT NOT NULL, token TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS fc_events_case ON fc_events(case_id);
    CREATE TABLE IF NOT EXISTS fc_replies (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE NOT NULL, case_id TEXT NOT NULL,
      direction TEXT NOT NULL CHECK (direction IN ('to-applicant', 'from-applicant')),
      kind TEXT NOT NULL CHECK (kind IN ('message', 'bescheid')), text TEXT, filename TEXT, mime_type TEXT,
      content BLOB, created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS fc_replies_case ON fc_replies(case_id);
    CREATE TABLE IF NOT EXISTS gw_submissions (
      idempotency_key TEXT PRIMARY KEY, submission_id TEXT UNIQUE NOT NULL, case_id TEXT UNIQUE NOT NULL,
      secret_hash TEXT NOT NULL, leika TEXT NOT NULL, announced TEXT NOT NULL,
      sent_attachments TEXT NOT NULL DEFAULT '[]', sent INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS gw_attachments (
      submission_id TEXT NOT NULL REFERENCES gw_submissions(submission_id) ON DELETE CASCADE,
      attachment_id TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (submission_id, attachment_id));
    CREATE TABLE IF NOT EXISTS gw_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS gw_payments (
      idempotency_key TEXT PRIMARY KEY, form_id TEXT NOT NULL, attempt INTEGER NOT NULL,
      request_id TEXT NOT NULL, transaction_id TEXT, amount INTEGER NOT NULL, items TEXT NOT NULL,
      status TEXT NOT NULL, information TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS gw_payment_attempts (
      transaction_id TEXT PRIMARY KEY, idempotency_key TEXT NOT NULL, attempt INTEGER NOT NULL,
      request_id TEXT NOT NULL, amount INTEGER NOT NULL, items TEXT NOT NULL, answers_hash TEXT,
      status TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE INDEX IF NOT EXISTS gw_payment_attempts_key ON gw_payment_attempts(idempotency_key);
    CREATE TABLE IF NOT EXISTS gw_intents (
      idempotency_key TEXT PRIMARY KEY, request TEXT NOT NULL, case_id TEXT NOT NULL, created_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS gw_payment_bindings (
      transaction_id TEXT PRIMARY KEY, idempotency_key TEXT UNIQUE NOT NULL REFERENCES gw_submissions(idempotency_key) ON DELETE CASCADE,
      payment_key TEXT NOT NULL, amount INTEGER NOT NULL, reference TEXT, payment_method TEXT, bound_at INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS gw_forms (
      form_id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, hash TEXT NOT NULL, body TEXT NOT NULL,
      receiver_schema TEXT NOT NULL, published_at INTEGER NOT NULL, PRIMARY KEY (form_id, version));
    CREATE INDEX IF NOT EXISTS gw_forms_name ON gw_forms(name, version);
    CREATE TABLE IF NOT EXISTS xb_transactions (
      transaction_id TEXT PRIMARY KEY, originator_id TEXT NOT NULL, endpoint_id TEXT NOT NULL,
      request_id TEXT NOT NULL, reference TEXT UNIQUE NOT NULL, request TEXT NOT NULL, status TEXT NOT NULL,
      payment_method TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
      UNIQUE (originator_id, endpoint_id, request_id));
  `);
  // Columns added after the first release (an older data folder gets them on start).
  const addColumn = (table: string, column: string, decl: string): void => {
    const cols = db
      .prepare<{ name: string }>(`PRAGMA table_info(${table})`)
      .all()
      .map((c) => c.name);
    if (!cols.includes(column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${decl}`);
  };
  addColumn('gw_submissions', 'service_name', 'TEXT');
  addColumn('gw_submissions', 'payment_key', 'TEXT');
  addColumn('gw_submissions', 'upstream', "TEXT NOT NULL DEFAULT 'created'");
  addColumn('gw_payments', 'answers_hash', 'TEXT');
  addColumn('gw_submissions', 'form_id', 'TEXT');
  addColumn('gw_submissions', 'form_version', 'INTEGER');
  // A Bescheid's subject (its heading); `text` then holds the body the case worker wrote.
  addColumn('fc_replies', 'subject', 'TEXT');
  return db;
}
