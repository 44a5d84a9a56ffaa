import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { studios } from "@/lib/db/schema";
import { DEMO_IDS } from "@/lib/demo/constants";
import { composeAccessEmail } from "@/lib/email/compose-access-email";
import { MAX_LOGO_BYTES } from "@/lib/schemas/studios";
import {
  loadStudioLogo,
  removeStudioLogo,
  saveStudioLogo,
  sniffImageType,
} from "@/lib/studios/logo";
import { setupAccessFixture, type AccessFixture } from "../../support/access-fixture";

const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

describe("sniffImageType", () => {
  it.each([
    [PNG_1X1, "image/png"],
    [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), "image/jpeg"],
    [Buffer.concat([Buffer.from("RIFF"), Buffer.alloc(4), Buffer.from("WEBPVP8 ")]), "image/webp"],
    [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), null],
    [Buffer.from("GIF89a"), null],
    [Buffer.from("not an image"), null],
    [Buffer.alloc(0), null],
  ])("%#", (bytes, type) => {
    expect(sniffImageType(bytes)).toBe(type);
  });
});

describe("studio logos", () => {
  let fx: AccessFixture;
  beforeAll(async () => {
    fx = await setupAccessFixture();
  });
  afterAll(() => fx.close());

  it("are stored in the database, versioned in their URL, shown in the email, and removable", async () => {
    const path = await saveStudioLogo(fx.db, DEMO_IDS.studio, PNG_1X1);
    expect(path).toMatch(new RegExp(`^/api/studio-logos/${DEMO_IDS.studio}\\?v=\\d+$`));
    const logo = await loadStudioLogo(fx.db, DEMO_IDS.studio);
    expect(logo?.contentType).toBe("image/png");
    expect(Buffer.compare(logo!.bytes, PNG_1X1)).toBe(0);
    const [studio] = await fx.db.select().from(studios).where(eq(studios.id, DEMO_IDS.studio));
    expect(studio?.logoPath).toBe(path);

    const { link } = await fx.issue({ guestEmail: "logo@example.com", sendEmail: true });
    const email = await composeAccessEmail(
      {
        db: fx.db,
        keyring: fx.config.encryption,
        appOrigin: "https://access.example.com",
        fromAddress: "a@b.example",
      },
      {
        id: "00000000-0000-4000-8000-0000000000aa",
        linkId: link.id,
        recipient: "logo@example.com",
        locale: "en",
      },
    );
    expect(email.html).toContain(`src="https://access.example.com${path}"`);

    await removeStudioLogo(fx.db, DEMO_IDS.studio);
    expect(await loadStudioLogo(fx.db, DEMO_IDS.studio)).toBeNull();
  });

  it("refuses what is not a PNG, JPEG or WebP, and what is too large", async () => {
    await expect(
      saveStudioLogo(fx.db, DEMO_IDS.studio, Buffer.from("<svg/>")),
    ).rejects.toMatchObject({ code: "unsupported_media_type" });
    await expect(
      saveStudioLogo(
        fx.db,
        DEMO_IDS.studio,
        Buffer.concat([PNG_1X1, Buffer.alloc(MAX_LOGO_BYTES)]),
      ),
    ).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(saveStudioLogo(fx.db, DEMO_IDS.studio, Buffer.alloc(0))).rejects.toMatchObject({
      code: "invalid_request",
    });
  });
});
