import { startServer, type RunningServer } from './app.js';
import { configFromEnv, DEMO_INBOX_TOKEN } from './config.js';
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
console.log(`ozg-form demo: ${server.url}`);
console.log(`Datenordner / data folder (DATA_DIR): ${server.config.dataDir}`);
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
