import { withApi } from "@/lib/api/handler";
import { betterAuthRoute } from "@/lib/auth/auth-route";

// /api/auth/*: the better-auth endpoints the dashboard uses, and no others (lib/auth/auth-route.ts).
const handle = withApi(betterAuthRoute);
export const GET = handle;
export const POST = handle;
