CREATE TABLE `post_votes` (
	`post_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`post_id`, `user_id`),
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_votes_user_idx` ON `post_votes` (`user_id`);--> statement-breakpoint
ALTER TABLE `posts` ADD `title` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `vote_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `accepted_answer_id` integer REFERENCES posts(id);--> statement-breakpoint
CREATE INDEX `posts_accepted_answer_idx` ON `posts` (`accepted_answer_id`) WHERE accepted_answer_id is not null;