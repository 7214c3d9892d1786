-- Search becomes a consumer of domain_events (docs/decisions/0001-search.md, addendum). Until now every event
-- also wrote search_outbox rows in its transaction, so the outbox already holds the work of every event recorded
-- so far: carry its rows over to the backlog (nothing lost) and start the search cursor after the newest event.
INSERT INTO `search_backlog` (`entity`, `entity_id`, `created_at`, `attempts`, `available_at`)
  SELECT `entity`, `entity_id`, `created_at`, `attempts`, `available_at` FROM `search_outbox` ORDER BY `id`;
--> statement-breakpoint
INSERT INTO `event_consumers` (`name`, `last_event_id`)
  VALUES ('search', (SELECT coalesce(max(`id`), 0) FROM `domain_events`))
  ON CONFLICT (`name`) DO NOTHING;
