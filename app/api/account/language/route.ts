import { handle } from "@/lib/api/handle";
import { setDashboardLanguage } from "@/lib/contracts/dashboard";
import { setDashboardLanguageService } from "@/lib/dashboard/endpoints";

export const PUT = handle(setDashboardLanguage, setDashboardLanguageService);
