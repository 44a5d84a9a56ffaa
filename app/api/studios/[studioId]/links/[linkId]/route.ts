import { handle } from "@/lib/api/handle";
import { changeLinkWindow, getLink, revokeLink } from "@/lib/contracts/links";
import { changeLinkWindowService, getLinkService, revokeLinkService } from "@/lib/links/endpoints";

export const GET = handle(getLink, getLinkService);
export const PATCH = handle(changeLinkWindow, changeLinkWindowService);
export const DELETE = handle(revokeLink, revokeLinkService);
