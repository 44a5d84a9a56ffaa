"use client";

import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { UnsavedChangesGuard } from "./unsaved-changes";

export const SETTINGS_SECTIONS = [
  "general",
  "branding",
  "kisi",
  "geofence",
  "doors",
  "rules",
] as const;
export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number];

/**
 * The settings as tabs, one section at a time, the open one in the URL (`?section=branding`), so
 * the onboarding checklist links straight to a step and reload keeps the place. Every panel stays
 * mounted (hidden when not shown): half-typed edits survive a tab switch, and the unsaved-changes
 * guard sees them all.
 */
export function SettingsTabs({
  label,
  sections,
}: {
  label: string;
  sections: { id: SettingsSectionId; title: string; panel: ReactNode }[];
}) {
  const params = useSearchParams();
  const asked = params.get("section");
  const current = sections.some((s) => s.id === asked) ? asked! : sections[0]!.id;
  return (
    <UnsavedChangesGuard>
      <Tabs
        value={current}
        // Next keeps useSearchParams in step with history.replaceState: no server round trip.
        onValueChange={(value) => window.history.replaceState(null, "", `?section=${value}`)}
        activationMode="manual"
      >
        <div className="-mx-5 overflow-x-auto px-5">
          <TabsList aria-label={label}>
            {sections.map((s) => (
              <TabsTrigger key={s.id} value={s.id}>
                {s.title}
              </TabsTrigger>
            ))}
          </TabsList>
        </div>
        {sections.map((s) => (
          <TabsContent key={s.id} value={s.id} forceMount className="data-[state=inactive]:hidden">
            {s.panel}
          </TabsContent>
        ))}
      </Tabs>
    </UnsavedChangesGuard>
  );
}
