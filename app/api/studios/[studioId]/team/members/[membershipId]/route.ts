import { handle } from "@/lib/api/handle";
import { changeMemberRole, removeMember } from "@/lib/contracts/team";
import { changeMemberRoleService, removeMemberService } from "@/lib/team/endpoints";

export const PATCH = handle(changeMemberRole, changeMemberRoleService);
export const DELETE = handle(removeMember, removeMemberService);
