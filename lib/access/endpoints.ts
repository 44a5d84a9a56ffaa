import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { ServiceContext } from "@/lib/api/handle";
import { clientIp } from "@/lib/api/request-guards";
import type { getAccessView, unlockDoor, unlockQueue } from "@/lib/contracts/access";
import { findLinkByToken } from "@/lib/links/find-by-token";
import { getAccessDeps } from "./deps";
import { DEFAULT_UNLOCK_QUEUE, queuePosition } from "./unlock-queue";
import { ACCESS_LIMITS, hitRateLimit } from "./rate-limit";
import { countFailedLookup, hashClientIp, parseLockId, unlockDoor as unlock } from "./unlock";
import { buildAccessView } from "./view";

/** The guest's link, branding, geofence and doors (the page's refresh). Reading changes nothing. */
export async function accessViewService({ req, caller }: ServiceContext<typeof getAccessView>) {
  const { deps, access } = await visitorLink(
    req,
    caller.token,
    "doors",
    ACCESS_LIMITS.doorsPerToken,
  );
  const view = await buildAccessView(deps, access);
  if (!view) throw new ApiError("not_found");
  return view;
}

/** A guest's tap: the server decides (window, door, geofence, limits), and audits it. */
export async function unlockDoorService(ctx: ServiceContext<typeof unlockDoor>) {
  const { req, caller, params, body } = ctx;
  return unlock(await getAccessDeps(), {
    token: caller.token,
    lockId: parseLockId(params.lockId),
    body,
    ip: clientIp(req.headers),
    userAgent: req.headers.get("user-agent"),
    signal: req.signal,
  });
}

/** Where the guest's waiting tap on a door stands (the page shows "you're 12th, about 3 s"). */
export async function unlockQueueService({
  req,
  caller,
  params,
}: ServiceContext<typeof unlockQueue>) {
  const lockId = parseLockId(params.lockId);
  const { deps, access } = await visitorLink(
    req,
    caller.token,
    "queue",
    ACCESS_LIMITS.queuePerToken,
  );
  return queuePosition(
    deps.db,
    { linkId: access.link.id, lockId },
    (deps.queue ?? DEFAULT_UNLOCK_QUEUE).maxQueueSeconds,
  );
}

/**
 * The link behind a visitor's token, within its per-link limit for this read. Unknown tokens
 * count against the caller's address, as on the unlock route: otherwise a read would be a free
 * oracle for guessing tokens. Valid links never count.
 */
async function visitorLink(
  req: Request,
  token: string | null,
  limitName: string,
  limit: { limit: number; windowSeconds: number },
) {
  const deps = await getAccessDeps();
  const access = await findLinkByToken(deps.db, token);
  if (!access)
    throw await countFailedLookup(deps.db, hashClientIp(deps.ipSalt, clientIp(req.headers)));
  const hit = await hitRateLimit(
    deps.db,
    `${limitName}:${access.link.id}`,
    limit.limit,
    limit.windowSeconds,
  );
  if (!hit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: hit.retryAfterSeconds });
  return { deps, access };
}
