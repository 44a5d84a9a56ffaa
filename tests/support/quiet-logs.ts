import { configureLogger } from "@/lib/log/logger";

// Expected failures log warnings; keep test output readable. Tests about logging install their
// own sink and level.
configureLogger({ level: "silent" });
