import { handle } from "@/lib/api/handle";
import { emailPreview } from "@/lib/contracts/studios";
import { emailPreviewService } from "@/lib/studios/endpoints";

export const POST = handle(emailPreview, emailPreviewService);
