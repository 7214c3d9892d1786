CREATE TABLE `event_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`html` text NOT NULL,
	`segment` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_comments_event_idx` ON `event_comments` (`event_id`,`id`);--> statement-breakpoint
CREATE INDEX `event_comments_segment_idx` ON `event_comments` (`event_id`,`segment`,`id`);--> statement-breakpoint
CREATE INDEX `event_comments_author_idx` ON `event_comments` (`author_id`);--> statement-breakpoint
CREATE TABLE `event_poll_votes` (
	`poll_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`option` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`poll_id`, `user_id`, `option`),
	FOREIGN KEY (`poll_id`) REFERENCES `event_polls`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_poll_votes_option_idx` ON `event_poll_votes` (`poll_id`,`option`);--> statement-breakpoint
CREATE INDEX `event_poll_votes_user_idx` ON `event_poll_votes` (`user_id`);--> statement-breakpoint
CREATE TABLE `event_polls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`question` text NOT NULL,
	`options` text NOT NULL,
	`multiple` integer DEFAULT false NOT NULL,
	`hide_results` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`opened_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_polls_event_idx` ON `event_polls` (`event_id`,`id`);--> statement-breakpoint
CREATE INDEX `event_polls_created_by_idx` ON `event_polls` (`created_by_id`);--> statement-breakpoint
CREATE TABLE `event_segments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`segment` integer NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`started_by_id` integer,
	`started_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_segments_event_idx` ON `event_segments` (`event_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `event_segments_started_by_idx` ON `event_segments` (`started_by_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `segment_changed_at` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `segment_grace_seconds` integer DEFAULT 20 NOT NULL;