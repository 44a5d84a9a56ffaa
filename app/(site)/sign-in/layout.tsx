import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

/** The sign-in form is a client component: it gets the catalogue here (the root passes none). */
export default function SignInLayout({ children }: { children: ReactNode }) {
  return <ClientMessages>{children}</ClientMessages>;
}
