CREATE TABLE "pass_types" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"studio_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rules" jsonb NOT NULL,
	"window_minutes" integer NOT NULL,
	"locale" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pass_types_studio_name_uq" UNIQUE("studio_id","name"),
	CONSTRAINT "pass_types_window_positive" CHECK ("pass_types"."window_minutes" > 0)
);
--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "rules" jsonb;--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "pass_type_id" uuid;--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "visits_used" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "visit_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "visit_confirmed" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "access_links" ADD COLUMN "first_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "opening_hours" jsonb;--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "visit_minutes" integer;--> statement-breakpoint
ALTER TABLE "bulk_batch_rows" ADD COLUMN "pass_type_id" uuid;--> statement-breakpoint
ALTER TABLE "bulk_batch_rows" ADD COLUMN "rules" jsonb;--> statement-breakpoint
ALTER TABLE "brand_templates" ADD COLUMN "pass_types" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "pass_types" ADD CONSTRAINT "pass_types_studio_id_studios_id_fk" FOREIGN KEY ("studio_id") REFERENCES "public"."studios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pass_types_studio_idx" ON "pass_types" USING btree ("studio_id");--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_pass_type_id_pass_types_id_fk" FOREIGN KEY ("pass_type_id") REFERENCES "public"."pass_types"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_links" ADD CONSTRAINT "access_links_visits_used" CHECK ("access_links"."visits_used" >= 0);--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_visit_minutes_positive" CHECK ("studios"."visit_minutes" is null or "studios"."visit_minutes" > 0);