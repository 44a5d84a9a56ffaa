"use client";

import {
  createColumnHelper,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type RowSelectionState,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Search, X } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useApi } from "@/components/api/use-api";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { cn } from "@/components/ui/cn";
import type { Result } from "@/lib/contracts/define";
import { listLinks } from "@/lib/contracts/links";
import {
  BULK_LINK_ACTIONS,
  canDo,
  LINK_LIST_STATES,
  type BulkLinkAction,
  type LinkListState,
} from "@/lib/links/state-actions";
import type { LinkSort } from "@/lib/schemas/links";
import { EmailStatusLabel, StateBadge, When } from "./link-badges";
import { RevokeDialog } from "./revoke-dialog";
import { LinkRowMenu } from "./row-menu";
import { useLinkActions } from "./use-link-actions";

type LinkSummary = Result<typeof listLinks>["items"][number];

const features = tableFeatures({ rowSortingFeature, rowSelectionFeature });
const helper = createColumnHelper<typeof features, LinkSummary>();
const NO_ROWS: LinkSummary[] = [];
const PAGE_SIZE = 25;

/** Table columns the server can sort by, and the sort each direction asks for. */
const SORTS: Record<string, [LinkSort, LinkSort]> = {
  guestName: ["guest", "-guest"],
  validFrom: ["validFrom", "-validFrom"],
  validUntil: ["validUntil", "-validUntil"],
};
const sortQuery = (sorting: SortingState): LinkSort => {
  const first = sorting[0];
  const pair = first ? SORTS[first.id] : undefined;
  return pair ? pair[first!.desc ? 1 : 0] : "-created";
};

const subject = (link: LinkSummary) => ({
  state: link.state,
  hasEmail: Boolean(link.guestEmail),
  readable: link.readable,
});

/**
 * A studio's links as a table (cards on a phone): guest, state, window and email status, last
 * unlock; sorted and filtered on the server (so both cover every page), one menu per row, and a
 * selection for bulk revoke/extend/resend. Refreshed every 20 s.
 */
