import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ERROR_CODES, type ErrorCode } from "@/lib/api/error-codes";
import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/contracts/openapi";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ApiReference");
  return { title: t("title") };
}

type Parameter = { name: string; in: string; required: boolean; description?: string };
type Operation = {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  parameters: Parameter[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};

const METHOD_STYLE: Record<string, string> = {
  get: "bg-blue-100 text-blue-900",
  post: "bg-green-100 text-green-900",
  patch: "bg-amber-100 text-amber-900",
  put: "bg-amber-100 text-amber-900",
  delete: "bg-red-100 text-red-900",
};

const anchor = (id: string) => `op-${id.replace(/[^a-zA-Z0-9]+/g, "-")}`;

/**
 * The readable API reference for booking-system developers: rendered on the server from the
 * same OpenAPI document /api/openapi.json serves (so it works offline, loads no script and no
 * CDN), with the error codes in the reader's language.
 */
export default async function ApiReferencePage() {
  const t = await getTranslations("ApiReference");
  const tErrors = await getTranslations("Errors");
  const doc = openApiDocument(getConfig().appOrigin);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op: op as Operation })),
  );
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];

  return (
    <main className="mx-auto max-w-4xl space-y-10 px-4 py-10 sm:px-6">
      <header className="space-y-3">
        <h1 className="text-3xl font-bold tracking-tight">{t("title")}</h1>
        <p className="max-w-prose text-lg text-ink-muted">{t("intro")}</p>
        <p>
          <a
            href="/api/openapi.json"
            className="focus-ring font-semibold text-brand underline underline-offset-4"
          >
            {t("download")}
          </a>
        </p>
      </header>

      <nav aria-labelledby="toc-heading" className="space-y-2">
        <h2 id="toc-heading" className="text-xl font-semibold">
          {t("tocHeading")}
        </h2>
        <ul className="space-y-1">
          {operations.map(({ path, method, op }) => (
            <li key={op.operationId}>
              <a
                href={`#${anchor(op.operationId)}`}
                className="focus-ring inline-flex min-h-11 items-center gap-2 underline-offset-4 hover:underline"
              >
                <span className="w-16 font-mono text-sm font-semibold uppercase">{method}</span>
                <span className="font-mono text-sm break-all">{path}</span>
                <span className="text-ink-muted">— {op.summary}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="auth-heading" className="space-y-2">
        <h2 id="auth-heading" className="text-xl font-semibold">
          {t("authHeading")}
        </h2>
        <p className="max-w-prose">{t("authStudio")}</p>
        <p className="max-w-prose">{t("authVisitor")}</p>
      </section>

      <section aria-labelledby="idempotency-heading" className="space-y-2">
        <h2 id="idempotency-heading" className="text-xl font-semibold">
          {t("idempotencyHeading")}
        </h2>
        <p className="max-w-prose">{t("idempotency")}</p>
      </section>

      {operations.map(({ path, method, op }) => (
        <section
          key={op.operationId}
          id={anchor(op.operationId)}
          aria-labelledby={`${anchor(op.operationId)}-heading`}
          className="scroll-mt-4 space-y-4 border-t border-ink/15 pt-6"
        >
          <h2 id={`${anchor(op.operationId)}-heading`} className="space-y-1">
            <span className="block text-xl font-semibold">{op.summary}</span>
            <span className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded px-2 py-0.5 font-mono text-sm font-bold uppercase ${METHOD_STYLE[method] ?? ""}`}
              >
                {method}
              </span>
              <code className="text-sm break-all">{path}</code>
            </span>
          </h2>
          {op.description.split("\n\n").map((paragraph) => (
            <p key={paragraph} className="max-w-prose">
              <InlineCode text={paragraph} />
            </p>
          ))}
          {op.parameters.length > 0 && (
            <div className="space-y-1">
              <h3 className="font-semibold">{t("parameters")}</h3>
              {/* Focusable: on a phone the table scrolls sideways, and keyboards must reach it. */}
              <div
                tabIndex={0}
                role="region"
                aria-label={`${t("parameters")}: ${op.summary}`}
                className="focus-ring overflow-x-auto"
              >
                <DocTable
                  headers={[t("name"), t("in"), t("required")]}
                  rows={op.parameters.map((p) => ({
                    key: `${p.in}-${p.name}`,
                    cells: [p.name, p.in, p.required ? t("yes") : t("no")],
                  }))}
                />
              </div>
            </div>
          )}
          {op.requestBody && (
            <SchemaBlock
              title={t("requestBody")}
              schema={op.requestBody.content["application/json"].schema}
            />
          )}
          <div className="space-y-2">
            <h3 className="font-semibold">{t("responses")}</h3>
            <ul className="space-y-1 text-sm">
              {Object.entries(op.responses).map(([status, response]) => (
                <li key={status}>
                  <span className="font-mono font-semibold">{status}</span> {response.description}
                </li>
              ))}
            </ul>
            {Object.entries(op.responses)
              .filter(([status]) => status.startsWith("2"))
              .slice(0, 1)
              .map(([status, response]) => (
                <SchemaBlock
                  key={status}
                  title={t("schema", { status })}
                  schema={response.content?.["application/json"]?.schema}
                />
              ))}
          </div>
        </section>
      ))}

      <section aria-labelledby="errors-heading" className="space-y-2 border-t border-ink/15 pt-6">
        <h2 id="errors-heading" className="text-xl font-semibold">
          {t("errorsHeading")}
        </h2>
        <p className="max-w-prose">{t("errorsIntro")}</p>
        <div
          tabIndex={0}
          role="region"
          aria-labelledby="errors-heading"
          className="focus-ring overflow-x-auto"
        >
          <DocTable
            headers={[t("code"), t("status"), t("meaning")]}
            rows={codes.map((code) => ({
              key: code,
              cells: [code, String(ERROR_CODES[code].status), tErrors(ERROR_CODES[code].message)],
            }))}
          />
        </div>
      </section>
    </main>
  );
}

function SchemaBlock({ title, schema }: { title: string; schema: unknown }) {
  if (schema === undefined) return null;
  return (
    <details className="space-y-1">
      <summary className="focus-ring inline-flex min-h-11 cursor-pointer items-center font-semibold">
        {title}
      </summary>
      <pre
        tabIndex={0}
        aria-label={title}
        className="max-h-96 overflow-auto rounded-lg border border-ink/15 bg-ink/5 p-3 text-xs"
      >
        <code>{JSON.stringify(schema, null, 2)}</code>
      </pre>
    </details>
  );
}

/** The document's descriptions mark code with backticks (Markdown, as OpenAPI allows). */
function InlineCode({ text }: { text: string }) {
  return text.split(/`([^`]+)`/).map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} className="rounded bg-ink/5 px-1 font-mono text-[0.9em]">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

/** A reference table; the first column is a name in code type. */
function DocTable({
  headers,
  rows,
}: {
  headers: string[];
  rows: { key: string; cells: string[] }[];
}) {
  return (
    <table className="w-full text-left text-sm">
      <thead>
        <tr className="border-b border-ink/20">
          {headers.map((header) => (
            <th key={header} scope="col" className="py-1 pr-4">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className="border-b border-ink/10 align-top">
            {row.cells.map((cell, i) => (
              <td key={i} className={`py-1 pr-4 ${i === 0 ? "font-mono" : ""}`}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
