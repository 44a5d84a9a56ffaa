import { CsvError, parse, type Options } from "csv-parse/sync";

/**
 * RFC 4180 parsing through csv-parse, kept free of server-only imports so it can be tested on
 * its own. Quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and a lone CR
 * all end a record, even mixed in one file (spreadsheets and hand edits mix them); a UTF-8
 * byte-order mark (Excel writes one) is dropped. Rows may differ in length: the validator
 * reports that per row (`columnCount`) instead of refusing the whole file. A stray quote inside
 * an unquoted field (`Jo "the boss" Smith`) is kept as text, as spreadsheets write it. An
 * unterminated quote is an error rather than a guess, since guessing would shift every later
 * field into the wrong column.
 */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`unterminated or misplaced quote in the record starting on line ${line}`);
    this.name = "CsvSyntaxError";
  }
}

const OPTIONS: Options = {
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ["\r\n", "\n", "\r"],
};

export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let records: string[][];
  try {
    records = parse(text, OPTIONS);
  } catch (error) {
    if (error instanceof CsvError) throw new CsvSyntaxError(recordStartLine(text, error));
    throw error;
  }
  // Lines of blanks (spacing in a hand-written file) carry no row either.
  return records.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
}

/**
 * The line on which the record that failed begins: csv-parse reports the line where it gave
 * up (the end of the file, for an open quote), which points a user at the wrong place. It
 * does count the bytes of the records it finished, so the failing one starts after them and
 * after any blank lines that follow.
 */
function recordStartLine(text: string, error: CsvError): number {
  const done = Number(error.bytes_records ?? 0);
  // Bytes of UTF-8, back to string offsets (a record boundary never splits a character).
  let at = new TextDecoder().decode(new TextEncoder().encode(text).subarray(0, done)).length;
  let line = 1 + lineBreaks(text.slice(0, at));
  while (text[at] === "\r" || text[at] === "\n") {
    at += text[at] === "\r" && text[at + 1] === "\n" ? 2 : 1;
    line++;
  }
  return line;
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}
