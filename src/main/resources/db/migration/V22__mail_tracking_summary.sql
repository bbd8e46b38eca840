-- Terrain data model, part 22: what remains of a campaign's tracking once the retention policy deleted its opens
-- and clicks (mail_event; category mail-tracking, docs/adr/0021-retention-of-mail-tracking.md). No person here:
-- the campaign's report as the mail pages showed it then, small cells (< 10 recipients) already masked, without
-- the top sharers (outbox rows, hence people). The pages show these figures, frozen, from then on.
CREATE TABLE mail_tracking_summary (
    campaign_id      BIGINT PRIMARY KEY REFERENCES mail_campaign (id),
    figures          VARCHAR(1000000) NOT NULL,  -- JSON: CampaignTracking.json, masked, no sharer
    ab_figures       VARCHAR(100000),            -- JSON of the A/B test the campaign was part of (A or B), if any
    events_deleted   BIGINT NOT NULL,            -- how many opens and clicks went
    as_of            DATE NOT NULL,              -- the retention run's day
    summarised_at    TIMESTAMP NOT NULL          -- UTC
);
