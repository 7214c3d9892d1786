CREATE TABLE `announcement_acks` (
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`),
	FOREIGN KEY (`post_id`) REFERENCES `announcements`(`post_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `announcement_acks_user_idx` ON `announcement_acks` (`user_id`,`post_id`);--> statement-breakpoint
CREATE TABLE `announcements` (
	`post_id` integer PRIMARY KEY NOT NULL,
	`requires_ack` integer DEFAULT false NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`pinned_until` integer,
	`reminded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `announcements_reminders_idx` ON `announcements` (`created_at`) WHERE requires_ack = 1 and reminded_at is null;