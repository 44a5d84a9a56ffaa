import { handle } from "@/lib/api/handle";
import { studioLogo } from "@/lib/contracts/studios";
import { studioLogoService } from "@/lib/studios/endpoints";

export const GET = handle(studioLogo, studioLogoService);
