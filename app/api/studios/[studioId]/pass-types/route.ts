import { handle } from "@/lib/api/handle";
import { createPassType, listPassTypes } from "@/lib/contracts/access-rules";
import { createPassTypeService, listPassTypesService } from "@/lib/access-rules/endpoints";

export const GET = handle(listPassTypes, listPassTypesService);
export const POST = handle(createPassType, createPassTypeService);
