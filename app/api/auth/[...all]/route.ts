import type { NextRequest } from "next/server";
import { getAuth } from "@/lib/auth";

// /api/auth/* – better-auth's endpoints (sign-in, sign-out, session). Its own handler validates
// input, checks the Origin of cookie-bearing POSTs and throttles sign-in.
async function handle(req: NextRequest): Promise<Response> {
  const auth = await getAuth();
  return auth.handler(req);
}

export const GET = handle;
export const POST = handle;
