import { handle } from "@/lib/api/handle";
import { deletePassType } from "@/lib/contracts/access-rules";
import { deletePassTypeService } from "@/lib/access-rules/endpoints";

export const DELETE = handle(deletePassType, deletePassTypeService);
