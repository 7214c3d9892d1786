CREATE TABLE `group_mutes` (
	`user_id` integer NOT NULL,
	`group_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `group_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_mutes_group_idx` ON `group_mutes` (`group_id`);--> statement-breakpoint
CREATE TABLE `notification_actors` (
	`notification_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`notification_id`, `user_id`),
	FOREIGN KEY (`notification_id`) REFERENCES `notifications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_actors_recent_idx` ON `notification_actors` (`notification_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `notification_actors_user_idx` ON `notification_actors` (`user_id`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target_key` text NOT NULL,
	`post_id` integer,
	`thread_id` integer,
	`group_id` integer,
	`actor_count` integer DEFAULT 0 NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`unread` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer NOT NULL,
	`first_event_id` integer NOT NULL,
	`last_event_id` integer NOT NULL,
	`deliver_after` integer,
	`emailed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_target_unique` ON `notifications` (`user_id`,`kind`,`target_key`);--> statement-breakpoint
CREATE INDEX `notifications_recent_idx` ON `notifications` (`user_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`updated_at`,`id`) WHERE unread = 1;--> statement-breakpoint
CREATE INDEX `notifications_post_idx` ON `notifications` (`post_id`);--> statement-breakpoint
CREATE INDEX `notifications_thread_idx` ON `notifications` (`thread_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `notifications_group_idx` ON `notifications` (`group_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `thread_mutes` (
	`user_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `thread_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`thread_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_mutes_thread_idx` ON `thread_mutes` (`thread_id`);--> statement-breakpoint
-- The notifications consumer starts at the end of the log of an existing installation: a person is told of what
-- happens from now on, not of years of history at once (a fresh database starts at 0 and the seed's events count).
INSERT INTO `event_consumers` (`name`, `last_event_id`) SELECT 'notifications', coalesce(max(`id`), 0) FROM `domain_events` WHERE 1 ON CONFLICT (`name`) DO NOTHING;
