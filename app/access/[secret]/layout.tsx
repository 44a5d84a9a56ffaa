import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

/** The guest's page: only the words it shows (its own and the visitor API's error messages). */
export default function AccessLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages namespaces={["AccessPage", "Errors", "ErrorPage", "Rules"]}>
      {children}
    </ClientMessages>
  );
}
