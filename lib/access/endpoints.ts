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
  const deps = await getAccessDeps();
  const access = await findLinkByToken(deps.db, caller.token);
  // Unknown tokens count against the caller's address, as on the unlock route: otherwise this
  // read would be a free oracle for guessing tokens. Valid links never count.
  if (!access)
    throw await countFailedLookup(deps.db, hashClientIp(deps.ipSalt, clientIp(req.headers)));
  const limit = await hitRateLimit(
    deps.db,
    `doors:${access.link.id}`,
    ACCESS_LIMITS.doorsPerToken.limit,
    ACCESS_LIMITS.doorsPerToken.windowSeconds,
  );
  if (!limit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
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
  const deps = await getAccessDeps();
  const lockId = parseLockId(params.lockId);
  const access = await findLinkByToken(deps.db, caller.token);
  if (!access)
    throw await countFailedLookup(deps.db, hashClientIp(deps.ipSalt, clientIp(req.headers)));
  const limit = await hitRateLimit(
    deps.db,
    `queue:${access.link.id}`,
    ACCESS_LIMITS.queuePerToken.limit,
    ACCESS_LIMITS.queuePerToken.windowSeconds,
  );
  if (!limit.allowed)
    throw new ApiError("rate_limited", { retryAfterSeconds: limit.retryAfterSeconds });
  return queuePosition(
    deps.db,
    { linkId: access.link.id, lockId },
    (deps.queue ?? DEFAULT_UNLOCK_QUEUE).maxQueueSeconds,
  );
}
