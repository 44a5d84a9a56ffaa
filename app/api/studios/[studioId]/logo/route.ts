import { handle } from "@/lib/api/handle";
import { removeLogo, uploadLogo } from "@/lib/contracts/studios";
import { removeLogoService, uploadLogoService } from "@/lib/studios/endpoints";

export const PUT = handle(uploadLogo, uploadLogoService);
export const DELETE = handle(removeLogo, removeLogoService);
