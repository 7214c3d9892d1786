CREATE TABLE `pending_signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`handle` text NOT NULL,
	`name` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`locale` text,
	`password_hash` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pending_signups_email_unique` ON `pending_signups` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `pending_signups_token_unique` ON `pending_signups` (`token_hash`);--> statement-breakpoint
CREATE INDEX `pending_signups_expires_idx` ON `pending_signups` (`expires_at`);