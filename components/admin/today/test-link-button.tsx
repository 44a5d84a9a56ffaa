"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ApiRequestError, callApi } from "@/lib/contracts/client";
import { createLink } from "@/lib/contracts/links";

/** A test link is valid for an hour from now: long enough to walk to the door and try it. */
const TEST_MINUTES = 60;

/**
 * One click: a link for the signed-in person, sent to their own email, valid for the next hour,
 * so they see what a guest gets (the email, the page, the door). Issued through the same
 * endpoint as any link, so a studio that cannot issue refuses it the same way, in words.
 */
export function TestLinkButton({ studioId, email }: { studioId: string; email: string }) {
  const t = useTranslations("Onboarding");
  const tErrors = useTranslations("Errors");
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ id: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setPending(true);
    setError(null);
    const from = new Date();
    try {
      const link = await callApi(createLink, {
        params: { studioId },
        headers: { "idempotency-key": `test-${studioId}-${from.getTime()}` },
        body: {
          name: t("testGuestName"),
          email,
          validFrom: from.toISOString(),
          validUntil: new Date(from.getTime() + TEST_MINUTES * 60_000).toISOString(),
          sendEmail: true,
        },
      });
      setResult({ id: link.id });
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiRequestError && e.message ? e.message : tErrors("internal"));
    } finally {
      setPending(false);
    }
  };

  return (
    <span className="flex flex-col gap-1">
      <Button
        variant="primary"
        onClick={send}
        disabled={pending}
        aria-describedby="test-link-status"
      >
        {pending ? t("testSending") : t("testSend", { email })}
      </Button>
      <span id="test-link-status" role="status" className="text-sm">
        {result && (
          <>
            {t("testSent", { email })}{" "}
            <Link
              href={`/dashboard/studios/${studioId}/links/${result.id}`}
              className="text-brand-text underline underline-offset-4"
            >
              {t("testOpen")}
            </Link>
          </>
        )}
        {error && <span className="text-red-800">{error}</span>}
      </span>
    </span>
  );
}
