CREATE TABLE "unlock_waits" (
	"link_id" uuid NOT NULL,
	"kisi_lock_id" bigint NOT NULL,
	"lane" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unlock_waits_link_id_kisi_lock_id_pk" PRIMARY KEY("link_id","kisi_lock_id")
);
--> statement-breakpoint
ALTER TABLE "unlock_waits" ADD CONSTRAINT "unlock_waits_link_id_access_links_id_fk" FOREIGN KEY ("link_id") REFERENCES "public"."access_links"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unlock_waits_lane_idx" ON "unlock_waits" USING btree ("lane","queued_at");