ALTER TABLE "access_links" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "bulk_batch_rows" ADD COLUMN "external_ref" text;--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_external_ref_uq" UNIQUE("studio_id","external_ref");