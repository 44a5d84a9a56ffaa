/**
 * Runs once when a Latchkey server starts, before it serves requests: validates the
 * configuration (a bad one stops the start, naming each bad variable) and applies migrations.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("./lib/server/start-server");
  await startServer();
}
