ALTER TABLE `event_questions` ADD `post_id` integer REFERENCES posts(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `event_questions_post_idx` ON `event_questions` (`post_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `archived_at` integer;--> statement-breakpoint
ALTER TABLE `events` ADD `summary_post_id` integer REFERENCES posts(id) ON DELETE SET NULL;--> statement-breakpoint
CREATE INDEX `events_summary_post_idx` ON `events` (`summary_post_id`);--> statement-breakpoint
ALTER TABLE `posts` ADD `anonymous` integer DEFAULT false NOT NULL;