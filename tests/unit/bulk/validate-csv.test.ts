import { describe, expect, it } from "vitest";
import { CsvSyntaxError, parseCsv } from "@/lib/bulk/csv";
import { MAX_BULK_ROWS, bulkTemplate, validateBulkCsv } from "@/lib/bulk/validate-csv";
import { parseZonedLocal } from "@/lib/time/zoned-time";

const NOW = Date.parse("2030-03-01T12:00:00Z");
const HEADER = "name,email,language,valid_from,valid_until";
const validate = (text: string) =>
  validateBulkCsv(text, { timeZone: "Europe/Berlin", defaultLocale: "de", now: NOW });

describe("parseCsv (RFC 4180)", () => {
  it.each([
    [
      "plain fields",
      "a,b\r\nc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "LF line ends and a trailing newline",
      "a,b\nc,d\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    ["a quoted comma", '"Doe, John",x', [["Doe, John", "x"]]],
    ["doubled quotes", '"say ""hi""",x', [['say "hi"', "x"]]],
    ["a line break inside quotes", '"two\nlines",x', [["two\nlines", "x"]]],
    ["empty fields", "a,,c", [["a", "", "c"]]],
    [
      "a UTF-8 byte-order mark",
      "\uFEFFname,x\nJo,y",
      [
        ["name", "x"],
        ["Jo", "y"],
      ],
    ],
    [
      "blank lines",
      "a,b\n\nc,d\n\n",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
    [
      "mixed CRLF, LF and lone CR line ends",
      "a,b\r\nc,d\ne,f\rg,h",
      [
        ["a", "b"],
        ["c", "d"],
        ["e", "f"],
        ["g", "h"],
      ],
    ],
    [
      "a stray quote inside an unquoted field",
      'Jo "the boss" Smith,x',
      [['Jo "the boss" Smith', "x"]],
    ],
    ["rows of different lengths", "a,b\nc", [["a", "b"], ["c"]]],
    // Kept as read: the validator, not the parser, refuses control characters per cell.
    ["a NUL byte", "a\u0000b,c", [["a\u0000b", "c"]]],
    [
      "a whitespace-only line",
      "a,b\n   \nc,d",
      [
        ["a", "b"],
        ["c", "d"],
      ],
    ],
  ])("reads %s", (_, input, expected) => {
    expect(parseCsv(input)).toEqual(expected);
  });

  it.each([
    ["right after the header", 'a,b\n"open,c\nd', 2],
    ["after blank lines and multi-byte text", 'äö,b\r\n\r\n\r\nx,"open,c\nd', 4],
    ["after a quoted field spanning lines", '"a\nb",c\nx,"op\n\nen', 3],
    ["on the first line", '"open', 1],
    ["after a byte-order mark", '\uFEFFa,b\n\n"open', 3],
  ])("refuses an unterminated quote %s, naming the line its record starts on", (_, input, line) => {
    let thrown: unknown;
    try {
      parseCsv(input);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(CsvSyntaxError);
    expect((thrown as CsvSyntaxError).line).toBe(line);
  });
});

describe("parseZonedLocal", () => {
  it.each([
    ["2030-07-01 09:00", "Europe/Berlin", "2030-07-01T07:00:00.000Z"], // summer, +2
    ["2030-01-15 09:00", "Europe/Berlin", "2030-01-15T08:00:00.000Z"], // winter, +1
    ["2030-01-15 09:00", "America/New_York", "2030-01-15T14:00:00.000Z"],
    ["2030-03-31 03:30", "Europe/Berlin", "2030-03-31T01:30:00.000Z"], // just after the jump
  ])("%s in %s is %s", (local, zone, iso) => {
    expect(parseZonedLocal(local, zone)?.toISOString()).toBe(iso);
  });

  it.each(["2030-02-30 10:00", "2030-13-01 10:00", "2030-01-01 24:00", "01/02/2030 10:00"])(
    "refuses %s",
    (value) => {
      expect(parseZonedLocal(value, "Europe/Berlin")).toBeNull();
    },
  );
});

describe("validateBulkCsv", () => {
  it("reads an external_ref column onto its rows; too long or repeated in the file is a row error", () => {
    const result = validate(
      [
        "name,valid_from,valid_until,external_ref",
        "A,2030-03-02 09:00,2030-03-02 18:00,booking-1",
        "B,2030-03-02 09:00,2030-03-02 18:00,",
        "C,2030-03-02 09:00,2030-03-02 18:00,booking-1",
        `D,2030-03-02 09:00,2030-03-02 18:00,${"x".repeat(201)}`,
      ].join("\r\n"),
    );
    if (!result.ok) expect.unreachable("the file is readable");
    expect(result.rows.map((r) => [r.name, r.externalRef])).toEqual([
      ["A", "booking-1"],
      ["B", null],
    ]);
    expect(result.errors).toEqual([
      { row: 4, field: "external_ref", code: "externalRefRepeated" },
      { row: 5, field: "external_ref", code: "externalRefTooLong" },
    ]);
  });

  it("accepts ISO times with an offset and studio-local times, any column order and case", () => {
    const result = validate(
      [
        "Valid_Until,NAME,Email,valid_from,language",
        "2030-03-02T18:00:00+01:00,Jane,jane@example.com,2030-03-02T09:00:00+01:00,fr",
        '2030-03-03 18:00,"Doe, John",,2030-03-03 09:00,',
      ].join("\r\n"),
    );
    expect(result).toEqual({
      ok: true,
      total: 2,
      errors: [],
      rows: [
        {
          row: 2,
          name: "Jane",
          email: "jane@example.com",
          locale: "fr",
          validFrom: new Date("2030-03-02T08:00:00Z"),
          validUntil: new Date("2030-03-02T17:00:00Z"),
          externalRef: null,
        },
        {
          row: 3,
          name: "Doe, John",
          email: null,
          locale: "de", // the studio's default
          validFrom: new Date("2030-03-03T08:00:00Z"),
          validUntil: new Date("2030-03-03T17:00:00Z"),
          externalRef: null,
        },
      ],
    });
  });

  it("email and language columns may be left out of the header", () => {
    const result = validate("name,valid_from,valid_until\nJo,2030-03-02 09:00,2030-03-02 10:00");
    expect(result.ok && result.rows[0]).toMatchObject({ email: null, locale: "de" });
  });

  it.each([
    ["an empty name", ",,,2030-03-02 09:00,2030-03-02 10:00", [["name", "nameRequired"]]],
    [
      "a long name",
      `${"x".repeat(121)},,,2030-03-02 09:00,2030-03-02 10:00`,
      [["name", "nameTooLong"]],
    ],
    [
      "a bad email",
      "Jo,not-an-email,,2030-03-02 09:00,2030-03-02 10:00",
      [["email", "emailInvalid"]],
    ],
    [
      "an unknown language",
      "Jo,,pt,2030-03-02 09:00,2030-03-02 10:00",
      [["language", "languageInvalid"]],
    ],
    ["a missing start", "Jo,,,,2030-03-02 10:00", [["valid_from", "dateRequired"]]],
    ["a bad date", "Jo,,,2030-02-30 09:00,2030-03-02 10:00", [["valid_from", "dateInvalid"]]],
    ["a date without time", "Jo,,,2030-03-02,2030-03-03 10:00", [["valid_from", "dateInvalid"]]],
    [
      "an ISO time without offset",
      "Jo,,,2030-03-02T09:00:00,2030-03-02 10:00",
      [["valid_from", "dateInvalid"]],
    ],
    [
      "an end before the start",
      "Jo,,,2030-03-02 10:00,2030-03-02 09:00",
      [["valid_until", "untilBeforeFrom"]],
    ],
    [
      "an end in the past",
      "Jo,,,2030-02-01 10:00,2030-02-02 09:00",
      [["valid_until", "untilInPast"]],
    ],
    [
      "a window over 366 days",
      "Jo,,,2030-03-02 10:00,2031-04-02 09:00",
      [["valid_until", "windowTooLong"]],
    ],
    ["a row with too few columns", "Jo,,", [[null, "columnCount"]]],
    [
      "several bad fields at once",
      "Jo,bad,xx,nope,2030-03-02 10:00",
      [
        ["email", "emailInvalid"],
        ["language", "languageInvalid"],
        ["valid_from", "dateInvalid"],
      ],
    ],
  ])("reports %s with its row, field and code", (_, line, expected) => {
    const result = validate(`${HEADER}\nOk,,,2030-03-02 09:00,2030-03-02 10:00\n${line}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => r.row)).toEqual([2]);
    expect(result.errors).toEqual(expected.map(([field, code]) => ({ row: 3, field, code })));
  });

  it.each([
    ["an empty file", "", "csv_empty"],
    ["a header only", `${HEADER}\n`, "csv_empty"],
    [
      "an unterminated quote",
      `${HEADER}\n"Jo,,,2030-03-02 09:00,2030-03-02 10:00`,
      "csv_malformed",
    ],
    ["missing columns", "name,email\nJo,", "csv_missing_columns"],
    [
      "too many rows",
      `${HEADER}\n${"Jo,,,2030-03-02 09:00,2030-03-02 10:00\n".repeat(MAX_BULK_ROWS + 1)}`,
      "csv_too_many_rows",
    ],
  ])("refuses %s as a whole", (_, text, problem) => {
    expect(validate(text)).toMatchObject({ ok: false, problem });
  });

  it("names the missing columns", () => {
    expect(validate("name,email\nJo,")).toEqual({
      ok: false,
      problem: "csv_missing_columns",
      missing: ["valid_from", "valid_until"],
    });
  });

  it("takes exactly the maximum number of rows", () => {
    const text = `${HEADER}\n${"Jo,,,2030-03-02 09:00,2030-03-02 10:00\n".repeat(MAX_BULK_ROWS)}`;
    const result = validate(text);
    expect(result.ok && result.rows).toHaveLength(MAX_BULK_ROWS);
  });

  it("the template it offers validates cleanly", () => {
    const result = validateBulkCsv(bulkTemplate(new Date(NOW)), {
      timeZone: "Europe/Berlin",
      defaultLocale: "en",
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, errors: [], total: 2 });
  });
});
