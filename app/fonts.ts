import localFont from "next/font/local";

// Self-hosted: Google-hosted fonts need the internet at build time, and the access page must make
// no third-party requests (SECURITY.md A-5).
export const inter = localFont({
  src: "../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
  variable: "--font-inter",
  display: "swap",
  weight: "100 900",
});
