import { describe, expect, it } from "vitest";
import { validateBulkCsv, type CsvPassType } from "@/lib/bulk/validate-csv";

const PASS_TYPES: CsvPassType[] = [
  {
    id: "7d4f7a6e-0c1b-4f7e-9f5e-2a0a4b6c8d10",
    name: "Trial class",
    rules: { visitLimit: 1 },
    locale: "de",
  },
  {
    id: "0b1c2d3e-4f50-4a6b-8c9d-0e1f2a3b4c5d",
    name: "Day pass",
    rules: { validForMinutes: 1440 },
    locale: null,
  },
];
const options = {
  timeZone: "Europe/Berlin",
  defaultLocale: "en" as const,
  now: Date.parse("2026-06-01T00:00:00Z"),
  passTypes: PASS_TYPES,
};

describe("the CSV pass_type column", () => {
  it("names a pass type by name (any case) or id; its rules and language come with it", () => {
    const csv = [
      "name,valid_from,valid_until,pass_type",
      "Ann,2026-07-01 09:00,2026-07-15 09:00,trial CLASS",
      `Bob,2026-07-01 09:00,2026-07-03 09:00,${PASS_TYPES[1]!.id}`,
      "Cy,2026-07-01 09:00,2026-07-03 09:00,",
    ].join("\n");
    const result = validateBulkCsv(csv, options);
    expect(result.ok && result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.rows.map((r) => [r.name, r.locale, r.passType])).toEqual([
      ["Ann", "de", { id: PASS_TYPES[0]!.id, rules: { visitLimit: 1 } }],
      ["Bob", "en", { id: PASS_TYPES[1]!.id, rules: { validForMinutes: 1440 } }],
      ["Cy", "en", undefined],
    ]);
  });

  it("refuses an unknown pass type and one longer than the row's window, per row", () => {
    const csv = [
      "name,valid_from,valid_until,pass_type",
      "Ann,2026-07-01 09:00,2026-07-15 09:00,Gold",
      "Bob,2026-07-01 09:00,2026-07-01 18:00,Day pass",
    ].join("\n");
    const result = validateBulkCsv(csv, options);
    expect(result.ok && result.errors).toEqual([
      { row: 2, field: "pass_type", code: "passTypeUnknown" },
      { row: 3, field: "pass_type", code: "durationExceedsWindow" },
    ]);
  });
});
