CREATE TABLE `event_comment_reactions` (
	`comment_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`comment_id`, `user_id`, `kind`),
	FOREIGN KEY (`comment_id`) REFERENCES `event_comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_comment_reactions_user_idx` ON `event_comment_reactions` (`user_id`);