DROP INDEX `posts_questions_created_idx`;--> statement-breakpoint
DROP INDEX `posts_group_questions_created_idx`;--> statement-breakpoint
CREATE INDEX `posts_replies_idx` ON `posts` (`reply_to_id`,`created_at`,`author_id`) WHERE reply_to_id is not null;--> statement-breakpoint
CREATE INDEX `posts_questions_created_idx` ON `posts` (`created_at`,`group_id`,`author_id`,`accepted_answer_id`) WHERE kind = 'question' and reply_to_id is null;--> statement-breakpoint
CREATE INDEX `posts_group_questions_created_idx` ON `posts` (`group_id`,`created_at`,`author_id`,`accepted_answer_id`) WHERE kind = 'question' and reply_to_id is null;