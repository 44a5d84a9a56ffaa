import { handle } from "@/lib/api/handle";
import { listKisiGroups } from "@/lib/contracts/studios";
import { listKisiGroupsService } from "@/lib/studios/endpoints";

export const GET = handle(listKisiGroups, listKisiGroupsService);
