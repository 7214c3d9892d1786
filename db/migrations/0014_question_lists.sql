ALTER TABLE `posts` ADD `last_reply_at` integer;--> statement-breakpoint
CREATE INDEX `posts_questions_idx` ON `posts` (`id`) WHERE kind = 'question' and reply_to_id is null;--> statement-breakpoint
CREATE INDEX `posts_questions_votes_idx` ON `posts` (`vote_count`,`id`) WHERE kind = 'question' and reply_to_id is null;--> statement-breakpoint
CREATE INDEX `posts_questions_activity_idx` ON `posts` ((case when last_reply_at is null then created_at else last_reply_at end),`id`) WHERE kind = 'question' and reply_to_id is null;