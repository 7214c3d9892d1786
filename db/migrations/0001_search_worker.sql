CREATE TABLE `search_indexed_authors` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`handle` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