export function LinksTable({
  studioId,
  timeZone,
  toolbar,
}: {
  studioId: string;
  timeZone: string;
  /** The "New link" and CSV import controls, beside the search. */
  toolbar?: ReactNode;
}) {
  const t = useTranslations("DashboardLinks");
  const [state, setState] = useState<LinkListState | null>(null);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [page, setPage] = useState(1);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [confirmBulkRevoke, setConfirmBulkRevoke] = useState(false);

  // A new filter, search, sort or page is another set of rows: nothing stays selected unseen.
  const showPage = (next: number) => {
    setPage(next);
    setRowSelection({});
  };
  useEffect(() => {
    const id = setTimeout(() => {
      if (search.trim() === q) return;
      setQ(search.trim());
      showPage(1);
    }, 250);
    return () => clearTimeout(id);
  }, [search, q]);

  const { data, error, isLoading, mutate } = useApi(
    listLinks,
    {
      params: { studioId },
      query: {
        page,
        pageSize: PAGE_SIZE,
        sort: sortQuery(sorting),
        ...(state ? { state } : {}),
        ...(q ? { q } : {}),
      },
    },
    { refreshInterval: 20_000, keepPreviousData: true },
  );
  const actions = useLinkActions(studioId, () => mutate());

  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({ id: "select", enableSorting: false }),
        helper.accessor("guestName", { sortDescFirst: false }),
        helper.accessor("state", { enableSorting: false }),
        helper.accessor("validFrom", { sortDescFirst: false }),
        helper.accessor("validUntil", { sortDescFirst: false }),
        helper.display({ id: "email", enableSorting: false }),
        helper.accessor("lastUnlockAt", { enableSorting: false }),
        helper.display({ id: "menu", enableSorting: false }),
      ]),
    [],
  );
  const table = useTable({
    features,
    columns,
    data: data?.items ?? NO_ROWS,
    getRowId: (row) => row.id,
    state: { sorting, rowSelection },
    onSortingChange: (updater) => {
      setSorting(updater);
      showPage(1);
    },
    onRowSelectionChange: setRowSelection,
    manualSorting: true,
    enableMultiSort: false,
    enableRowSelection: true,
  });

  const rows = table.getRowModel().rows;
  const selected = rows.filter((row) => row.getIsSelected()).map((row) => row.original);
  const bulkCan = (action: BulkLinkAction) => selected.filter((l) => canDo(action, subject(l)));
  async function runBulk(action: BulkLinkAction) {
    const targets = bulkCan(action);
    if (targets.length === 0) return;
    await actions.bulk(action, targets);
    setRowSelection({});
  }

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const hasNext = data
    ? page < pages || (data.totalCapped && data.items.length === data.pageSize)
    : false;
  const filtered = Boolean(q || state);
  const allChecked = table.getIsAllRowsSelected()
    ? true
    : table.getIsSomeRowsSelected()
      ? "indeterminate"
      : false;

  const sortHeader = (id: keyof typeof SORTS, label: string) => {
    const column = table.getColumn(id)!;
    const dir = column.getIsSorted();
    const Icon = dir === "asc" ? ArrowUp : dir === "desc" ? ArrowDown : ArrowUpDown;
    return (
      <th
        scope="col"
        aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
        className="px-2 py-1 text-left font-semibold pointer-coarse:py-0"
      >
        <button
          type="button"
          onClick={column.getToggleSortingHandler()}
          className="focus-ring -mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-ink pointer-coarse:min-h-10"
        >
          {label}
          <Icon aria-hidden="true" className={cn("size-3.5", !dir && "opacity-50")} />
          <span className="sr-only">{t("table.sortHint")}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative min-w-40 flex-1">
          <label htmlFor="links-search" className="sr-only">
            {t("search.label")}
          </label>
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-muted"
          />
          <input
            id="links-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("search.label")}
            className="min-h-11 w-full rounded-lg border border-ink/30 pr-3 pl-9"
          />
        </div>
        <div role="group" aria-label={t("filters.label")} className="flex flex-wrap gap-1">
          {[null, ...LINK_LIST_STATES].map((s) => (
            <button
              key={s ?? "all"}
              type="button"
              aria-pressed={state === s}
              onClick={() => {
                setState(s);
                showPage(1);
              }}
              className={cn(
                "focus-ring min-h-11 rounded-full border px-3 text-sm font-medium",
                state === s
                  ? "border-ink bg-ink text-surface"
                  : "border-ink/30 text-ink hover:bg-ink/5",
              )}
            >
              {s ? t(`states.${s}`) : t("filters.all")}
            </button>
          ))}
        </div>
        {toolbar}
      </div>

      {selected.length > 0 && (
        <div
          role="region"
          aria-label={t("bulk.label")}
          className="flex flex-wrap items-center gap-2 rounded-lg border border-ink/20 bg-ink/5 px-3 py-1"
        >
          <p className="mr-2 text-sm font-semibold" aria-live="polite">
            {t("bulk.selected", { count: selected.length })}
          </p>
          {BULK_LINK_ACTIONS.map((action) => {
            const can = bulkCan(action).length;
            return (
              <Button
                key={action}
                variant={action === "revoke" ? "danger" : "secondary"}
                disabled={can === 0}
                onClick={() =>
                  action === "revoke" ? setConfirmBulkRevoke(true) : void runBulk(action)
                }
                className="bg-surface disabled:opacity-50"
              >
                {t(`bulk.${action}`, { count: can })}
              </Button>
            );
          })}
          <Button onClick={() => setRowSelection({})} className="inline-flex items-center gap-1">
            <X aria-hidden="true" className="size-4" />
            {t("bulk.clear")}
          </Button>
          <RevokeDialog
            open={confirmBulkRevoke}
            onOpenChange={setConfirmBulkRevoke}
            names={bulkCan("revoke").map((l) => l.guestName)}
            onConfirm={() => runBulk("revoke")}
          />
        </div>
      )}

      {error && !data && (
        <p role="alert" className="rounded-lg border border-red-800/40 bg-red-50 p-3 text-red-800">
          {t("table.loadFailed")}
        </p>
      )}
      {isLoading && !data && <p role="status">{t("table.loading")}</p>}
      {data && data.items.length === 0 && (
        <div
          role="status"
          className="rounded-xl border border-dashed border-ink/30 p-8 text-center"
        >
          <p className="font-semibold">
            {q
              ? t("empty.search", { q })
              : state
                ? t("empty.state", { state: t(`states.${state}`) })
                : t("empty.none")}
          </p>
          <p className="text-sm text-ink-muted">
            {filtered ? t("empty.clearHint") : t("empty.firstHint")}
          </p>
          {filtered && (
            <Button
              className="mt-3"
              onClick={() => {
                setSearch("");
                setQ("");
                setState(null);
                showPage(1);
              }}
            >
              {t("empty.clear")}
            </Button>
          )}
        </div>
      )}

      {rows.length > 0 && (
        <>
          {/* Laptop and tablet: one aligned row per link. */}
          <div className="hidden overflow-x-auto rounded-lg border border-ink/15 md:block">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("table.caption", { timeZone })}</caption>
              <thead className="bg-ink/5 text-ink-muted">
                <tr>
                  <th scope="col" className="w-10 px-2 py-1 pointer-coarse:py-0">
                    {/* A flex box, so the checkbox sits on no text baseline that would add height. */}
                    <div className="flex items-center">
                      <Checkbox
                        checked={allChecked}
                        onCheckedChange={(value) => table.toggleAllRowsSelected(value === true)}
                        aria-label={t("table.selectAll")}
                        className="pointer-coarse:size-10"
                      />
                    </div>
                  </th>
                  {sortHeader("guestName", t("table.guest"))}
                  <th scope="col" className="px-2 py-1 text-left font-semibold whitespace-nowrap">
                    {t("table.state")}
                  </th>
                  {sortHeader("validFrom", t("table.from"))}
                  {sortHeader("validUntil", t("table.until"))}
                  <th scope="col" className="px-2 py-1 text-left font-semibold whitespace-nowrap">
                    {t("table.email")}
                  </th>
                  <th scope="col" className="px-2 py-1 text-left font-semibold whitespace-nowrap">
                    {t("table.lastUnlock")}
                  </th>
                  <th scope="col" className="w-12 px-2 py-1">
                    <span className="sr-only">{t("table.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-ink/10">
                {rows.map((row) => {
                  const link = row.original;
                  return (
                    <tr
                      key={row.id}
                      data-testid="link-row"
                      aria-selected={row.getIsSelected()}
                      className="h-7 hover:bg-ink/[0.03] aria-selected:bg-brand/5 pointer-coarse:h-10"
                    >
                      <td className="px-2">
                        <div className="flex items-center">
                          <Checkbox
                            checked={row.getIsSelected()}
                            onCheckedChange={(value) => row.toggleSelected(value === true)}
                            aria-label={t("table.select", { name: link.guestName })}
                            className="pointer-coarse:size-10"
                          />
                        </div>
                      </td>
                      <td className="max-w-0 min-w-36 px-2 lg:w-[28%]">
                        <div className="flex min-w-0 items-baseline gap-2">
                          <Link
                            href={`/dashboard/studios/${studioId}/links/${link.id}`}
                            className="focus-ring truncate font-medium hover:underline"
                          >
                            {link.guestName}
                          </Link>
                          {link.guestEmail && (
                            <span className="hidden truncate text-xs text-ink-muted lg:inline">
                              {link.guestEmail}
                            </span>
                          )}
                          {!link.readable && (
                            <span className="text-xs font-medium text-red-800">
                              {t("table.unreadable")}
                            </span>
                          )}
                        </div>
                      </td>
                      <td className="px-2">
                        <StateBadge state={link.state} />
                      </td>
                      <td className="px-2">
                        <When at={link.validFrom} timeZone={timeZone} />
                      </td>
                      <td className="px-2">
                        <When at={link.validUntil} timeZone={timeZone} />
                      </td>
                      <td className="px-2">
                        <EmailStatusLabel status={link.email?.status ?? "none"} />
                      </td>
                      <td className="px-2">
                        {link.lastUnlockAt ? (
                          <When at={link.lastUnlockAt} timeZone={timeZone} />
                        ) : (
                          <span className="text-ink-muted">{t("table.never")}</span>
                        )}
                      </td>
                      <td className="px-1">
                        <div className="flex justify-end">
                          <LinkRowMenu
                            studioId={studioId}
                            link={{ ...link, ...subject(link) }}
                            actions={actions}
                          />
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {/* Phone: a card per link, the same facts and the same menu. */}
          <ul className="space-y-2 md:hidden" aria-label={t("table.cards")}>
            {rows.map((row) => {
              const link = row.original;
              return (
                <li
                  key={row.id}
                  data-testid="link-card"
                  className="rounded-lg border border-ink/15 p-3 aria-selected:bg-brand/5"
                >
                  <div className="flex items-start gap-3">
                    <div className="pt-1">
                      <Checkbox
                        checked={row.getIsSelected()}
                        onCheckedChange={(value) => row.toggleSelected(value === true)}
                        aria-label={t("table.select", { name: link.guestName })}
                        className="pointer-coarse:size-10"
                      />
                    </div>
                    <div className="min-w-0 flex-1 space-y-1">
                      <div className="flex items-center justify-between gap-2">
                        <Link
                          href={`/dashboard/studios/${studioId}/links/${link.id}`}
                          className="focus-ring inline-flex min-h-11 min-w-0 items-center truncate font-semibold"
                        >
                          {link.guestName}
                        </Link>
                        <StateBadge state={link.state} />
                      </div>
                      {link.guestEmail && (
                        <p className="truncate text-sm text-ink-muted">{link.guestEmail}</p>
                      )}
                      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
                        <dt className="text-ink-muted">{t("table.window")}</dt>
                        <dd>
                          <When at={link.validFrom} timeZone={timeZone} /> –{" "}
                          <When at={link.validUntil} timeZone={timeZone} />
                        </dd>
                        <dt className="text-ink-muted">{t("table.email")}</dt>
                        <dd>
                          <EmailStatusLabel status={link.email?.status ?? "none"} />
                        </dd>
                        <dt className="text-ink-muted">{t("table.lastUnlock")}</dt>
                        <dd>
                          {link.lastUnlockAt ? (
                            <When at={link.lastUnlockAt} timeZone={timeZone} />
                          ) : (
                            t("table.never")
                          )}
                        </dd>
                      </dl>
                    </div>
                    <LinkRowMenu
                      studioId={studioId}
                      link={{ ...link, ...subject(link) }}
                      actions={actions}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
          <p className="text-xs text-ink-muted">
            {data &&
              (data.totalCapped
                ? t("table.totalCapped", { count: data.total })
                : t("table.total", { count: data.total }))}
            {" · "}
            {t("table.timeZoneNote", { timeZone })}
          </p>
        </>
      )}

      {data && (pages > 1 || hasNext) && (
        <nav aria-label={t("pages.label")} className="flex items-center gap-3">
          <Button
            disabled={page <= 1}
            onClick={() => showPage(page - 1)}
            className="disabled:opacity-50"
          >
            {t("pages.previous")}
          </Button>
          <span className="text-sm">
            {data.totalCapped
              ? t("pages.ofAtLeast", { page, pages })
              : t("pages.of", { page, pages })}
          </span>
          <Button
            disabled={!hasNext}
            onClick={() => showPage(page + 1)}
            className="disabled:opacity-50"
          >
            {t("pages.next")}
          </Button>
        </nav>
      )}
    </div>
  );
}
