import "server-only";
import { parseConfig, type Config } from "./parse-config";

export type { Config } from "./parse-config";
export { ConfigError } from "./parse-config";

let cached: Config | undefined;

/**
 * The validated configuration, read from the environment once and then cached. The only place
 * in the app that reads `process.env` (the CLI passes its own record to parseConfig).
 * Lazy on purpose: `next build` imports server modules without a production environment.
 */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
