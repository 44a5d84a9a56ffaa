import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "@/lib/db/errors";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", withCode("ECONNREFUSED")],
    [
      "server shutting down (57P01)",
      withCode("57P01", "terminating connection due to administrator command"),
    ],
    ["server starting up (57P03)", withCode("57P03")],
    ["a connection exception class 08", withCode("08006")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["terminated connection", new Error("Connection terminated unexpectedly")],
    [
      "wrapped by drizzle",
      new Error("Failed query: select 1", { cause: withCode("ECONNREFUSED") }),
    ],
  ])("%s → yes", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505", "duplicate key value")],
    ["a syntax error", withCode("42601")],
    ["a plain bug", new TypeError("cannot read properties of undefined")],
    ["not an error", "ECONNREFUSED"],
    ["nothing", undefined],
  ])("%s → no", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
