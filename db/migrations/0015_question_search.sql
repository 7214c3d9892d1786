-- Questions in the embedded search engine (search/sqlite-fts.ts, issue #9; docs/decisions/0001-search.md). A
-- question's title and best answer are indexed with its body in search_post_fts (an FTS5 table cannot gain
-- columns without a rebuild of every post); they are kept apart here for scoring (title above the body, the
-- answer below it) and highlighting, with whether the question has a best answer (also a b0/b1 facet token).
ALTER TABLE `search_post_docs` ADD `title` text;
--> statement-breakpoint
ALTER TABLE `search_post_docs` ADD `answer` text;
--> statement-breakpoint
ALTER TABLE `search_post_docs` ADD `answered` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Questions indexed before this migration lack their title, best answer and facet: rebuild them (behind fresh
-- changes, like reindexAll).
INSERT INTO `search_backlog` (`entity`, `entity_id`, `available_at`)
  SELECT 'post', `id`, 1 FROM `posts` WHERE `kind` = 'question' AND `reply_to_id` IS NULL;
