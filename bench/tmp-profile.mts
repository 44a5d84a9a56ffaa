import { chromium } from "@playwright/test";
const url = process.argv[2]!;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const agg = new Map<string, number>();
let totalAll = 0;
for (let run = 0; run < 3; run++) {
  const context = await browser.newContext({
    viewport: { width: 412, height: 915 },
    isMobile: true,
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(2500);
  const { profile } = await cdp.send("Profiler.stop");
  const dt = new Map<number, number>();
  profile.samples!.forEach((id, i) =>
    dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas![i] ?? 0)),
  );
  for (const n of profile.nodes) {
    const t = (dt.get(n.id) ?? 0) / 1000;
    const f = n.callFrame;
    if (["(idle)", "(program)", "(garbage collector)"].includes(f.functionName)) continue;
    totalAll += t;
    const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber}:${f.columnNumber}`;
    agg.set(key, (agg.get(key) ?? 0) + t);
  }
  await context.close();
}
console.log("total js ms per run", Math.round(totalAll / 3));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 35))
  console.log(Math.round(v / 3), k);
await browser.close();
