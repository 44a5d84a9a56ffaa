import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startKisiEmulator } from "@/lib/kisi/emulator";
import { createGroupLink, groupLinkAuth, kisiRequest } from "../../support/kisi-emulator";

const dir = mkdtempSync(path.join(tmpdir(), "kisi-state-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps Kisi's side across restarts when given a state file", async () => {
  const stateFile = path.join(dir, "kisi.json");
  const first = await startKisiEmulator({ port: 0, stateFile });
  const created = await createGroupLink(first.url);
  expect(created.status).toBe(200);
  const auth = groupLinkAuth(String(created.json.secret));
  await first.close();

  const second = await startKisiEmulator({ port: 0, stateFile });
  const locks = await kisiRequest(second.url, "GET", "/locks", { auth });
  expect(locks.status).toBe(200);
  expect(second.state.groupLinks.map((l) => l.id)).toContain(created.json.id);
  await second.close();

  const fresh = await startKisiEmulator({ port: 0 });
  expect((await kisiRequest(fresh.url, "GET", "/locks", { auth })).status).toBe(401);
  await fresh.close();
});
