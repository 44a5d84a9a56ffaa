/**
 * RFC 4180 parsing, kept free of server-only imports so it can be tested on its own. Quoted
 * fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record; a UTF-8
 * byte-order mark (Excel writes one) is dropped. An unterminated quote is an error rather than
 * a guess, since guessing would shift every later field into the wrong column.
 */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number) {
    super(`unterminated quoted field starting on line ${line}`);
    this.name = "CsvSyntaxError";
  }
}

export function parseCsv(input: string): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  let fieldStarted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && !fieldStarted) {
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(startLine);
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === "\n") line++;
        field += q;
        i++;
      }
      fieldStarted = true;
      continue;
    }
    if (c === ",") {
      record.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      fieldStarted = false;
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (fieldStarted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  // Blank lines (a trailing newline, spacing in a hand-written file) carry no row.
  return records.filter((r) => !(r.length === 1 && r[0]!.trim() === ""));
}
