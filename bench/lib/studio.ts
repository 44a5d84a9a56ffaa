import { DEMO_ACCOUNT, DEMO_IDS } from "@/lib/demo/constants";

/**
 * The Studio API as the dashboard calls it (same-origin, the demo owner's session cookie): the
 * benchmark issues its own links, so it never depends on or disturbs anyone else's data.
 */
export type Issued = { id: string; url: string; token: string };

export class StudioClient {
  private cookie = "";
  readonly studioId = DEMO_IDS.studio;

  constructor(readonly origin: string) {}

  async signIn(): Promise<void> {
    const res = await fetch(`${this.origin}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { origin: this.origin, "content-type": "application/json" },
      body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
    });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
    this.cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  }

  /** Raw call; returns status and parsed JSON (or text). */
  async call(method: string, path: string, body?: unknown, contentType = "application/json") {
    const res = await fetch(`${this.origin}${path}`, {
      method,
      headers: { cookie: this.cookie, origin: this.origin, "content-type": contentType },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, json: json as Record<string, unknown> };
  }

  async issue(
    options: {
      name: string;
      email?: string;
      fromInS?: number;
      untilInS?: number;
      /** Another studio of the demo organization (default: the Demo Studio). */
      studioId?: string;
    } = {
      name: "Bench Guest",
    },
  ): Promise<Issued> {
    const now = Date.now();
    const res = await this.call("POST", `/api/studios/${options.studioId ?? this.studioId}/links`, {
      name: options.name,
      ...(options.email ? { email: options.email } : {}),
      locale: "en",
      validFrom: new Date(now + (options.fromInS ?? -60) * 1000).toISOString(),
      validUntil: new Date(now + (options.untilInS ?? 3 * 3600) * 1000).toISOString(),
    });
    if (res.status !== 201)
      throw new Error(`issue failed: ${res.status} ${JSON.stringify(res.json)}`);
    return withToken(res.json as { id: string; url: string });
  }

  async revoke(linkId: string): Promise<void> {
    const res = await this.call("DELETE", `/api/studios/${this.studioId}/links/${linkId}`);
    if (res.status !== 200) throw new Error(`revoke failed: ${res.status}`);
  }

  async link(linkId: string): Promise<Issued> {
    const res = await this.call("GET", `/api/studios/${this.studioId}/links/${linkId}`);
    if (res.status !== 200) throw new Error(`link read failed: ${res.status}`);
    return withToken(res.json as { id: string; url: string });
  }

  /** Starts a bulk batch from CSV text; returns its id. */
  async bulk(csv: string): Promise<string> {
    const res = await this.call(
      "POST",
      `/api/studios/${this.studioId}/links/bulk`,
      csv,
      "text/csv",
    );
    if (res.status !== 201)
      throw new Error(`bulk failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.id as string;
  }

  async batch(batchId: string) {
    const res = await this.call("GET", `/api/studios/${this.studioId}/links/bulk/${batchId}`);
    if (res.status !== 200) throw new Error(`batch read failed: ${res.status}`);
    return res.json as {
      status: string;
      total: number;
      issued: number;
      failed: number;
      pending: number;
      rows: { row: number; status: string; linkId: string | null }[];
    };
  }

  /** The newest email in the studio's outbox, with its HTML (composed again by the server). */
  async newestEmailHtml(): Promise<string | null> {
    const list = await this.call("GET", `/api/studios/${this.studioId}/outbox`);
    const first = (list.json.items as { id: string }[] | undefined)?.[0];
    if (!first) return null;
    const email = await this.call("GET", `/api/studios/${this.studioId}/outbox/${first.id}`);
    const content = email.json.content as { html: string } | null;
    return content?.html ?? null;
  }
}

function withToken(link: { id: string; url: string }): Issued {
  return { id: link.id, url: link.url, token: link.url.split("/access/")[1] ?? "" };
}

/** A bulk CSV of `count` guests without email, valid from a minute ago for three hours. */
export function bulkCsv(count: number, now = Date.now()): string {
  const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
  const rows = ["name,email,language,valid_from,valid_until"];
  for (let i = 1; i <= count; i++)
    rows.push(`Bench Guest ${i},,en,${iso(now - 60_000)},${iso(now + 3 * 3_600_000)}`);
  return rows.join("\r\n") + "\r\n";
}
