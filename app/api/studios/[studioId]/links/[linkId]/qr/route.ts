import { handle } from "@/lib/api/handle";
import { linkQrCode } from "@/lib/contracts/exports";
import { linkQrCodeService } from "@/lib/exports/endpoints";

export const GET = handle(linkQrCode, linkQrCodeService);
