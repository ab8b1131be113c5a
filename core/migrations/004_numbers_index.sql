-- 004: a covering index for the statistics: insights read every day's numbers and tags but
-- never the text, so they can be answered from these small index pages instead of decrypting
-- every page of entry text.

CREATE INDEX entries_numbers ON entries (
    date, satisfaction, technical_share, leadership_satisfaction, technical_satisfaction,
    energy, meetings, focus_minutes, tags
);
