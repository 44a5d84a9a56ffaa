import { handle } from "@/lib/api/handle";
import { resendLinkEmail } from "@/lib/contracts/links";
import { resendLinkEmailService } from "@/lib/links/endpoints";

export const POST = handle(resendLinkEmail, resendLinkEmailService);
