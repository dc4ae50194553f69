import type { ServerConfig } from './config.js';
import type { Db } from './db.js';
import type { StandInKeys } from './standins/fitconnect/keys.js';

/** What the parts of this server share. The gateway only uses config + db (gw_ tables) + HTTP. */
export interface ServerContext {
  config: ServerConfig;
  db: Db;
  /** Base URL of this server incl. trailing slash; known after listen(). */
  selfUrl(): string;
  /** Present when the FIT-Connect stand-in runs in this process. */
  standIn?: { keys: StandInKeys; destinationId: string };
}
