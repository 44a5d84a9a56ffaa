import { unlockDoorService } from "@/lib/access/endpoints";
import { handle } from "@/lib/api/handle";
import { unlockDoor } from "@/lib/contracts/access";

export const POST = handle(unlockDoor, unlockDoorService);
