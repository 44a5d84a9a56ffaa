import { handle } from "@/lib/api/handle";
import { health } from "@/lib/contracts/health";
import { healthService } from "@/lib/server/health";

export const GET = handle(health, healthService);
