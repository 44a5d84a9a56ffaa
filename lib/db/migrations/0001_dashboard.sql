CREATE TABLE "kisi_pacing" (
	"key" text PRIMARY KEY NOT NULL,
	"next_slot_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "studios" ADD COLUMN "class_minutes" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "studios" ADD CONSTRAINT "studios_class_minutes_positive" CHECK ("studios"."class_minutes" > 0);