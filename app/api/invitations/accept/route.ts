import { handle } from "@/lib/api/handle";
import { acceptInvitation } from "@/lib/contracts/team";
import { acceptInvitationService } from "@/lib/team/endpoints";

export const POST = handle(acceptInvitation, acceptInvitationService);
