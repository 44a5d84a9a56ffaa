/**
 * Unlock outcomes where nobody refused the guest: the door system (Kisi) or Latchkey itself was
 * out of reach, so the door was not opened. Staff must not read these as a refusal (and tell
 * the guest they were turned away), so the dashboard words and marks them apart. No server-only:
 * the browser's audit list reads it too.
 */
const OUTAGES: ReadonlySet<string> = new Set(["kisi_unavailable", "service_unavailable"]);

export function isOutage(outcome: string): boolean {
  return OUTAGES.has(outcome);
}
