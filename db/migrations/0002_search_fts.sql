-- The embedded search engine (search/sqlite-fts.ts, docs/decisions/0001-search.md). FTS5 tables are
-- contentless: search/text.ts tokenises (words + CJK bigrams) and FTS5's ascii tokenizer only splits on the
-- spaces between our tokens. Post rows are keyed by created_at_ms * 1024 + (id % 1024) so that "newest", date
-- ranges and cursors are rowid ranges FTS5 walks directly.
CREATE TABLE `search_scopes` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_scopes_name_unique` ON `search_scopes` (`name`);
--> statement-breakpoint
CREATE TABLE `search_post_docs` (
	`key` integer PRIMARY KEY NOT NULL,
	`id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`reply_to_id` integer,
	`kind` text NOT NULL,
	`author_id` integer NOT NULL,
	`author_handle` text NOT NULL,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`length` integer NOT NULL,
	`hashtags` text NOT NULL,
	`created_at` integer NOT NULL,
	`visibility` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_post_docs_id_unique` ON `search_post_docs` (`id`);
--> statement-breakpoint
CREATE TABLE `search_post_scopes` (
	`key` integer NOT NULL,
	`scope_id` integer NOT NULL,
	PRIMARY KEY (`key`, `scope_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `search_post_terms` (
	`term` text PRIMARY KEY NOT NULL,
	`df` integer NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_post_fts` USING fts5(body, author, facets, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
CREATE TABLE `search_person_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`handle` text NOT NULL,
	`name` text NOT NULL,
	`department` text NOT NULL,
	`title` text NOT NULL,
	`active` integer NOT NULL,
	`visibility` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_person_scopes` (
	`id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	PRIMARY KEY (`id`, `scope_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_person_fts` USING fts5(name, handle, department, title, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
CREATE TABLE `search_hashtag_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`post_count` integer NOT NULL,
	`visibility` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_hashtag_scopes` (
	`id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	PRIMARY KEY (`id`, `scope_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_hashtag_fts` USING fts5(name, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
CREATE TABLE `search_stats` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
) WITHOUT ROWID;
