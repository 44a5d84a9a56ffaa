import "server-only";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import type { TeamDeps } from "./invitations";

/** The team services wired to the app's database and configuration. */
export async function getTeamDeps(): Promise<TeamDeps> {
  const config = getConfig();
  return { db: await getDb(), keyring: config.encryption, appOrigin: config.appOrigin };
}
