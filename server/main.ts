import { startServer, type RunningServer } from './app.js';
import { configFromEnv, DEMO_INBOX_TOKEN, takesPayments } from './config.js';
import { startFailure } from './production.js';

let server: RunningServer;
try {
  server = await startServer(configFromEnv());
} catch (error) {
  // A refusal, a configuration mistake or a busy port: one line that says what to set, exit 1.
  const line = startFailure(error);
  if (line === undefined) throw error;
  console.error(line);
  process.exit(1);
}
const { config } = server;
// Only what is there: the demo pages and the inbox are addresses only when they are served.
console.log(config.demoDir ? `ozg-form demo: ${server.url}` : `ozg-form gateway: ${server.url}gateway/v1/`);
console.log(`Datenordner / data folder (DATA_DIR): ${config.dataDir}`);
if (config.inbox.enabled) console.log(`Sachbearbeitung / case-worker inbox: ${server.inboxUrl}`);
if (!takesPayments(config))
  console.log(
    'Keine Online-Zahlung / no online payment: PAYMENT_PROVIDER_URL is not set, forms with fees ask people to contact the authority',
  );
if (config.inbox.enabled) {
  console.log(
    config.inbox.token === DEMO_INBOX_TOKEN
      ? `Inbox token (demo default, set INBOX_TOKEN to change): ${DEMO_INBOX_TOKEN}`
      : 'Inbox token: from INBOX_TOKEN',
  );
}
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
