-- Groups in the embedded search engine (search/sqlite-fts.ts, issue #6), following 0002_search_fts.sql: a
-- contentless FTS5 table over our own tokens (words + Korean/CJK bigrams from search/text.ts, split by the ascii
-- tokenizer), a docs table for ranking and read-back, and the scopes that may find each group.
CREATE TABLE `search_group_docs` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`member_count` integer NOT NULL,
	`visibility` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `search_group_scopes` (
	`id` integer NOT NULL,
	`scope_id` integer NOT NULL,
	PRIMARY KEY (`id`, `scope_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_group_fts` USING fts5(name, slug, description, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
-- A post's group, read back by get(); the group filter itself is a facet token (g<id>) in search_post_fts.
ALTER TABLE `search_post_docs` ADD `group_id` integer;
--> statement-breakpoint
UPDATE `search_post_docs` SET `group_id` = (SELECT `group_id` FROM `posts` WHERE `posts`.`id` = `search_post_docs`.`id`);
--> statement-breakpoint
-- Posts indexed before this migration lack the facet, and groups are not indexed yet: queue them (behind fresh
-- changes, like reindexAll) so the worker rebuilds their documents.
INSERT INTO `search_outbox` (`entity`, `entity_id`, `available_at`)
  SELECT 'post', `id`, 1 FROM `posts` WHERE `group_id` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `search_outbox` (`entity`, `entity_id`, `available_at`) SELECT 'group', `id`, 1 FROM `groups`;
