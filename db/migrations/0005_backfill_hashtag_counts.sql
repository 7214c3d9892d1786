-- Every post before groups was company-wide: its hashtag counts belong to the company audience (group 0).
INSERT INTO `hashtag_counts` (`hashtag_id`, `group_id`, `post_count`)
  SELECT `id`, 0, `post_count` FROM `hashtags` WHERE `post_count` > 0;
