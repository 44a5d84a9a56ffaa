import { accessViewService } from "@/lib/access/endpoints";
import { handle } from "@/lib/api/handle";
import { getAccessView } from "@/lib/contracts/access";

export const GET = handle(getAccessView, accessViewService);
