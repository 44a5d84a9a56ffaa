"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useLocale, useTranslations } from "next-intl";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import { de, en, es, fr, it, nl } from "zod/locales";
import type { z } from "zod";
import { ApiRequestError } from "@/lib/contracts/client";

const ZOD_LOCALES = { de, en, es, fr, it, nl } as const;

/**
 * A form validated by a contract's own body schema, so every limit (lengths, ranges, formats,
 * the window rules) is written once, in lib/contracts, and the browser says what the server
 * would. Messages are in the admin's language: zod's own in its locale, Latchkey's rule keys
 * (`untilBeforeFrom`, …) from the Errors.issues catalogue, exactly as the server words them.
 * `applyServerError` puts the server's field issues under the fields they name.
 */
export function useContractForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues?: DefaultValues<z.input<S>>,
) {
  const locale = useLocale() as keyof typeof ZOD_LOCALES;
  const t = useTranslations("Errors");
  const form = useForm<z.input<S>, unknown, z.output<S>>({
    resolver: zodResolver(schema as never, {
      error: (ZOD_LOCALES[locale] ?? en)().localeError,
    }) as never,
    defaultValues,
    mode: "onTouched",
  });
  /** The message to show: Latchkey's rule keys translated, zod's (already localized) as is. */
  const message = (text: string | undefined) => {
    if (!text) return undefined;
    const key = `issues.${text}` as Parameters<typeof t>[0];
    return t.has(key) ? t(key) : text;
  };
  /** True when the server's issues landed on fields; false leaves the error to the form alert. */
  const applyServerError = (error: unknown): boolean => {
    if (!(error instanceof ApiRequestError) || error.issues.length === 0) return false;
    let placed = false;
    for (const issue of error.issues) {
      if (!issue.path) continue;
      form.setError(issue.path as Path<z.input<S>>, { message: issue.message });
      placed = true;
    }
    return placed;
  };
  return { ...form, message, applyServerError };
}
