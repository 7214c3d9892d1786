-- Initial-consonant (초성) search for people, hashtags and groups (issue #13 item 1; search/hangul.ts): each of
-- their FTS5 tables gains an `initials` column holding the 초성 tokens of the name (김민수 → ㄱㅁ ㅁㅅ ㅅ, and the
-- name's first initial paired with each later one, for abbreviations such as ㅅㅍ → 신제품). An FTS5 table cannot
-- gain a column, so these three small tables are made again, and their documents rebuilt by the worker (behind
-- fresh changes, like reindexAll). Until it has, a person, hashtag or group is briefly not found.
DROP TABLE `search_person_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_person_fts` USING fts5(name, handle, department, title, initials, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
DELETE FROM `search_person_docs`;
--> statement-breakpoint
DELETE FROM `search_person_scopes`;
--> statement-breakpoint
DROP TABLE `search_hashtag_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_hashtag_fts` USING fts5(name, initials, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
DELETE FROM `search_hashtag_docs`;
--> statement-breakpoint
DELETE FROM `search_hashtag_scopes`;
--> statement-breakpoint
DROP TABLE `search_group_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_group_fts` USING fts5(name, slug, description, initials, content='', contentless_delete=1, tokenize='ascii');
--> statement-breakpoint
DELETE FROM `search_group_docs`;
--> statement-breakpoint
DELETE FROM `search_group_scopes`;
--> statement-breakpoint
INSERT INTO `search_backlog` (`entity`, `entity_id`, `available_at`) SELECT 'user', `id`, 1 FROM `users`;
--> statement-breakpoint
INSERT INTO `search_backlog` (`entity`, `entity_id`, `available_at`) SELECT 'hashtag', `id`, 1 FROM `hashtags`;
--> statement-breakpoint
INSERT INTO `search_backlog` (`entity`, `entity_id`, `available_at`) SELECT 'group', `id`, 1 FROM `groups`;
