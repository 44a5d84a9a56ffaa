import { handle } from "@/lib/api/handle";
import { getTeam } from "@/lib/contracts/team";
import { getTeamService } from "@/lib/team/endpoints";

export const GET = handle(getTeam, getTeamService);
