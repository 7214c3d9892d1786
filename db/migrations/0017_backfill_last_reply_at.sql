-- posts.last_reply_at (0014, the "recent activity" sort of question lists, issue #9) for threads that had
-- replies before publishPost kept it: the newest reply's time.
UPDATE `posts` SET `last_reply_at` = (SELECT max(r.`created_at`) FROM `posts` r WHERE r.`reply_to_id` = `posts`.`id`) WHERE `reply_to_id` IS NULL AND `reply_count` > 0;
