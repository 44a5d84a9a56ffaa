import { z } from "zod";
import { defineContract } from "./define";

export const health = defineContract({
  id: "health",
  method: "GET",
  path: "/api/health",
  summary: "Readiness",
  description:
    "200 while the database answers, 503 otherwise: a load balancer stops routing to an " +
    "instance that cannot reach PostgreSQL. Reports no data.",
  caller: { kind: "public", why: "health check" },
  success: {
    status: 200,
    also: [503],
    schema: z.object({
      status: z.enum(["ok", "unavailable"]),
      mode: z.enum(["demo", "production"]),
      checks: z.object({ database: z.enum(["ok", "unavailable"]) }),
    }),
  },
  errors: [],
});
