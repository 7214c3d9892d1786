CREATE TABLE `company_holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `users` ADD `work_days` text;--> statement-breakpoint
ALTER TABLE `users` ADD `work_start` text;--> statement-breakpoint
ALTER TABLE `users` ADD `work_end` text;--> statement-breakpoint
CREATE INDEX `notifications_held_idx` ON `notifications` (`deliver_after`) WHERE deliver_after is not null;