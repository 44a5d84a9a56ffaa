import { handle } from "@/lib/api/handle";
import { createLink, listLinks } from "@/lib/contracts/links";
import { createLinkService, listLinksService } from "@/lib/links/endpoints";

export const POST = handle(createLink, createLinkService);
export const GET = handle(listLinks, listLinksService);
