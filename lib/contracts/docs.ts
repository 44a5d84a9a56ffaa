import { z } from "zod";
import { defineContract } from "./define";

export const openApi = defineContract({
  id: "docs.openapi",
  method: "GET",
  path: "/api/openapi.json",
  summary: "This document",
  description: "The API as OpenAPI 3.1, generated from the same contracts the server enforces.",
  caller: { kind: "public", why: "API description: describes endpoints, reveals no data" },
  success: { status: 200, schema: z.looseObject({ openapi: z.literal("3.1.0") }) },
  errors: [],
});
