import { handle } from "@/lib/api/handle";
import { bulkLinkAction } from "@/lib/contracts/links";
import { bulkLinkActionService } from "@/lib/links/endpoints";

export const POST = handle(bulkLinkAction, bulkLinkActionService);
