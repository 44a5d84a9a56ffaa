import { devices, type BrowserContextOptions } from "@playwright/test";

/**
 * The two phones every guest-page screenshot is taken on: a Pixel 7 and the smallest screen
 * still common at a studio door, an iPhone SE (375×667).
 */
export const PHONES: Record<string, BrowserContextOptions> = {
  pixel7: devices["Pixel 7"],
  iphoneSE: {
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
  },
};
