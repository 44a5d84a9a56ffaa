import { handle } from "@/lib/api/handle";
import { createInvitation } from "@/lib/contracts/team";
import { createInvitationService } from "@/lib/team/endpoints";

export const POST = handle(createInvitation, createInvitationService);
