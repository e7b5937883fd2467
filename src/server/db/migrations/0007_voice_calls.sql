CREATE TABLE "telephony_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"twilio_account_sid" text,
	"twilio_auth_token" text,
	"twilio_api_key_sid" text,
	"twilio_api_key_secret" text,
	"twilio_twiml_app_sid" text,
	"cti_token_hash" text,
	"blocked_numbers" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voice_calls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"external_id" text NOT NULL,
	"direction" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"flow_id" uuid,
	"flow_version" integer,
	"ivr_state" jsonb,
	"step" integer DEFAULT 0 NOT NULL,
	"last_reply" text,
	"status" text NOT NULL,
	"outcome" text,
	"cause" text,
	"customer_id" uuid,
	"contact_id" uuid,
	"interaction_id" uuid,
	"agent_user_id" uuid,
	"answered_by" text,
	"entered" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recording_sid" text,
	"recording_url" text,
	"recording_duration_sec" integer,
	"started_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD COLUMN "extension" text;--> statement-breakpoint
ALTER TABLE "agent_profiles" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD CONSTRAINT "telephony_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_flow_id_ivr_flows_id_fk" FOREIGN KEY ("flow_id") REFERENCES "public"."ivr_flows"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_interaction_id_interactions_id_fk" FOREIGN KEY ("interaction_id") REFERENCES "public"."interactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voice_calls" ADD CONSTRAINT "voice_calls_agent_user_id_users_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "telephony_settings_cti_token_uq" ON "telephony_settings" USING btree ("cti_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "voice_calls_tenant_provider_external_uq" ON "voice_calls" USING btree ("tenant_id","provider","external_id");--> statement-breakpoint
CREATE INDEX "voice_calls_tenant_started_idx" ON "voice_calls" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "voice_calls_customer_idx" ON "voice_calls" USING btree ("tenant_id","customer_id","started_at");--> statement-breakpoint
CREATE INDEX "voice_calls_agent_idx" ON "voice_calls" USING btree ("tenant_id","agent_user_id","started_at");--> statement-breakpoint
CREATE INDEX "voice_calls_contact_idx" ON "voice_calls" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "owned_products_serial_digits_idx" ON "owned_products" USING btree ("tenant_id",regexp_replace("serial_normalized", '[^0-9]', '', 'g'));--> statement-breakpoint
CREATE UNIQUE INDEX "agent_profiles_extension_uq" ON "agent_profiles" USING btree ("extension");