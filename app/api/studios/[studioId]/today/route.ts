import { handle } from "@/lib/api/handle";
import { studioToday } from "@/lib/contracts/dashboard";
import { studioTodayService } from "@/lib/dashboard/endpoints";

export const GET = handle(studioToday, studioTodayService);
