ALTER TABLE "telephony_settings" ADD COLUMN "payment_url" text;--> statement-breakpoint
ALTER TABLE "telephony_settings" ADD COLUMN "payment_authorization" text;