import { handle } from "@/lib/api/handle";
import { revokeInvitation } from "@/lib/contracts/team";
import { revokeInvitationService } from "@/lib/team/endpoints";

export const DELETE = handle(revokeInvitation, revokeInvitationService);
