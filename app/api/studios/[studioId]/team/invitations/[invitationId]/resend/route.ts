import { handle } from "@/lib/api/handle";
import { resendInvitation } from "@/lib/contracts/team";
import { resendInvitationService } from "@/lib/team/endpoints";

export const POST = handle(resendInvitation, resendInvitationService);
