import { and, eq } from "drizzle-orm";
import type { Config } from "@/lib/config/parse-config";
import type { Db } from "@/lib/db/connect";
import { accessLinks } from "@/lib/db/schema";
import type { KisiClient } from "@/lib/kisi/client";
import { accessUrl, issueLink } from "@/lib/links/issue-link";
import { openFor, secretContext } from "@/lib/links/secrets";
import { DEMO_IDS } from "./constants";

const SAMPLE_KEY = "demo-sample-link";
const DAY = 86_400_000;

/**
 * One ready-to-open guest link per demo studio, issued through the real path the first time and
 * reused afterwards (the emulator keeps Kisi's side in its state file), so the printed URLs work
 * across restarts. Re-issued once expired.
 */
export async function ensureSampleLinks(
  db: Db,
  config: Config,
  kisi: KisiClient,
): Promise<{ studio: string; url: string }[]> {
  const out = [];
  for (const [studioId, label] of [
    [DEMO_IDS.studio, "Guest page"],
    [DEMO_IDS.geofencedStudio, "Geofenced guest page"],
  ] as const) {
    const [existing] = await db
      .select()
      .from(accessLinks)
      .where(and(eq(accessLinks.studioId, studioId), eq(accessLinks.idempotencyKey, SAMPLE_KEY)));
    if (
      existing &&
      existing.status === "issued" &&
      existing.validUntil.getTime() > Date.now() + DAY
    ) {
      const token = openFor(
        secretContext.accessToken(existing.id),
        existing.tokenCiphertext,
        config.encryption,
      );
      out.push({ studio: label, url: accessUrl(config.appOrigin, token) });
      continue;
    }
    if (existing) await db.delete(accessLinks).where(eq(accessLinks.id, existing.id));
    const { url } = await issueLink(
      { db, kisi, keyring: config.encryption, appOrigin: config.appOrigin },
      {
        studioId,
        guestName: "Alex Visitor",
        guestEmail: null,
        locale: "en",
        validFrom: new Date(Date.now() - 60_000),
        validUntil: new Date(Date.now() + 30 * DAY),
        sendEmail: false,
        idempotencyKey: SAMPLE_KEY,
      },
    );
    out.push({ studio: label, url });
  }
  return out;
}
