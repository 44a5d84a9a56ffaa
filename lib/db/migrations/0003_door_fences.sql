CREATE TABLE "kisi_group_doors" (
	"organization_id" uuid NOT NULL,
	"kisi_group_id" bigint NOT NULL,
	"kisi_lock_id" bigint NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kisi_group_doors_organization_id_kisi_group_id_kisi_lock_id_pk" PRIMARY KEY("organization_id","kisi_group_id","kisi_lock_id")
);
--> statement-breakpoint
ALTER TABLE "kisi_group_doors" ADD CONSTRAINT "kisi_group_doors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kisi_group_doors_lock_idx" ON "kisi_group_doors" USING btree ("organization_id","kisi_lock_id");