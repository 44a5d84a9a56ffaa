import { handle } from "@/lib/api/handle";
import { createStudio } from "@/lib/contracts/studios";
import { createStudioService } from "@/lib/studios/endpoints";

export const POST = handle(createStudio, createStudioService);
