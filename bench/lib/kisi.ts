import { DEMO_SEED } from "@/lib/kisi/emulator/seed";
import { maxInWindow, round } from "./stats";

/** What the emulator saw (its control API, lib/kisi/emulator/README.md). */
export type SeenRequest = { at: string; method: string; path: string; status: number };

export async function kisiRequests(kisiUrl: string): Promise<SeenRequest[]> {
  const res = await fetch(`${kisiUrl}/__emulator/requests`);
  return (await res.json()) as SeenRequest[];
}

export async function clearKisiRequests(kisiUrl: string): Promise<void> {
  await fetch(`${kisiUrl}/__emulator/requests`, { method: "DELETE" });
}

/** Every Kisi group link's secret, by its Kisi name (which ends with the Latchkey link id's prefix). */
export async function kisiSecretFor(kisiUrl: string, linkId: string): Promise<string> {
  const state = (await (await fetch(`${kisiUrl}/__emulator/state`)).json()) as {
    groupLinks: { name: string; secret: string; deletedAt: string | null }[];
  };
  const match = state.groupLinks.find(
    (l) => !l.deletedAt && l.name.endsWith(`Latchkey ${linkId.slice(0, 8)}`),
  );
  if (!match) throw new Error(`no Kisi link for ${linkId}`);
  return match.secret;
}

/** A group link created straight on an emulator (for the baseline emulator), returning its secret. */
export async function createKisiLink(kisiUrl: string): Promise<string> {
  const now = Date.now();
  const res = await fetch(`${kisiUrl}/group_links`, {
    method: "POST",
    headers: {
      authorization: `KISI-LOGIN ${DEMO_SEED.apiKey}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({
      group_link: {
        name: "bench baseline",
        group_id: DEMO_SEED.groupId,
        valid_from: new Date(now - 60_000).toISOString(),
        valid_until: new Date(now + 3_600_000).toISOString(),
      },
    }),
  });
  if (!res.ok) throw new Error(`emulator create failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

export type KisiBudget = {
  requests: number;
  /** Most requests in any sliding second: Kisi allows 5 per user. */
  maxPerSecond: number;
  meanPerSecond: number;
  tooManyRequests: number;
};

/** Kisi's side of a time span: how hard Latchkey pushed on the per-user limit. */
export function kisiBudget(seen: SeenRequest[]): KisiBudget {
  const api = seen.filter((r) => !r.path.startsWith("/__emulator"));
  const times = api.map((r) => Date.parse(r.at));
  const span = times.length > 1 ? (Math.max(...times) - Math.min(...times)) / 1000 : 0;
  return {
    requests: api.length,
    maxPerSecond: maxInWindow(times, 1000),
    meanPerSecond: span > 0 ? round(api.length / span) : api.length,
    tooManyRequests: api.filter((r) => r.status === 429).length,
  };
}
