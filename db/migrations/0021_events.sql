CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` integer,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject_type`,`subject_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`);--> statement-breakpoint
CREATE TABLE `event_bans` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`banned_by_id` integer,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`banned_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_bans_user_idx` ON `event_bans` (`user_id`);--> statement-breakpoint
CREATE TABLE `event_question_replies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`question_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`question_id`) REFERENCES `event_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_question_replies_question_idx` ON `event_question_replies` (`question_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_question_replies_author_idx` ON `event_question_replies` (`author_id`);--> statement-breakpoint
CREATE TABLE `event_question_votes` (
	`question_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`question_id`, `user_id`),
	FOREIGN KEY (`question_id`) REFERENCES `event_questions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_question_votes_user_idx` ON `event_question_votes` (`user_id`);--> statement-breakpoint
CREATE TABLE `event_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`body` text NOT NULL,
	`status` text NOT NULL,
	`dismiss_reason` text,
	`edited_at` integer,
	`starred` integer DEFAULT false NOT NULL,
	`merged_into_id` integer,
	`vote_count` integer DEFAULT 0 NOT NULL,
	`answer` text,
	`answered_by_id` integer,
	`answered_at` integer,
	`approved_at` integer,
	`segment` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`merged_into_id`) REFERENCES `event_questions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`answered_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `event_questions_top_idx` ON `event_questions` (`event_id`,`status`,`vote_count`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_questions_recent_idx` ON `event_questions` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `event_questions_author_idx` ON `event_questions` (`author_id`,`event_id`);--> statement-breakpoint
CREATE INDEX `event_questions_merged_idx` ON `event_questions` (`merged_into_id`);--> statement-breakpoint
CREATE INDEX `event_questions_answered_by_idx` ON `event_questions` (`answered_by_id`);--> statement-breakpoint
CREATE TABLE `event_roles` (
	`event_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`event_id`, `user_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_roles_user_idx` ON `event_roles` (`user_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`description_html` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`group_id` integer,
	`state` text DEFAULT 'upcoming' NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`code` text NOT NULL,
	`questions_open_at` integer,
	`anonymous_questions` integer DEFAULT false NOT NULL,
	`pre_moderation` integer DEFAULT false NOT NULL,
	`comments` integer DEFAULT true NOT NULL,
	`hosts_see_anonymous` integer DEFAULT false NOT NULL,
	`segment` integer,
	`created_by_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `events_code_unique` ON `events` (`code`);--> statement-breakpoint
CREATE INDEX `events_starts_at_idx` ON `events` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `events_group_idx` ON `events` (`group_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_created_by_idx` ON `events` (`created_by_id`);