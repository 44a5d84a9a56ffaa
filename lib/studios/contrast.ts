/**
 * Moved to lib/brand/contrast.ts. Kept only for the dashboard components that still import
 * this path; delete once they import lib/brand directly.
 */
export * from "@/lib/brand/contrast";
