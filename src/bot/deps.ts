import type { Config } from "../config.js";
import type { UserService } from "../domain/users/user-service.js";
import type { KeyValueStore } from "../infra/kv/index.js";
import type { Logger } from "../infra/logger.js";
import type { Metrics } from "../infra/metrics.js";
import type { ErrorReporter } from "../infra/error-reporter.js";
import type { Database } from "../db/client.js";

/** Everything the bot's features may use, passed in by the composition root (and by tests). */
export interface BotDeps {
  config: Config;
  db: Database;
  kv: KeyValueStore;
  users: UserService;
  logger: Logger;
  metrics: Metrics;
  errors: ErrorReporter;
}
