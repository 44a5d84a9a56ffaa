import { handle } from "@/lib/api/handle";
import { deletePassType, updatePassType } from "@/lib/contracts/access-rules";
import { deletePassTypeService, updatePassTypeService } from "@/lib/access-rules/endpoints";

export const PATCH = handle(updatePassType, updatePassTypeService);
export const DELETE = handle(deletePassType, deletePassTypeService);
