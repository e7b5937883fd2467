CREATE TABLE "agent_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"capacity" jsonb NOT NULL,
	"voice_blocks_others" boolean DEFAULT true NOT NULL,
	"others_block_voice" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_skills" (
	"user_id" uuid NOT NULL,
	"skill_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "agent_skills_user_id_skill_id_pk" PRIMARY KEY("user_id","skill_id")
);
--> statement-breakpoint
CREATE TABLE "business_hours" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"spec" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"customer_id" uuid,
	"phone" text,
	"due_at" timestamp with time zone NOT NULL,
	"note" text,
	"from_contact_id" uuid,
	"place_at" timestamp with time zone,
	"preferred_agent_id" uuid,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"contact_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_legs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"queue_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"agent_user_id" uuid,
	"offered_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"wrap_up_ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"external_id" text,
	"channel" text NOT NULL,
	"kind" text DEFAULT 'inbound' NOT NULL,
	"queue_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"customer_id" uuid,
	"from_address" text,
	"serial" text,
	"subject" text,
	"priority" integer,
	"status" text NOT NULL,
	"outcome" text,
	"agent_user_id" uuid,
	"arrived_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"context" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reason_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_agent_runtime" (
	"agent_id" uuid PRIMARY KEY NOT NULL,
	"runtime" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_contact_runtime" (
	"contact_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"runtime" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "routing_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"tenant_id" uuid,
	"agent_id" uuid,
	"contact_id" uuid,
	"payload" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"now" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_queues" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"required_skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"aging_per_minute" real DEFAULT 1 NOT NULL,
	"offer_timeout_sec" integer DEFAULT 20 NOT NULL,
	"wrap_up_limit_sec" integer DEFAULT 60 NOT NULL,
	"service_level_sec" integer DEFAULT 20 NOT NULL,
	"service_level_target" real DEFAULT 0.8 NOT NULL,
	"sticky_window_sec" integer DEFAULT 0 NOT NULL,
	"overflow" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"hours_id" uuid,
	"when_closed" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_skills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD CONSTRAINT "agent_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_skill_id_routing_skills_id_fk" FOREIGN KEY ("skill_id") REFERENCES "public"."routing_skills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_skills" ADD CONSTRAINT "agent_skills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "business_hours" ADD CONSTRAINT "business_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_from_contact_id_contacts_id_fk" FOREIGN KEY ("from_contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_preferred_agent_id_users_id_fk" FOREIGN KEY ("preferred_agent_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "callbacks" ADD CONSTRAINT "callbacks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_legs" ADD CONSTRAINT "contact_legs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_legs" ADD CONSTRAINT "contact_legs_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_legs" ADD CONSTRAINT "contact_legs_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_legs" ADD CONSTRAINT "contact_legs_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_queue_id_routing_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."routing_queues"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reason_codes" ADD CONSTRAINT "reason_codes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_agent_runtime" ADD CONSTRAINT "routing_agent_runtime_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_contact_runtime" ADD CONSTRAINT "routing_contact_runtime_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_queues" ADD CONSTRAINT "routing_queues_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_queues" ADD CONSTRAINT "routing_queues_hours_id_business_hours_id_fk" FOREIGN KEY ("hours_id") REFERENCES "public"."business_hours"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_skills" ADD CONSTRAINT "routing_skills_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agent_skills_tenant_idx" ON "agent_skills" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "business_hours_tenant_name_uq" ON "business_hours" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "callbacks_status_due_idx" ON "callbacks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "callbacks_tenant_idx" ON "callbacks" USING btree ("tenant_id","due_at");--> statement-breakpoint
CREATE INDEX "contact_legs_tenant_offered_idx" ON "contact_legs" USING btree ("tenant_id","offered_at");--> statement-breakpoint
CREATE INDEX "contact_legs_contact_idx" ON "contact_legs" USING btree ("contact_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contacts_tenant_external_uq" ON "contacts" USING btree ("tenant_id","external_id");--> statement-breakpoint
CREATE INDEX "contacts_tenant_arrived_idx" ON "contacts" USING btree ("tenant_id","arrived_at");--> statement-breakpoint
CREATE INDEX "contacts_agent_status_idx" ON "contacts" USING btree ("agent_user_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "reason_codes_tenant_kind_code_uq" ON "reason_codes" USING btree ("tenant_id","kind","code");--> statement-breakpoint
CREATE INDEX "routing_events_agent_idx" ON "routing_events" USING btree ("agent_id","id");--> statement-breakpoint
CREATE INDEX "routing_events_at_idx" ON "routing_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_queues_tenant_name_uq" ON "routing_queues" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "routing_skills_tenant_name_uq" ON "routing_skills" USING btree ("tenant_id","name");