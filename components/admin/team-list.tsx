"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useApi } from "@/components/api/use-api";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { CopyableValue, CopyButton } from "@/components/ui/copy-button";
import { LiveStatus } from "@/components/ui/feedback";
import { PageSection } from "@/components/ui/page-section";
import { callApi, describeError } from "@/lib/contracts/client";
import type { Result } from "@/lib/contracts/define";
import {
  changeMemberRole,
  getTeam,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from "@/lib/contracts/team";

type Member = Result<typeof getTeam>["members"][number];

/**
 * The studio's people and pending invitations, with their actions. Owners are listed
 * read-only (they are the organization's, not the studio's). Results are announced in one
 * polite live region; a removal asks for confirmation first.
 */
export function TeamList({ studioId, timeZone }: { studioId: string; timeZone: string }) {
  const t = useTranslations("TeamPage");
  const roles = useTranslations("TeamRoles");
  const format = useFormatter();
  const { data, error, isLoading, mutate } = useApi(getTeam, { params: { studioId } });
  const [notice, setNotice] = useState("");
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [resent, setResent] = useState<{ email: string; url: string } | null>(null);

  /** One action on a row: its result announced, the list read again. Null when it failed. */
  async function act<T>(id: string, call: () => Promise<T>, success: string): Promise<T | null> {
    setBusy(id);
    try {
      const result = await call();
      setNotice(success);
      await mutate();
      return result;
    } catch (failure) {
      setNotice(describeError(failure, t("failed"), () => null));
      return null;
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  const changeRole = (m: Member) => {
    const role = m.role === "manager" ? "front_desk" : "manager";
    return act(
      m.id,
      () => callApi(changeMemberRole, { params: { studioId, membershipId: m.id }, body: { role } }),
      t("roleChanged", { name: m.name, role: roles(role) }),
    );
  };
  const remove = (m: Member) =>
    act(
      m.id,
      () => callApi(removeMember, { params: { studioId, membershipId: m.id } }),
      t("removed", { name: m.name }),
    );

  const button =
    "min-h-11 rounded-lg border border-ink/30 px-3 text-sm font-medium disabled:opacity-60";
  const when = (iso: string) =>
    format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short", timeZone });

  return (
    <>
      <LiveStatus>{notice}</LiveStatus>
      <PageSection id="people" title={t("peopleHeading")}>
        {error && <p role="alert">{t("loadFailed")}</p>}
        {isLoading && <p>{t("loading")}</p>}
        {data && (
          <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
            {data.owners.map((o) => (
              <li key={`owner-${o.userId}`} className="flex flex-wrap items-center gap-3 p-4">
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">{o.name}</p>
                  <p className="text-sm break-all text-ink-muted">{o.email}</p>
                </div>
                <span className="rounded-full bg-ink/10 px-3 py-1 text-sm">{roles("owner")}</span>
                <span className="text-sm text-ink-muted">{t("ownerNote")}</span>
              </li>
            ))}
            {data.members.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center gap-3 p-4">
                <div className="min-w-0 flex-1">
                  <p className="font-semibold">
                    {m.name}
                    {m.you && <span className="font-normal text-ink-muted"> {t("you")}</span>}
                  </p>
                  <p className="text-sm break-all text-ink-muted">{m.email}</p>
                </div>
                <span className="rounded-full bg-ink/10 px-3 py-1 text-sm">{roles(m.role)}</span>
                {!m.you && (m.role === "manager" || m.role === "front_desk") && (
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      className={button}
                      disabled={busy === m.id}
                      onClick={() => void changeRole(m)}
                    >
                      {m.role === "manager"
                        ? t("makeFrontDesk", { name: m.name })
                        : t("makeManager", { name: m.name })}
                    </button>
                    <ConfirmButton
                      confirming={confirming === m.id}
                      onAsk={() => setConfirming(m.id)}
                      onConfirm={() => void remove(m)}
                      disabled={busy === m.id}
                      label={t("remove", { name: m.name })}
                      confirmLabel={t("confirmRemove", { name: m.name })}
                      cancel={{
                        label: t("cancel"),
                        onCancel: () => setConfirming(null),
                        className: button,
                      }}
                      className={button}
                      confirmClassName={`${button} border-red-800 text-red-800`}
                    />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </PageSection>
      <PageSection id="invitations" title={t("invitationsHeading")}>
        {resent && (
          <div className="space-y-2 rounded-xl border border-accent/40 bg-accent/10 p-4">
            <p className="text-sm">{t("urlOnce")}</p>
            <CopyableValue id="resent-url" label={t("urlLabel")} value={resent.url} />
            <CopyButton
              text={resent.url}
              label={t("copy")}
              copiedLabel={t("copied")}
              failedLabel={t("copyFailed")}
            />
          </div>
        )}
        {data && data.invitations.length === 0 && <p>{t("noInvitations")}</p>}
        {data && data.invitations.length > 0 && (
          <ul className="divide-y divide-ink/10 rounded-xl border border-ink/15">
            {data.invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 p-4">
                <div className="min-w-0 flex-1">
                  <p className="font-semibold break-all">{i.email}</p>
                  <p className="text-sm text-ink-muted">
                    {roles(i.role)} · {t("expires", { date: when(i.expiresAt) })}
                    {i.invitedBy ? ` · ${t("invitedBy", { name: i.invitedBy })}` : ""}
                    {i.emailStatus ? ` · ${t(`emailStatus.${i.emailStatus}`)}` : ""}
                  </p>
                </div>
                <div className="flex flex-wrap gap-2">
                  <button
                    type="button"
                    className={button}
                    disabled={busy === i.id}
                    onClick={async () => {
                      const body = await act(
                        i.id,
                        () =>
                          callApi(resendInvitation, {
                            params: { studioId, invitationId: i.id },
                          }),
                        t("resent", { email: i.email }),
                      );
                      if (body) setResent({ email: i.email, url: body.url });
                    }}
                  >
                    {t("resend", { email: i.email })}
                  </button>
                  <button
                    type="button"
                    className={button}
                    disabled={busy === i.id}
                    onClick={() =>
                      void act(
                        i.id,
                        () =>
                          callApi(revokeInvitation, { params: { studioId, invitationId: i.id } }),
                        t("revoked", { email: i.email }),
                      )
                    }
                  >
                    {t("revoke", { email: i.email })}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </PageSection>
    </>
  );
}
