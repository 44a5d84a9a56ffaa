import { PlugZap } from "lucide-react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";

/**
 * "Not connected": the studio cannot open doors yet (no Kisi key, a key Kisi refused, no group).
 * Text and icon, not colour alone; shown wherever the studio appears (list, header, Today).
 */
export function NotConnectedBadge() {
  const t = useTranslations("Onboarding");
  return (
    <Badge tone="warning" icon={<PlugZap aria-hidden="true" className="size-3.5" />}>
      {t("notConnected")}
    </Badge>
  );
}
