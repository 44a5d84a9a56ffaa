import { expect } from "@playwright/test";
import { DEMO_SEED } from "../../../lib/kisi/emulator/seed";
import { startPostgres, type PostgresServer } from "../../support/postgres-server";
import { startSmtpSink } from "../../support/smtp-sink";
import {
  freePort,
  productionSecrets,
  runToEnd,
  startLatchkey,
  startProcess,
  waitForHttp,
  type Proc,
} from "../../support/processes";

/**
 * Latchkey as deployed, for the scale-out and fault specs: a real PostgreSQL server, a real SMTP
 * server, the Kisi emulator in its own process, and `count` production instances (`next start`)
 * behind one public origin, with an owner created by `npm run admin:create`.
 */
export const OWNER = { email: "ops@franchise.example", password: "production-owner-pass" };

export type ProductionStack = Awaited<ReturnType<typeof startProductionStack>>;

export type StackOptions = {
  /** Per instance: whether it runs the background jobs itself (default on). */
  backgroundJobs?: ("on" | "off")[];
  /** Also run `npm run worker` as its own process. */
  worker?: boolean;
  /** More environment for every instance (e.g. letting webhooks reach a loopback receiver). */
  env?: Record<string, string>;
};

export async function startProductionStack(count: number, options: StackOptions = {}) {
  const pg: PostgresServer = await startPostgres();
  const smtpPort = await freePort();
  let sink = await startSmtpSink(smtpPort);
  /** Every message received, across SMTP server restarts. */
  const mail = () => [...previousMail, ...sink.received];
  const previousMail: typeof sink.received = [];

  const kisiPort = await freePort();
  const kisiUrl = `http://127.0.0.1:${kisiPort}`;
  const kisi: Proc = startProcess(
    "npx",
    ["tsx", "lib/cli/kisi-emulator.ts", "--port", String(kisiPort)],
    {},
  );
  await waitForHttp(`${kisiUrl}/__emulator/state`, kisi);

  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  // Behind a load balancer every instance serves one public origin.
  const origin = `http://127.0.0.1:${ports[0]}`;
  const env = {
    ...productionSecrets(),
    APP_ORIGIN: origin,
    DATABASE_URL: pg.url,
    KISI_BASE_URL: kisiUrl,
    SMTP_URL: sink.url,
    EMAIL_FROM: "Latchkey <access@franchise.example>",
    ...options.env,
  };
  await runToEnd(
    "npx",
    [
      "tsx",
      "--conditions=react-server",
      "lib/cli/admin-create.ts",
      ...["--email", OWNER.email, "--name", "Ops", "--organization", "Franchise"],
    ],
    { ...env, ADMIN_PASSWORD: OWNER.password },
  );
  const launch = (port: number, i: number) =>
    startLatchkey(port, {
      ...env,
      // Info level, so a test can read which jobs an instance started.
      LOG_LEVEL: "info",
      LATCHKEY_BACKGROUND_JOBS: options.backgroundJobs?.[i] ?? "on",
    });
  const instances = ports.map((port, i) => ({
    url: `http://127.0.0.1:${port}`,
    proc: launch(port, i),
  }));
  for (const instance of instances) {
    await waitForHttp(`${instance.url}/api/health`, instance.proc, 120_000);
  }
  const worker = options.worker
    ? startProcess("npm", ["run", "--silent", "worker"], {
        ...env,
        LOG_LEVEL: "info",
      })
    : null;
  if (worker) {
    await expect
      .poll(() => worker.output(), { timeout: 60_000 })
      .toContain("latchkey worker ready");
  }

  /** A JSON call to one instance, as the dashboard makes it (same-origin, session cookie). */
  async function call(base: string, cookie: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { cookie, origin, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  async function signIn(base: string): Promise<string> {
    const res = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin, "content-type": "application/json" },
      body: JSON.stringify(OWNER),
    });
    expect(res.status).toBe(200);
    return (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }

  /** A studio connected to the emulator's demo Kisi key and group, set up through the API. */
  async function createStudio(cookie: string, name: string): Promise<string> {
    const base = instances[0]!.url;
    const studio = await call(base, cookie, "POST", "/api/studios", {
      name,
      timeZone: "Europe/Berlin",
    });
    expect(studio.status).toBe(201);
    const id = studio.json.id as string;
    const key = await call(base, cookie, "PUT", `/api/studios/${id}/kisi-key`, {
      apiKey: DEMO_SEED.apiKey,
    });
    expect(key.status).toBe(200);
    const group = await call(base, cookie, "PATCH", `/api/studios/${id}`, {
      kisiGroupId: DEMO_SEED.groupId,
    });
    expect(group.status).toBe(200);
    return id;
  }

  async function kisiRequests() {
    const res = await fetch(`${kisiUrl}/__emulator/requests`);
    return (await res.json()) as { method: string; path: string; status: number }[];
  }

  return {
    pg,
    origin,
    kisiUrl,
    instances,
    mail,
    call,
    signIn,
    createStudio,
    kisiRequests,
    /** Takes the SMTP server down (connections refused) … */
    smtpDown: async () => {
      previousMail.push(...sink.received);
      await sink.close();
    },
    /** … and brings it back on the same port. */
    smtpUp: async () => {
      sink = await startSmtpSink(smtpPort);
    },
    worker,
    /** Stops instance `i` and starts it again on its port, with the same configuration. */
    restart: async (i: number) => {
      const instance = instances[i]!;
      await instance.proc.stop();
      instance.proc = launch(ports[i]!, i);
      await waitForHttp(`${instance.url}/api/health`, instance.proc, 120_000);
    },
    stop: async () => {
      await worker?.stop();
      for (const instance of instances) await instance.proc.stop();
      await kisi.stop();
      await sink.close().catch(() => undefined);
      pg.stop();
    },
  };
}

/** A window that is open now and for the next `hours`. */
export function openWindow(hours = 2) {
  const now = Date.now();
  return {
    validFrom: new Date(now - 60_000).toISOString(),
    validUntil: new Date(now + hours * 3_600_000).toISOString(),
  };
}
