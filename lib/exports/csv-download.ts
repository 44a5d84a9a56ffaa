import "server-only";

/**
 * A CSV file to download, streamed as it is produced (an export may be a whole audit log), never
 * cached. `bom` writes a byte-order mark first, so spreadsheet programs read accented names as
 * UTF-8 (the guest-facing files have one; the staff audit's export has always been without).
 */
export function csvDownload(
  filename: string,
  chunks: AsyncIterator<string> | Iterator<string>,
  options: { bom: boolean },
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => {
      if (options.bom) controller.enqueue(encoder.encode("\uFEFF"));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel: () => void chunks.return?.(undefined),
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** `latchkey-audit-2026-12-01.csv`: the day the export was made, UTC. */
export function datedFilename(prefix: string, now: Date): string {
  return `${prefix}-${now.toISOString().slice(0, 10)}.csv`;
}
