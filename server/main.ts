import { startServer, type RunningServer } from './app.js';
import { configFromEnv, DEMO_INBOX_TOKEN } from './config.js';
import { StartRefused } from './production.js';

let server: RunningServer;
try {
  server = await startServer(configFromEnv());
} catch (error) {
  if (!(error instanceof StartRefused)) throw error;
  console.error(error.message);
  process.exit(1);
}
console.log(`ozg-form demo: ${server.url}`);
console.log(`Sachbearbeitung / case-worker inbox: ${server.inboxUrl}`);
if (server.config.inbox.enabled) {
  console.log(
    server.config.inbox.token === DEMO_INBOX_TOKEN
      ? `Inbox token (demo default, set INBOX_TOKEN to change): ${DEMO_INBOX_TOKEN}`
      : 'Inbox token: from INBOX_TOKEN',
  );
}
const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
