ALTER TABLE "customers" ADD COLUMN "vip" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD COLUMN "twilio_caller_id" text;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD COLUMN "cti_dial_url" text;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD COLUMN "cti_dial_authorization" text;