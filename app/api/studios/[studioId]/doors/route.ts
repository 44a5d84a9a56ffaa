import { handle } from "@/lib/api/handle";
import { listDoors, setDoor } from "@/lib/contracts/studios";
import { listDoorsService, setDoorService } from "@/lib/studios/endpoints";

export const GET = handle(listDoors, listDoorsService);
export const PUT = handle(setDoor, setDoorService);
